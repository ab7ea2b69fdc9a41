/** Experiment 6 (chapter 6): the cost of one more token at position p, for an RNN step and a KV-cache attention step. */
import { kvStepWork } from '../../../kernels/attention/cost';
import { formatBytesCell, formatInteger, seriesValues, timingColumns, TIMESTAMPS_ONLY, type ExperimentDefinition, type TimedRow } from './definition';
import { attentionPoint, estimateSweep, rnnPoint } from '../estimate';
import { powersOfTwo } from '../sweeps/sweep-steps';
import { KV_STEP_SERIES, RNN_STEP_SERIES } from './names';

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
  kernels: ['rnn/step.wgsl', 'matmul/tiled.wgsl', 'attention/softmax.wgsl'],
  caption: 'Streaming: time, counted work and memory of one decode step at each position, for an RNN and for attention over a KV cache, on this device',
  params: [
    { key: 'maxPosition', label: 'Last position p', kind: 'power-of-two', min: 2, max: 65536, defaultValue: 4096, cpuDefault: 1024 },
    { key: 'width', label: 'Width d', kind: 'integer', min: 4, max: 256, defaultValue: 64, cpuDefault: 32 },
    { key: 'multiple', label: 'Find where attention costs this many RNN steps', kind: 'integer', min: 2, max: 10000, defaultValue: 10 },
  ],
  sweep: () => import('../sweeps/streaming').then((module) => module.sweepStreaming),
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
  columns: [
    { key: 'series', label: 'Step' },
    { key: 'position', label: 'Position p', format: formatInteger },
    ...timingColumns<StreamingRow>(),
    { key: 'flops', label: 'FLOPs (counted)', format: formatInteger },
    { key: 'bytesRead', label: 'Bytes read (counted)', format: formatBytesCell },
    { key: 'stateBytes', label: 'Memory held', format: formatBytesCell },
  ],
  plots: [
    { x: 'position', y: 'medianMs', xLabel: 'position p', yLabel: 'time per token (ms)', logX: true, logY: true },
    { x: 'position', y: 'flops', xLabel: 'position p', yLabel: 'FLOPs per token (counted)', logX: true, logY: true },
  ],
  summarize(rows, params) {
    if (rows.length === 0) return [];
    const multiple = params.multiple;
    const width = params.width;
    const rnnFlops = seriesValues(rows, RNN_STEP_SERIES, 'position', 'flops');
    const kvFlops = seriesValues(rows, KV_STEP_SERIES, 'position', 'flops');
    const rnnTime = seriesValues(rows, RNN_STEP_SERIES, 'position', 'medianMs');
    const kvTime = seriesValues(rows, KV_STEP_SERIES, 'position', 'medianMs');
    const stepFlops = [...rnnFlops.values()][0]!;
    // 4·p·d ≥ k · 4d² ⇔ p ≥ k·d.
    const countedPosition = Math.ceil((multiple * stepFlops) / kvStepWork(1, width).flops);
    const positions = [...kvTime.keys()].sort((a, b) => a - b);
    const measured = positions.find((p) => kvTime.get(p)! >= multiple * rnnTime.get(p)!);
    const last = positions.at(-1)!;
    return [
      `Counted work: the RNN step is ${formatInteger(stepFlops)} FLOPs at every position; the KV-cache step is 4·p·d, ${formatInteger(kvFlops.get(last)!)} FLOPs at p = ${formatInteger(last)}.`,
      `By count, the attention step costs ${formatInteger(multiple)} RNN steps from position ${formatInteger(countedPosition)} (4·p·d ≥ ${formatInteger(multiple)} · ${formatInteger(stepFlops)}).`,
      measured === undefined
        ? `By the clock on this device, it never reached ${formatInteger(multiple)}× the RNN step's time up to p = ${formatInteger(last)}; fixed per-dispatch costs dominate small steps.`
        : `By the clock on this device, it first took ${formatInteger(multiple)}× the RNN step's time at p = ${formatInteger(measured)}.`,
    ];
  },
};

/** The module's default export is its definition, so the runner can load one experiment by its name. */
export default streaming;
