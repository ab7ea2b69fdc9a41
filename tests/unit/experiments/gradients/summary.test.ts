/** The gradients experiment's headline, verdict and sentences, from synthetic rows, for each outcome: shows, contradicts, noisy. */
import { describe, expect, test } from 'vitest';
import type { GradientParams, GradientRow } from '../../../../src/experiments/gradients/definition';
import { summarizeGradients } from '../../../../src/experiments/gradients/summary';
import { ATTENTION_GRADIENT_SERIES, FORGET_GRADIENT_SERIES, LSTM_CELL_GRADIENT_SERIES, TANH_GRADIENT_SERIES } from '../../../../src/experiments/shared/series';

const params: GradientParams = { singularValue: 0.9, forgetGate: 0.99, distance: 4, width: 8 };

/** Rows of one series from its log₁₀ sizes at k = 1, 2, …. */
function series(name: string, log10Norms: number[]): GradientRow[] {
  return log10Norms.map((log10Norm, index) => ({ series: name, k: index + 1, norm: 10 ** log10Norm, log10Norm }));
}

const formula = series(
  FORGET_GRADIENT_SERIES,
  [1, 2, 3, 4].map((k) => k * Math.log10(0.99)),
);
const tanhFalls = series(TANH_GRADIENT_SERIES, [-0.5, -1, -2, -3.5]);
const cellSlow = series(LSTM_CELL_GRADIENT_SERIES, [-0.01, -0.02, -0.03, -0.04]);

describe('the gradients summary', () => {
  test('no rows: no headline', () => {
    expect(summarizeGradients([], params)).toEqual({ headline: '', verdict: 'noisy', sentences: [], details: [] });
  });

  test('shows the claim: attention at k = K above both recurrent paths', () => {
    const rows = [...tanhFalls, ...cellSlow, ...formula, ...series(ATTENTION_GRADIENT_SERIES, [-0.2, -0.3, -0.3, -0.01 + 0.1])];
    const summary = summarizeGradients(rows, params);
    expect(summary.verdict).toBe('shows');
    expect(summary.headline).toBe("At distance k = 4, the tanh RNN's gradient was 10^-3.50, the LSTM cell's gradient was 10^-0.04 and attention's 10^0.09.");
    expect(summary.sentences).toEqual([
      // 0.09 − (−3.5) = 3.59; 0.09 − (−0.04) = 0.13.
      "Attention's gradient, one step from the fact at every k, was 3.59 decades above the tanh RNN's and 0.13 decades above the LSTM cell's at k = 4.",
      // Bound at k = 4: 4·log₁₀ 0.9 = −0.183.
      "Through the tanh RNN with σ₁(W_hh) = 0.9 the gradient's size was 10^-0.50 at k = 1 and 10^-3.50 at k = 4 (down 3.00 decades); the bound σ₁^k is 10^-0.18 there.",
      // −0.04 − 4·log₁₀ 0.99 = −0.04 + 0.0175 = −0.0225: within 0.05 decades.
      'The real LSTM cell, its gates moving with the input, ended within 0.05 decades of the constant-gate formula 0.99^4 = 10^-0.02.',
    ]);
    expect(summary.details.join(' ')).toContain('causal layer');
  });

  test('contradicts the claim: attention below the LSTM cell at k = K', () => {
    const rows = [...tanhFalls, ...cellSlow, ...series(ATTENTION_GRADIENT_SERIES, [-0.2, -1.5, -0.9, -0.5])];
    const summary = summarizeGradients(rows, params);
    expect(summary.verdict).toBe('contradicts');
    expect(summary.sentences[0]).toBe(
      "Attention's gradient, one step from the fact at every k, was 3.00 decades above the tanh RNN's and 0.46 decades below the LSTM cell's at k = 4.",
    );
  });

  test('too close to tell: attention within 0.05 decades of a recurrent path', () => {
    const rows = [...cellSlow, ...series(ATTENTION_GRADIENT_SERIES, [-0.01, -0.02, -0.03, -0.02])];
    const summary = summarizeGradients(rows, params);
    expect(summary.verdict).toBe('noisy');
    expect(summary.sentences).toEqual([
      "Attention's gradient, one step from the fact at every k, was within 0.05 decades of the LSTM cell's at k = 4.",
      'Within 0.05 decades no path is called ahead: a larger distance K would separate them.',
    ]);
  });

  test('a tanh product that grows says up; one that stays level says about the same', () => {
    const up = summarizeGradients(series(TANH_GRADIENT_SERIES, [0.1, 0.5, 1, 2.1]), { ...params, singularValue: 1.5 });
    expect(up.sentences[0]).toContain('10^0.10 at k = 1 and 10^2.10 at k = 4 (up 2.00 decades)');
    const level = summarizeGradients(series(TANH_GRADIENT_SERIES, [-0.3, -0.3, -0.3, -0.301]), params);
    expect(level.sentences[0]).toContain('(about the same)');
  });

  test('a tanh product that becomes exactly zero names the distance, and attention is infinitely many decades above it', () => {
    const rows = [...series(TANH_GRADIENT_SERIES, [-0.5, -1, -Infinity, -Infinity]), ...series(ATTENTION_GRADIENT_SERIES, [-1, -1, -1, -1])];
    const summary = summarizeGradients(rows, params);
    expect(summary.verdict).toBe('shows');
    expect(summary.headline).toBe("At distance k = 4, the tanh RNN's gradient was exactly 0 and attention's 10^-1.00.");
    expect(summary.sentences).toEqual([
      "Attention's gradient, one step from the fact at every k, was infinitely many decades above the tanh RNN's at k = 4.",
      "Through the tanh RNN with σ₁(W_hh) = 0.9 the gradient's size was 10^-0.50 at k = 1, and the product became exactly zero in f32 at k = 3.",
    ]);
  });

  test('the formula alone: its value, and no verdict beyond noise', () => {
    const summary = summarizeGradients(formula, params);
    expect(summary.headline).toBe('The constant-gate formula gives 0.99^4 = 10^-0.02.');
    expect(summary.verdict).toBe('noisy');
  });
});
