/**
 * What the sweeps share: the context they report through, quick timing
 * settings, and timed runs of the RNN and attention kernels on either backend.
 * Sweeps run wherever the runner is (a Worker, or the main thread where Workers
 * lack WebGPU) and reach the GPU only through the kernels' host API.
 */
import { prepareRnn, runPreparedRnn, uploadRnn, type RnnVariant } from '../../../kernels/rnn/host';
import { rnnForwardReference, rnnInputs, type RnnShape } from '../../../kernels/rnn/reference';
import { largestMaterialisedSequence, prepareMaterialisedAttention, uploadAttentionInputs } from '../../../kernels/attention/host';
import { attentionInputs, attentionReference, materialisedAttentionReference, type AttentionShape } from '../../../kernels/attention/reference';
import { prepareFlashAttention } from '../../../kernels/flash/host';
import { cancelled, withResources, submitAndWait, timeGpuWork, timeWallClock, type Backend, type Timing, type TimingOptions } from '../../../kernels/runtime';
import type { ExperimentRow, TimedRow } from '../definitions';
import type { ParamValues } from '../params';

export interface SweepContext {
  backend: Backend;
  params: ParamValues;
  signal: AbortSignal;
  emit(row: ExperimentRow): void;
  progress(done: number, total: number, label: string): void;
  notice(message: string): void;
}

export const SEED = 2017;
/** Quick timings: a sweep measures many sizes, and the reader is waiting. */
export const TIMING: TimingOptions = { repetitions: 3, targetMs: 4, maxBatch: 32 };
/** The CPU path batches far more: tiny sizes run below the browser's timer resolution (up to 0.1 ms). */
export const CPU_TIMING: TimingOptions = { ...TIMING, maxBatch: 1 << 22 };

export function powersOfTwo(from: number, to: number): number[] {
  const values: number[] = [];
  for (let value = from; value <= to; value *= 2) values.push(value);
  return values;
}

export function checkpoint(signal: AbortSignal): void {
  if (signal.aborted) throw cancelled();
}

/** Times an RNN forward pass; `allocatedBytes` counts weights, inputs and the T+1 states. */
export async function timeRnn(
  backend: Backend,
  shape: RnnShape,
  variant: RnnVariant,
  signal: AbortSignal,
): Promise<{ timing: Timing; allocatedBytes: number }> {
  const { weights, x } = rnnInputs(SEED, shape);
  if (backend.kind === 'cpu') {
    const timing = await timeWallClock((batch) => repeat(batch, () => rnnForwardReference(weights, x, shape)), { ...CPU_TIMING, signal });
    const allocatedBytes = weights.wHh.byteLength + weights.wXh.byteLength + weights.bias.byteLength + x.byteLength + 4 * (shape.steps + 1) * shape.hidden;
    return { timing, allocatedBytes };
  }
  const runtime = backend.runtime;
  return withResources(runtime, `rnn/${variant}`, signal, async (scope) => {
    const rnn = await prepareRnn(runtime, scope, variant, shape, uploadRnn(scope, weights, x, shape));
    const timing =
      variant === 'submit-per-step'
        ? await timeWallClock(
            async (batch) => {
              for (let i = 0; i < batch; i++) await runPreparedRnn(runtime.device, rnn, () => scope.checkpoint());
            },
            { ...TIMING, maxBatch: 1, targetMs: 0, signal },
          )
        : await timeGpuWork(runtime, (encoder, pass) => rnn.encode(encoder, pass), { ...TIMING, signal });
    return { timing, allocatedBytes: scope.allocatedBytes };
  });
}

export function repeat(times: number, work: () => unknown): void {
  for (let i = 0; i < times; i++) work();
}

/** The timing fields of a row. */
export function timed(timing: Timing): Pick<TimedRow, 'medianMs' | 'minMs' | 'timing'> {
  return { medianMs: timing.medianMs, minMs: timing.minMs, timing: timing.method };
}

export interface AttentionMeasurement {
  timing: Timing;
  scoreMatrixBytes: number;
  allocatedBytes: number;
  output: Float32Array;
}

export async function timeAttention(
  backend: Backend,
  shape: AttentionShape,
  kind: 'materialised' | 'flash',
  signal: AbortSignal,
): Promise<AttentionMeasurement> {
  const { q, k, v } = attentionInputs(shape, SEED);
  const t = shape.sequenceLength;
  const inputBytes = q.byteLength + k.byteLength + v.byteLength + 4 * t * shape.valueDim;
  if (backend.kind === 'cpu') {
    if (kind === 'materialised') {
      const result = materialisedAttentionReference(q, k, v, shape);
      const timing = await timeWallClock((batch) => repeat(batch, () => materialisedAttentionReference(q, k, v, shape)), { ...CPU_TIMING, signal });
      return { timing, scoreMatrixBytes: result.scoreBytes, allocatedBytes: inputBytes + result.scoreBytes, output: result.output };
    }
    const output = attentionReference(q, k, v, shape);
    const timing = await timeWallClock((batch) => repeat(batch, () => attentionReference(q, k, v, shape)), { ...CPU_TIMING, signal });
    // The row-wise reference holds one row of weights (float64) at a time.
    return { timing, scoreMatrixBytes: 0, allocatedBytes: inputBytes + 8 * t, output };
  }
  const runtime = backend.runtime;
  return withResources(runtime, `attention/${kind}`, signal, async (scope) => {
    const buffers = uploadAttentionInputs(scope, q, k, v, shape);
    const before = scope.allocatedBytes;
    const kernel =
      kind === 'flash' ? await prepareFlashAttention(runtime, scope, shape, buffers) : await prepareMaterialisedAttention(runtime, scope, shape, buffers);
    const scoreMatrixBytes = kind === 'materialised' ? scope.allocatedBytes - before : 0;
    await submitAndWait(runtime.device, `attention/${kind}`, kernel);
    const output = await scope.read(buffers.out);
    const timing = await timeGpuWork(runtime, (encoder, pass) => kernel.encode(encoder, pass), { ...TIMING, signal });
    return { timing, scoreMatrixBytes, allocatedBytes: scope.allocatedBytes, output };
  });
}

/** The largest T whose T×T scores this backend can hold in one buffer. */
export function materialisedLimit(backend: Backend): number {
  // On the CPU path, one Float32Array of T² values; browsers cap typed arrays near 2 GiB.
  if (backend.kind === 'cpu') return Math.floor(Math.sqrt(2 ** 31 / 4));
  return largestMaterialisedSequence(backend.runtime.limits);
}
