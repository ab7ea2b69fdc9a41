/**
 * The gradients experiment's summary: a headline comparing every path at the largest
 * distance, a verdict, and the sentences derived from the rows.
 */
import { formatInteger } from '../../utils/format';
import { seriesValues, type ExperimentSummary } from '../shared/definition';
import { ATTENTION_GRADIENT_SERIES, FORGET_GRADIENT_SERIES, LSTM_CELL_GRADIENT_SERIES, TANH_GRADIENT_SERIES } from '../shared/series';
import { GRADIENT_NORM, type GradientRow, type GradientParams } from './definition';

/** Two log₁₀ sizes closer than this (a factor of about 1.12) are too close to call a lead: the paths have not separated yet. */
export const SEPARATED_DECADES = 0.05;

/** 10^x with x to two decimals, as the page writes a power (the plot and table set it as a superscript). */
const log10Text = (value: number) => (value === -Infinity ? 'exactly 0' : `10^${value.toFixed(2)}`);

const decades = (gap: number) => (Math.abs(gap) === Infinity ? 'infinitely many decades' : `${Math.abs(gap).toFixed(2)} decades`);

function tanhSentence(tanh: Map<number, number>, last: number, sigma: number): string {
  const first = tanh.get(1)!;
  const end = tanh.get(last)!;
  const zeroAt = [...tanh].find(([, value]) => value === -Infinity)?.[0];
  const bound = last * Math.log10(sigma);
  const start = `Through the tanh RNN with σ₁(W_hh) = ${sigma} the gradient's size was ${log10Text(first)} at k = 1`;
  if (zeroAt !== undefined) return `${start}, and the product became exactly zero in f32 at k = ${formatInteger(zeroAt)}.`;
  const change = Math.abs(end - first) < SEPARATED_DECADES ? 'about the same' : `${end < first ? 'down' : 'up'} ${decades(end - first)}`;
  return `${start} and ${log10Text(end)} at k = ${formatInteger(last)} (${change}); the bound σ₁^k is 10^${bound.toFixed(2)} there.`;
}

/** The headline, verdict, sentences and details, derived from the rows. */
export function summarizeGradients(rows: readonly GradientRow[], params: GradientParams): ExperimentSummary {
  const details = [
    `Every size is ${GRADIENT_NORM}, the Frobenius norm over √d, which gives the identity size one; sizes are compared as log₁₀, one shared scale for every path.`,
    `The LSTM cell is real: its gates i, f, g, o move with the input (recurrent weights uniform in ±1/√d, the forget gate's bias set so the gates sit near f = ${params.forgetGate}). ∂c_T/∂c_{T−k} is the cell-state block of the product of its 2d × 2d state Jacobians, including the path through h; its forward pass and Jacobians are float64 on the CPU, their product runs on this device.`,
    `The formula f^k is the same derivative with f held constant and the path through h left out: a reference line, not a measurement of a network.`,
    `Attention: one causal layer over 2K + 1 positions with sinusoidal positional encodings (Vaswani et al., 2017); a fact stands at position K, and the query at K + k asks for it, seeing positions 0 … K + k only. Along the value path ∂z/∂v = α·I, so the gradient's size is the weight α.`,
  ];
  if (rows.length === 0) return { headline: '', verdict: 'noisy', sentences: [], details: [] };
  const last = Math.max(...rows.map((row) => Number(row.k)));
  const at = (series: string) => seriesValues(rows, series, 'k', 'log10Norm');
  const tanh = at(TANH_GRADIENT_SERIES);
  const cell = at(LSTM_CELL_GRADIENT_SERIES);
  const formula = at(FORGET_GRADIENT_SERIES);
  const attention = at(ATTENTION_GRADIENT_SERIES);

  const recurrent = [
    ['the tanh RNN', tanh.get(last)],
    ['the LSTM cell', cell.get(last)],
  ].filter((entry): entry is [string, number] => entry[1] !== undefined);
  const attentionAtK = attention.get(last);
  const parts = [...recurrent.map(([name, value]) => `${name}'s gradient was ${log10Text(value)}`)];
  if (attentionAtK !== undefined) parts.push(`attention's ${log10Text(attentionAtK)}`);
  const headline =
    parts.length === 0
      ? `The constant-gate formula gives ${params.forgetGate}^${formatInteger(last)} = ${log10Text(formula.get(last) ?? Number.NaN)}.`
      : `At distance k = ${formatInteger(last)}, ${parts.length > 1 ? `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}` : parts[0]}.`;

  let verdict: ExperimentSummary['verdict'] = 'noisy';
  const sentences: string[] = [];
  if (attentionAtK !== undefined && recurrent.length > 0) {
    const gaps = recurrent.map(([name, value]) => [name, attentionAtK - value] as const);
    if (gaps.some(([, gap]) => gap < -SEPARATED_DECADES)) verdict = 'contradicts';
    else if (gaps.every(([, gap]) => gap > SEPARATED_DECADES)) verdict = 'shows';
    const compared = gaps.map(([name, gap]) =>
      Math.abs(gap) <= SEPARATED_DECADES ? `within ${SEPARATED_DECADES} decades of ${name}'s` : `${decades(gap)} ${gap > 0 ? 'above' : 'below'} ${name}'s`,
    );
    sentences.push(`Attention's gradient, one step from the fact at every k, was ${compared.join(' and ')} at k = ${formatInteger(last)}.`);
    if (verdict === 'noisy') sentences.push(`Within ${SEPARATED_DECADES} decades no path is called ahead: a larger distance K would separate them.`);
  }
  if (tanh.has(1) && tanh.has(last)) sentences.push(tanhSentence(tanh, last, params.singularValue));
  const cellAtK = cell.get(last);
  const formulaAtK = formula.get(last);
  if (cellAtK !== undefined && formulaAtK !== undefined) {
    const gap = cellAtK - formulaAtK;
    const relation = Math.abs(gap) <= SEPARATED_DECADES ? `within ${SEPARATED_DECADES} decades of` : `${decades(gap)} ${gap > 0 ? 'above' : 'below'}`;
    sentences.push(
      `The real LSTM cell, its gates moving with the input, ended ${relation} the constant-gate formula ${params.forgetGate}^${formatInteger(last)} = ${log10Text(formulaAtK)}.`,
    );
  }
  return { headline, verdict, sentences: sentences.slice(0, 3), details };
}
