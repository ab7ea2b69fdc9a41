/**
 * Experiment 1 (chapter 2): an RNN's T dependent steps against a self-attention layer
 * over all T positions at once, batch size 1, both timed the same way and explained by
 * this device's measured and fitted constants.
 */
import { formatInteger } from '../../utils/format';
import { timingColumns, TIMESTAMPS_ONLY, type ExperimentDefinition, type TimedRow } from '../shared/definition';
import { attentionPoint, estimateSweep, rnnPoint } from '../shared/estimate';
import { powersOfTwo } from '../shared/sweep-steps';

export interface ParallelismRow extends TimedRow {
  T: number;
  flops: number;
  gflops: number;
}

export type ParallelismParams = { maxT: number; width: number; variants: boolean };

/** The CPU path's largest sizes (`cpuMax`): its attention layer at d = 512 and T = 4,096 would take minutes per run. */
const CPU_MAX = { width: 128, maxT: 1024 };

export const parallelism: ExperimentDefinition<ParallelismParams, ParallelismRow> = {
  name: 'parallelism',
  chapter: 'sequential-computation',
  kernels: ['rnn/step.wgsl', 'rnn/persistent.wgsl', 'matmul/tiled.wgsl', 'attention/softmax.wgsl'],
  title: 'Sequential against parallel',
  caption:
    'Sequential against parallel, batch size 1: time of one RNN forward pass and of one self-attention layer (with its Q, K, V and output projections) over T positions, measured on this device',
  params: [
    {
      key: 'maxT',
      label: 'Longest sequence T',
      kind: 'power-of-two',
      min: 2,
      max: 4096,
      cpuMax: CPU_MAX.maxT,
      defaultValue: 512,
      cpuDefault: 128,
      hint: 'powers of two from 1',
    },
    {
      key: 'width',
      label: 'Hidden size d',
      kind: 'integer',
      min: 4,
      max: 512,
      defaultValue: 64,
      cpuMax: CPU_MAX.width,
      cpuDefault: 32,
      hint: `the CPU path stops at ${CPU_MAX.width}`,
    },
    { key: 'variants', label: 'Also time the other RNN variants', kind: 'boolean', defaultValue: false },
  ],
  sweep: () => import('./sweep').then((module) => module.sweepParallelism),
  timing: true,
  estimate({ maxT, width, variants }, backend) {
    const points = powersOfTwo(1, maxT).flatMap((t) => {
      const rnn = { steps: t, hidden: width, input: width };
      const otherVariants = variants && backend.kind === 'webgpu' ? [rnnPoint(rnn, 'submit-per-step'), rnnPoint(rnn, 'persistent')] : [];
      return [rnnPoint(rnn), ...otherVariants, attentionPoint({ sequenceLength: t, keyDim: width, valueDim: width }, 'materialised', backend)];
    });
    return estimateSweep(points, backend);
  },
  gpuRequirements: () => TIMESTAMPS_ONLY,
  columns: [
    { key: 'series', label: 'Method' },
    { key: 'T', label: 'T', format: formatInteger, essential: true },
    ...timingColumns<ParallelismRow>(),
    { key: 'flops', label: 'FLOPs', format: formatInteger },
    { key: 'gflops', label: 'GFLOP/s', format: (value) => Number(value).toPrecision(3) },
    { key: 'timing', label: 'Timed by' },
  ],
  plots: [{ x: 'T', y: 'medianMs', xLabel: 'sequence length T', yLabel: 'time (ms)', logX: true, logY: true }],
  summarize: () => import('./summary').then((module) => module.summarizeParallelism),
};

/** The module's default export is its definition, so the runner can load one experiment by its name. */
export default parallelism;
