/** Experiment 4 (chapter 5): attention's time and memory against T, materialised and tiled, with an RNN for scale. */
import { largestMaterialisedSequence, largestSequenceForScores, scoreMatrixBytes } from '../../../kernels/attention/cost';
import { attentionPoint, estimateSweep, rnnPoint } from '../shared/estimate';
import { CPU_LARGEST_ARRAY_BYTES, powersOfTwo } from '../shared/sweep-steps';
import { formatBytesCell, formatInteger } from '../../utils/format';
import { timingColumns, type ExperimentDefinition, type TimedRow } from '../shared/definition';
import { CPU_MAX_T, MAX_T, WALL_PRESET_LABEL, wallRunLength } from './wall';

export interface QuadraticRow extends TimedRow {
  T: number;
  flops: number;
  /** Bytes of the T×T score matrix this run allocated (materialised only; exact). */
  scoreMatrixBytes: number;
  /** Bytes of every buffer the run allocated: inputs, outputs and intermediates. */
  allocatedBytes: number;
  /** The state the RNN carries from step to step (d numbers), counted apart from its inputs and outputs; undefined for attention. */
  stateBytes?: number;
  /** Largest |flash − materialised| over the output, where both ran. */
  maxDifference?: number;
}

export type QuadraticParams = { maxT: number; width: number };

export const quadraticCost: ExperimentDefinition<QuadraticParams, QuadraticRow> = {
  name: 'quadratic-cost',
  chapter: 'quadratic-cost',
  kernels: ['matmul/tiled.wgsl', 'attention/softmax.wgsl', 'flash/flash.wgsl', 'rnn/step.wgsl'],
  title: 'The quadratic cost',
  caption: 'The quadratic cost: time and memory of attention over T positions, materialised and tiled, with an RNN for scale, measured on this device',
  params: [
    {
      key: 'maxT',
      label: 'Longest sequence T',
      kind: 'power-of-two',
      min: 32,
      max: MAX_T,
      defaultValue: 2048,
      cpuDefault: 512,
      cpuMax: CPU_MAX_T,
      hint: 'powers of two from 16',
    },
    { key: 'width', label: 'Head width d', kind: 'integer', min: 4, max: 128, defaultValue: 64, cpuDefault: 32 },
  ],
  presetsFor(backend) {
    const maxT = wallRunLength(backend.kind === 'cpu' ? backend : backend.device);
    return maxT === undefined ? [] : [{ label: WALL_PRESET_LABEL(maxT), values: { maxT } }];
  },
  sweep: () => import('./sweep').then((module) => module.sweepQuadraticCost),
  timing: true,
  estimate({ maxT, width }, backend) {
    // The sweep materialises the scores only while they fit in one array (CPU) or buffer (WebGPU).
    const limit = backend.kind === 'cpu' ? largestSequenceForScores(CPU_LARGEST_ARRAY_BYTES) : largestMaterialisedSequence(backend.device);
    const points = powersOfTwo(16, maxT).flatMap((t) => {
      const shape = { sequenceLength: t, keyDim: width, valueDim: width };
      const materialised = t <= limit ? [attentionPoint(shape, 'materialised', backend)] : [];
      return [...materialised, attentionPoint(shape, 'flash', backend), rnnPoint({ steps: t, hidden: width, input: width })];
    });
    return estimateSweep(points, backend);
  },
  gpuRequirements({ maxT }) {
    // Enough for the largest score matrix the reader asked for, if the adapter has it.
    const bytes = scoreMatrixBytes(maxT);
    return { optionalFeatures: ['timestamp-query'], preferredLimits: { maxBufferSize: bytes, maxStorageBufferBindingSize: bytes } };
  },
  columns: [
    { key: 'series', label: 'Method' },
    { key: 'T', label: 'T', format: formatInteger, essential: true },
    ...timingColumns<QuadraticRow>(),
    { key: 'scoreMatrixBytes', label: 'Score matrix bytes', format: formatBytesCell, essential: true },
    { key: 'allocatedBytes', label: 'All bytes allocated', format: formatBytesCell },
    { key: 'stateBytes', label: 'State carried step to step', format: (value) => (value === undefined ? '—' : formatBytesCell(value)) },
    {
      key: 'maxDifference',
      label: 'Max |tiled − materialised|',
      format: (value) => (value === undefined || value === null ? '—' : Number(value).toExponential(2)),
    },
    { key: 'flops', label: 'FLOPs', format: formatInteger },
    { key: 'timing', label: 'Timed by' },
  ],
  plots: [
    { x: 'T', y: 'medianMs', xLabel: 'sequence length T', yLabel: 'time (ms)', logX: true, logY: true },
    { x: 'T', y: 'allocatedBytes', xLabel: 'sequence length T', yLabel: 'bytes allocated', logX: true, logY: true },
  ],
  summarize: () => import('./summary').then((module) => module.summarizeQuadraticCost),
};

/** The module's default export is its definition, so the runner can load one experiment by its name. */
export default quadraticCost;
