/** Experiment 3 (chapter 4): gradient size against distance for a tanh RNN, an LSTM cell path and attention. */
import { formatInteger } from '../../utils/format';
import { jacobianProductFlops } from '../../../kernels/gradient/cost';
import { TIMESTAMPS_ONLY, summaryFromSentences, type ExperimentDefinition, type ExperimentRow } from '../shared/definition';
import { rnnForwardBytes, rnnForwardFlops } from '../../../kernels/rnn/cost';
import { estimateSweep } from '../shared/estimate';
import { ATTENTION_GRADIENT_SERIES, FORGET_GRADIENT_SERIES, TANH_GRADIENT_SERIES } from '../shared/series';
import { summarizeGradients } from './summary';

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
  summarize: (rows, params) => summaryFromSentences(summarizeGradients(rows, params)),
};

/** The module's default export is its definition, so the runner can load one experiment by its name. */
export default gradients;
