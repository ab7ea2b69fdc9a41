/** Experiment 3 (chapter 4): gradient size against distance for a tanh RNN, an LSTM cell path and attention. */
import { formatInteger, seriesValues, TIMESTAMPS_ONLY, type ExperimentDefinition, type ExperimentRow } from './definition';
import { rnnForwardBytes, rnnForwardFlops } from '../../../kernels/rnn/cost';
import { estimateSweep } from '../estimate';
import { ATTENTION_GRADIENT_SERIES, FORGET_GRADIENT_SERIES, TANH_GRADIENT_SERIES } from './names';

export interface GradientRow extends ExperimentRow {
  /** Distance k = T − t between the two positions. */
  k: number;
  /** ‖∂h_T/∂h_{T−k}‖ (or the gate product); may underflow far back. */
  norm: number;
  /** log₁₀ of it, finite even where `norm` underflows. */
  log10Norm: number;
}

export type GradientParams = { radius: number; forgetGate: number; distance: number; width: number };

export const gradients: ExperimentDefinition<GradientParams, GradientRow> = {
  name: 'gradients',
  title: 'Gradients over distance',
  chapter: 'long-range-dependencies',
  kernels: ['gradient/jacobian.wgsl', 'scan/sequential.wgsl', 'matmul/tiled.wgsl', 'attention/softmax.wgsl'],
  caption: 'Gradients over distance: the size of the gradient between positions k steps apart, computed on this device',
  params: [
    { key: 'radius', label: 'Spectral radius of the recurrent weights', kind: 'number', min: 0.1, max: 2, step: 0.05, defaultValue: 0.9 },
    { key: 'forgetGate', label: 'Forget gate f', kind: 'number', min: 0.5, max: 0.9999, step: 0.001, defaultValue: 0.99 },
    { key: 'distance', label: 'Largest distance K', kind: 'integer', min: 2, max: 2000, defaultValue: 500, cpuDefault: 300 },
    { key: 'width', label: 'Hidden size d', kind: 'integer', min: 2, max: 128, defaultValue: 32, cpuDefault: 16 },
  ],
  presets: [{ label: "The article's gate: f = 0.99 over 500 steps", values: { forgetGate: 0.99, distance: 500 } }],
  sweep: () => import('../sweeps/gradients').then((module) => module.sweepGradients),
  estimate({ distance, width }, backend) {
    const shape = { steps: distance, hidden: width, input: 4 };
    const positions = distance + 1;
    const points = [
      // The forward pass, then K products of the d×d Jacobian (float64 on the CPU), one dispatch each.
      { flops: rnnForwardFlops(shape), dispatches: distance, bytes: rnnForwardBytes(shape), timed: false },
      { flops: 2 * distance * width ** 3, dispatches: distance, bytes: 16 * width * width + 16 * distance + rnnForwardBytes(shape), timed: false },
      { flops: distance, dispatches: 1, bytes: 16 * distance, timed: false },
      { flops: 4 * positions * width, dispatches: 3, bytes: 4 * (width + positions * width + positions), timed: false },
    ];
    return estimateSweep(points, backend);
  },
  gpuRequirements: () => TIMESTAMPS_ONLY,
  columns: [
    { key: 'series', label: 'Path' },
    { key: 'k', label: 'Distance k', format: formatInteger },
    { key: 'norm', label: 'Gradient size', format: (value) => Number(value).toPrecision(4) },
    { key: 'log10Norm', label: 'log₁₀ size', format: (value) => Number(value).toFixed(3) },
  ],
  plots: [{ x: 'k', y: 'log10Norm', xLabel: 'distance k', yLabel: 'log₁₀ gradient size', logX: false, logY: false }],
  summarize(rows, params) {
    if (rows.length === 0) return [];
    const sentences: string[] = [];
    const last = Math.max(...rows.map((row) => Number(row.k)));
    const at = (series: string) => seriesValues(rows, series, 'k', 'log10Norm');
    const tanh = at(TANH_GRADIENT_SERIES);
    if (tanh.size > 0) {
      sentences.push(
        `tanh RNN: the gradient's size went from 10^${tanh.get(1)!.toFixed(2)} at k = 1 to 10^${tanh.get(last)!.toFixed(2)} at k = ${formatInteger(last)}.`,
      );
    }
    const forget = at(FORGET_GRADIENT_SERIES);
    if (forget.size > 0) {
      const f = params.forgetGate;
      const measured = 10 ** forget.get(last)!;
      sentences.push(
        `LSTM cell path: ${f}^${last} = e^(${last} · ln ${f}) = ${(f ** last).toPrecision(4)}; this device's product of ${formatInteger(last)} gates gave ${measured.toPrecision(4)}, a ${((1 - measured) * 100).toPrecision(3)}% reduction.`,
      );
    }
    const attention = [...at(ATTENTION_GRADIENT_SERIES).values()];
    if (attention.length > 1) {
      const half = Math.floor(attention.length / 2);
      const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;
      sentences.push(
        `One attention layer: the mean log₁₀ size was ${mean(attention.slice(0, half)).toFixed(2)} for the nearer half of the positions and ${mean(attention.slice(half)).toFixed(2)} for the farther half; it depends on how well keys match, not on distance.`,
      );
    }
    return sentences;
  },
};

/** The module's default export is its definition, so the runner can load one experiment by its name. */
export default gradients;
