/** Experiment 3 (chapter 4): gradient size against distance for a tanh RNN, an LSTM cell path and attention. */
import { formatInteger } from '../../utils/format';
import { jacobianProductFlops } from '../../../kernels/gradient/cost';
import { seriesValues, TIMESTAMPS_ONLY, type ExperimentDefinition, type ExperimentRow } from '../shared/definition';
import { rnnForwardBytes, rnnForwardFlops } from '../../../kernels/rnn/cost';
import { estimateSweep } from '../shared/estimate';
import { ATTENTION_GRADIENT_SERIES, FORGET_GRADIENT_SERIES, TANH_GRADIENT_SERIES } from '../shared/series';

/** The one norm every series is measured in; it gives the identity size one, so attention's α·I has size α. */
export const GRADIENT_NORM = '‖·‖_F/√d';

export interface GradientRow extends ExperimentRow {
  /** Distance k = T − t between the two positions. */
  k: number;
  /** The gradient's size in GRADIENT_NORM; 0 where it underflows float64 (or is exactly zero). */
  norm: number;
  /** log₁₀ of it, finite where `norm` underflows; −∞ only where the gradient is exactly zero. */
  log10Norm: number;
}

export type GradientParams = { singularValue: number; forgetGate: number; distance: number; width: number };

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

export const gradients: ExperimentDefinition<GradientParams, GradientRow> = {
  name: 'gradients',
  title: 'Gradients over distance',
  chapter: 'long-range-dependencies',
  kernels: ['gradient/jacobian.wgsl', 'scan/sequential.wgsl', 'matmul/tiled.wgsl', 'attention/softmax.wgsl'],
  caption: `Gradients over distance: the size (${GRADIENT_NORM}) of the gradient between positions k steps apart, computed on this device`,
  params: [
    {
      key: 'singularValue',
      label: 'Largest singular value σ₁ of W_hh',
      kind: 'number',
      min: 0.1,
      max: 2,
      step: 0.05,
      defaultValue: 0.9,
      hint: 'W_hh is scaled until its measured σ₁ is this value.',
    },
    { key: 'forgetGate', label: 'Forget gate f', kind: 'number', min: 0.5, max: 0.9999, step: 0.001, defaultValue: 0.99 },
    { key: 'distance', label: 'Largest distance K', kind: 'integer', min: 2, max: 2000, defaultValue: 500, cpuDefault: 300 },
    { key: 'width', label: 'Hidden size d', kind: 'integer', min: 2, max: 128, defaultValue: 32 },
  ],
  presets: [{ label: "The article's gate: f = 0.99 over 500 steps", values: { forgetGate: 0.99, distance: 500, width: 32 } }],
  sweep: () => import('./sweep').then((module) => module.sweepGradients),
  estimate({ distance, width }, backend) {
    const shape = { steps: distance, hidden: width, input: 4 };
    const positions = distance + 1;
    const points = [
      // The forward pass, then K products of the d×d Jacobian (float64 on the CPU), one dispatch each.
      { flops: rnnForwardFlops(shape), dispatches: distance, bytes: rnnForwardBytes(shape), timed: false },
      {
        flops: jacobianProductFlops({ hidden: width, maxDistance: distance }),
        dispatches: distance,
        bytes: 16 * width * width + 16 * distance + rnnForwardBytes(shape),
        timed: false,
      },
      { flops: distance, dispatches: 1, bytes: 16 * distance, timed: false },
      { flops: 4 * positions * width, dispatches: 3, bytes: 4 * (width + positions * width + positions), timed: false },
    ];
    return estimateSweep(points, backend);
  },
  gpuRequirements: () => TIMESTAMPS_ONLY,
  columns: [
    { key: 'series', label: 'Path' },
    { key: 'k', label: 'Distance k', format: formatInteger },
    { key: 'norm', label: `Gradient size (${GRADIENT_NORM})`, format: (value) => Number(value).toPrecision(4) },
    { key: 'log10Norm', label: 'log₁₀ size', format: (value) => (Number(value) === -Infinity ? '−∞' : Number(value).toFixed(3)) },
  ],
  // One panel per path, each on its own scale: the tanh product spans many more decades than the others.
  plots: [TANH_GRADIENT_SERIES, FORGET_GRADIENT_SERIES, ATTENTION_GRADIENT_SERIES].map((series) => ({
    title: series,
    select: (row: GradientRow) => row.series === series,
    x: 'k',
    y: 'log10Norm',
    xLabel: 'distance k',
    yLabel: `log₁₀ gradient size (${GRADIENT_NORM})`,
    logX: false,
    logY: false,
  })),
  summarize(rows, params) {
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
  },
};

/** The module's default export is its definition, so the runner can load one experiment by its name. */
export default gradients;
