/** Experiment 3 (chapter 4): gradient size against distance for a tanh RNN, a real LSTM cell (beside the constant-gate formula) and causal attention. */
import { formatInteger } from '../../utils/format';
import { jacobianProductFlops, lstmChainBytes, lstmChainFlops } from '../../../kernels/gradient/cost';
import { TIMESTAMPS_ONLY, type ExperimentDefinition, type ExperimentRow } from '../shared/definition';
import { rnnForwardBytes, rnnForwardFlops } from '../../../kernels/rnn/cost';
import { estimateSweep } from '../shared/estimate';

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
  kernels: ['gradient/jacobian.wgsl', 'gradient/lstm-chain.wgsl', 'scan/sequential.wgsl', 'matmul/tiled.wgsl', 'attention/softmax.wgsl'],
  caption: `Gradients over distance: the size (${GRADIENT_NORM}) of the gradient between positions k steps apart, through a tanh RNN, a real LSTM cell (beside the constant-gate formula f^k) and a causal attention layer with positions, computed on this device`,
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
    {
      key: 'forgetGate',
      label: 'Forget gate f',
      kind: 'number',
      min: 0.5,
      max: 0.9999,
      step: 0.001,
      defaultValue: 0.99,
      hint: "The LSTM's forget-gate bias is set so its gates sit near f; they move with the input. The formula f^k keeps f constant.",
    },
    { key: 'distance', label: 'Largest distance K', kind: 'integer', min: 2, max: 2000, defaultValue: 500, cpuDefault: 300 },
    { key: 'width', label: 'Hidden size d', kind: 'integer', min: 2, max: 128, defaultValue: 32 },
  ],
  presets: [{ label: "The article's gate: f = 0.99 over 500 steps", values: { forgetGate: 0.99, distance: 500, width: 32 } }],
  sweep: () => import('./sweep').then((module) => module.sweepGradients),
  estimate({ distance, width }, backend) {
    const shape = { steps: distance, hidden: width, input: 4 };
    const positions = 2 * distance + 1;
    const points = [
      // The forward pass, then K products of the d×d Jacobian (float64 on the CPU), one dispatch each.
      { flops: rnnForwardFlops(shape), dispatches: distance, bytes: rnnForwardBytes(shape), timed: false },
      {
        flops: jacobianProductFlops({ hidden: width, maxDistance: distance }),
        dispatches: distance,
        bytes: 16 * width * width + 16 * distance + rnnForwardBytes(shape),
        timed: false,
      },
      // The LSTM cell's chain of 2d×2d Jacobians, one product and one norm dispatch a step.
      {
        flops: lstmChainFlops({ hidden: width, maxDistance: distance }),
        dispatches: 2 * distance,
        bytes: lstmChainBytes({ hidden: width, maxDistance: distance }),
        timed: false,
      },
      { flops: distance, dispatches: 1, bytes: 16 * distance, timed: false },
      // K causal queries over 2K + 1 positions, scores materialised.
      { flops: 4 * distance * positions * width, dispatches: 3, bytes: 4 * (distance * width + positions * width + distance * positions), timed: false },
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
  // One panel, one log scale for every path, so their decays compare by eye: a slope is decades per step.
  plots: [
    {
      title: 'Every path on one log scale',
      x: 'k',
      y: 'log10Norm',
      xLabel: 'distance k',
      yLabel: `log₁₀ gradient size (${GRADIENT_NORM})`,
      logX: false,
      logY: false,
    },
  ],
  summarize: () => import('./summary').then((module) => module.summarizeGradients),
};

/** The module's default export is its definition, so the runner can load one experiment by its name. */
export default gradients;
