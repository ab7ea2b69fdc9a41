/** The gradients experiment's sentences, from synthetic rows, for each outcome the rows can show. */
import { describe, expect, test } from 'vitest';
import { type GradientParams, type GradientRow } from '../../../../src/experiments/gradients/definition';
import { summarizeGradients } from '../../../../src/experiments/gradients/summary';
import { ATTENTION_GRADIENT_SERIES, FORGET_GRADIENT_SERIES, TANH_GRADIENT_SERIES } from '../../../../src/experiments/shared/series';

const params: GradientParams = { singularValue: 0.9, forgetGate: 0.99, distance: 4, width: 8 };

/** Rows of one series from its log₁₀ sizes at k = 1, 2, …. */
function series(name: string, log10Norms: number[]): GradientRow[] {
  return log10Norms.map((log10Norm, index) => ({ series: name, k: index + 1, norm: 10 ** log10Norm, log10Norm }));
}

const forget = series(
  FORGET_GRADIENT_SERIES,
  [1, 2, 3, 4].map((k) => k * Math.log10(0.99)),
);

describe('the gradients summary', () => {
  test('no rows, no sentences', () => {
    expect(summarizeGradients([], params)).toEqual([]);
  });

  test('a tanh product that falls: both ends, the fall in decades, and the bound σ₁^k', () => {
    const [sentence] = summarizeGradients(series(TANH_GRADIENT_SERIES, [-0.5, -1, -2, -3.5]), params);
    // Bound at k = 4: 4·log₁₀ 0.9 = −0.183.
    expect(sentence).toBe(
      "tanh RNN with σ₁(W_hh) = 0.9: the gradient's size was 10^-0.50 at k = 1 and 10^-3.50 at k = 4 (down 3.0 decades); the bound σ₁^k is 10^-0.18 there.",
    );
  });

  test('a tanh product that grows says up', () => {
    const [sentence] = summarizeGradients(series(TANH_GRADIENT_SERIES, [0.1, 0.5, 1, 2.1]), { ...params, singularValue: 1.5 });
    expect(sentence).toContain('10^0.10 at k = 1 and 10^2.10 at k = 4 (up 2.0 decades)');
  });

  test('a tanh product that stays level says about the same', () => {
    const [sentence] = summarizeGradients(series(TANH_GRADIENT_SERIES, [-0.3, -0.3, -0.3, -0.301]), params);
    expect(sentence).toContain('(about the same)');
  });

  test('a tanh product that becomes exactly zero names the distance, not a number of decades', () => {
    const [sentence] = summarizeGradients(series(TANH_GRADIENT_SERIES, [-0.5, -1, -Infinity, -Infinity]), params);
    expect(sentence).toBe("tanh RNN with σ₁(W_hh) = 0.9: the gradient's size was 10^-0.50 at k = 1, and the product became exactly zero in f32 at k = 3.");
  });

  test('the forget-gate path: the exact power beside the measured sum of logarithms, and the reduction', () => {
    const [sentence] = summarizeGradients(forget, params);
    // 0.99^4 = 0.96059601: a 3.94% reduction.
    expect(sentence).toBe(
      "LSTM cell path: 0.99^4 = 10^(4 · log₁₀ 0.99) = 10^-0.017; this device's sum of 4 logarithms gave 10^-0.017, that is 0.9606, a 3.94% reduction.",
    );
  });

  test('a forget-gate product below float64 keeps its logarithm and gives no plain number', () => {
    const rows = series(FORGET_GRADIENT_SERIES, [-0.3, -300, -450, -602.06]);
    const [sentence] = summarizeGradients(rows, { ...params, forgetGate: 0.5 });
    expect(sentence).toContain('gave 10^-602.060.');
    expect(sentence).not.toContain('reduction');
  });

  test('attention below the forget-gate path at k = K: its range, and by how much', () => {
    const rows = [...forget, ...series(ATTENTION_GRADIENT_SERIES, [-0.2, -1.5, -0.9, -0.5])];
    const sentences = summarizeGradients(rows, params);
    expect(sentences).toContain(
      'One attention layer, its query at position T being the key planted at distance k: the weight on that key, and so the gradient, ranged from 10^-1.50 to 10^-0.20 over k = 1 … 4.',
    );
    // −0.5 − 4·log₁₀ 0.99 = −0.5 + 0.0175 = −0.4825.
    expect(sentences.at(-1)).toBe("At k = 4, attention's gradient (10^-0.50) was 0.48 decades below the LSTM cell path's.");
  });

  test('attention above both other paths, one of them exactly zero', () => {
    const rows = [
      ...series(TANH_GRADIENT_SERIES, [-1, -2, -Infinity, -Infinity]),
      ...series(FORGET_GRADIENT_SERIES, [-1, -2, -3, -4]),
      ...series(ATTENTION_GRADIENT_SERIES, [-1, -1, -1, -1]),
    ];
    expect(summarizeGradients(rows, params).at(-1)).toBe(
      "At k = 4, attention's gradient (10^-1.00) was 3.00 decades above the LSTM cell path's and infinitely many decades above the tanh RNN's.",
    );
  });

  test('attention equal to the forget-gate path within a hundredth of a decade', () => {
    const rows = [...series(FORGET_GRADIENT_SERIES, [-1, -2, -3, -4]), ...series(ATTENTION_GRADIENT_SERIES, [-1, -1, -1, -4.001])];
    expect(summarizeGradients(rows, params).at(-1)).toBe("At k = 4, attention's gradient (10^-4.00) was equal to the LSTM cell path's.");
  });

  test('attention alone: its range, and no comparison', () => {
    const sentences = summarizeGradients(series(ATTENTION_GRADIENT_SERIES, [-1, -2, -1, -1]), params);
    expect(sentences).toHaveLength(1);
    expect(sentences[0]).toContain('ranged from 10^-2.00 to 10^-1.00');
  });
});
