/** Experiment 6 (chapter 6): the cost of one more token at position p, for an RNN step and a KV-cache attention step. */
import { formatBytesCell, formatInteger } from '../../utils/format';
import { timingColumns, TIMESTAMPS_ONLY, type ExperimentDefinition, type TimedRow } from '../shared/definition';
import { attentionPoint, estimateSweep, rnnPoint } from '../shared/estimate';
import { powersOfTwo } from '../shared/sweep-steps';

export interface StreamingRow extends TimedRow {
  position: number;
  /** Counted, not timed: floating-point operations of this one step. */
  flops: number;
  /** Counted: bytes the step reads (weights, state, or the cache). */
  bytesRead: number;
  /** Memory the model holds between tokens: the hidden state, or the KV cache. */
  stateBytes: number;
}

export type StreamingParams = { maxPosition: number; width: number; multiple: number };

export const streaming: ExperimentDefinition<StreamingParams, StreamingRow> = {
  name: 'streaming',
  title: 'Streaming: the cost of one more token',
  chapter: 'when-rnns-win',
  kernels: ['rnn/decode-step.wgsl', 'attention/decode.wgsl'],
  caption:
    'Streaming: time, counted dispatches, counted work and memory of one decode step at each position, for an RNN and for attention over a KV cache, on this device',
  params: [
    { key: 'maxPosition', label: 'Last position p', kind: 'power-of-two', min: 2, max: 65536, defaultValue: 4096, cpuDefault: 1024 },
    { key: 'width', label: 'Width d', kind: 'integer', min: 4, max: 256, defaultValue: 64, cpuDefault: 32 },
    { key: 'multiple', label: 'Find where attention costs this many RNN steps', kind: 'integer', min: 2, max: 10000, defaultValue: 10 },
  ],
  sweep: () => import('./sweep').then((module) => module.sweepStreaming),
  estimate({ maxPosition, width }, backend) {
    // One query over the cache: the GPU materialises its one row of scores; the CPU reference goes row-wise.
    const kind = backend.kind === 'cpu' ? 'flash' : 'materialised';
    const points = powersOfTwo(1, maxPosition).flatMap((position) => [
      rnnPoint({ steps: 1, hidden: width, input: width }),
      attentionPoint({ sequenceLength: position, queries: 1, keyDim: width, valueDim: width }, kind, backend),
    ]);
    return estimateSweep(points, backend);
  },
  gpuRequirements: () => TIMESTAMPS_ONLY,
  timing: true,
  columns: [
    { key: 'series', label: 'Step' },
    { key: 'position', label: 'Position p', format: formatInteger, essential: true },
    ...timingColumns<StreamingRow>(),
    { key: 'flops', label: 'FLOPs (counted)', format: formatInteger },
    { key: 'bytesRead', label: 'Bytes read (counted)', format: formatBytesCell },
    { key: 'stateBytes', label: 'Memory held', format: formatBytesCell, essential: true },
  ],
  plots: [
    { x: 'position', y: 'medianMs', xLabel: 'position p', yLabel: 'time per token (ms)', logX: true, logY: true },
    { x: 'position', y: 'flops', xLabel: 'position p', yLabel: 'FLOPs per token (counted)', logX: true, logY: true },
  ],
  summarize: () => import('./summary').then((module) => module.summarizeStreaming),
};

/** The module's default export is its definition, so the runner can load one experiment by its name. */
export default streaming;
