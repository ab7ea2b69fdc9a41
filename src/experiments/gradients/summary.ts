/** The gradients experiment's summary: the sentences derived from its rows, shown under the plot and kept for the summary chapter. */
import { formatInteger } from '../../utils/format';
import { seriesValues } from '../shared/definition';
import { ATTENTION_GRADIENT_SERIES, FORGET_GRADIENT_SERIES, TANH_GRADIENT_SERIES } from '../shared/series';
import type { GradientRow, GradientParams } from './definition';

/** Two log₁₀ sizes closer than this are reported as equal (about 1%). */
const SAME_DECADES = 0.005;

const log10Text = (value: number) => (value === -Infinity ? 'exactly 0' : `10^${value.toFixed(2)}`);

function tanhSentence(tanh: Map<number, number>, last: number, sigma: number): string {
  const first = tanh.get(1)!;
  const end = tanh.get(last)!;
  const zeroAt = [...tanh].find(([, value]) => value === -Infinity)?.[0];
  const bound = last * Math.log10(sigma);
  const start = `tanh RNN with σ₁(W_hh) = ${sigma}: the gradient's size was ${log10Text(first)} at k = 1`;
  if (zeroAt !== undefined) return `${start}, and the product became exactly zero in f32 at k = ${formatInteger(zeroAt)}.`;
  const trend = Math.abs(end - first) < SAME_DECADES ? 'about the same' : end < first ? 'down' : 'up';
  return `${start} and ${log10Text(end)} at k = ${formatInteger(last)} (${trend === 'about the same' ? 'about the same' : `${trend} ${Math.abs(end - first).toFixed(1)} decades`}); the bound σ₁^k is 10^${bound.toFixed(2)} there.`;
}

function forgetSentence(forget: Map<number, number>, last: number, f: number): string {
  const exact = last * Math.log10(f);
  const measured = forget.get(last)!;
  const plain = measured > -300 ? `, that is ${(10 ** measured).toPrecision(4)}, a ${((1 - 10 ** measured) * 100).toPrecision(3)}% reduction` : '';
  return `LSTM cell path: ${f}^${last} = 10^(${last} · log₁₀ ${f}) = 10^${exact.toFixed(3)}; this device's sum of ${formatInteger(last)} logarithms gave 10^${measured.toFixed(3)}${plain}.`;
}

function attentionSentences(attention: Map<number, number>, forget: Map<number, number>, tanh: Map<number, number>, last: number): string[] {
  const values = [...attention.values()];
  const sentences = [
    `One attention layer, its query at position T being the key planted at distance k: the weight on that key, and so the gradient, ranged from ${log10Text(Math.min(...values))} to ${log10Text(Math.max(...values))} over k = 1 … ${formatInteger(last)}.`,
  ];
  const at = attention.get(last)!;
  const compare = (name: string, other: number | undefined) => {
    if (other === undefined) return undefined;
    const gap = at - other;
    if (Math.abs(gap) < SAME_DECADES) return `equal to the ${name}'s`;
    return `${Math.abs(gap) === Infinity ? 'infinitely many' : Math.abs(gap).toFixed(2)} decades ${gap > 0 ? 'above' : 'below'} the ${name}'s`;
  };
  const comparisons = [compare('LSTM cell path', forget.get(last)), compare('tanh RNN', tanh.get(last))].filter((text) => text !== undefined);
  if (comparisons.length > 0) sentences.push(`At k = ${formatInteger(last)}, attention's gradient (${log10Text(at)}) was ${comparisons.join(' and ')}.`);
  return sentences;
}

/** The sentences under the plot (and in the summary chapter), derived from the rows. */
export function summarizeGradients(rows: readonly GradientRow[], params: GradientParams): string[] {
  if (rows.length === 0) return [];
  const sentences: string[] = [];
  const last = Math.max(...rows.map((row) => Number(row.k)));
  const at = (series: string) => seriesValues(rows, series, 'k', 'log10Norm');
  const tanh = at(TANH_GRADIENT_SERIES);
  const forget = at(FORGET_GRADIENT_SERIES);
  const attention = at(ATTENTION_GRADIENT_SERIES);
  if (tanh.has(1) && tanh.has(last)) sentences.push(tanhSentence(tanh, last, params.singularValue));
  if (forget.has(last)) sentences.push(forgetSentence(forget, last, params.forgetGate));
  if (attention.has(last)) sentences.push(...attentionSentences(attention, forget, tanh, last));
  return sentences;
}
