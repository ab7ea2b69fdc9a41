/**
 * The sweeps that produce experiment rows. They run wherever the runner is
 * (a Worker, or the main thread where Workers lack WebGPU) and reach the GPU only
 * through the kernels' host API.
 */
import { prepareRnn, runPreparedRnn, uploadRnn, type RnnVariant } from '../../../kernels/rnn/host';
import { rnnFlops, rnnForwardReference, rnnInputs, type RnnShape } from '../../../kernels/rnn/reference';
import { largestMaterialisedSequence, prepareMaterialisedAttention, uploadAttentionInputs } from '../../../kernels/attention/host';
import { attentionFlops, attentionInputs, attentionReference, materialisedAttentionReference, type AttentionShape } from '../../../kernels/attention/reference';
import { prepareFlashAttention } from '../../../kernels/flash/host';
import {
  cancelled,
  withResources,
  compareArrays,
  submitAndWait,
  timeGpuWork,
  timeWallClock,
  type Backend,
  type Timing,
  type TimingOptions,
} from '../../../kernels/runtime';
import {
  ATTENTION_SERIES,
  FLASH_SERIES,
  RNN_PERSISTENT_SERIES,
  RNN_SERIES,
  RNN_SUBMIT_SERIES,
  type ExperimentRow,
  type ParallelismRow,
  type QuadraticRow,
} from '../definitions';
import type { ParamValues } from '../params';

export interface SweepContext {
  backend: Backend;
  params: ParamValues;
  signal: AbortSignal;
  emit(row: ExperimentRow): void;
  progress(done: number, total: number, label: string): void;
  notice(message: string): void;
}

const SEED = 2017;
/** Quick timings: a sweep measures many sizes, and the reader is waiting. */
const TIMING: TimingOptions = { repetitions: 3, targetMs: 4, maxBatch: 32 };
/** The CPU path batches far more: tiny sizes run below the browser's timer resolution (up to 0.1 ms). */
const CPU_TIMING: TimingOptions = { ...TIMING, maxBatch: 1 << 16 };

function powersOfTwo(from: number, to: number): number[] {
  const values: number[] = [];
  for (let value = from; value <= to; value *= 2) values.push(value);
  return values;
}

function checkpoint(signal: AbortSignal): void {
  if (signal.aborted) throw cancelled();
}

/** Times an RNN forward pass; `allocatedBytes` counts weights, inputs and the T+1 states. */
async function timeRnn(backend: Backend, shape: RnnShape, variant: RnnVariant, signal: AbortSignal): Promise<{ timing: Timing; allocatedBytes: number }> {
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
        ? await timeWallClock(async (batch) => {
            for (let i = 0; i < batch; i++) await runPreparedRnn(runtime.device, rnn, () => scope.checkpoint());
          }, { ...TIMING, maxBatch: 1, targetMs: 0, signal })
        : await timeGpuWork(runtime, (encoder, pass) => rnn.encode(encoder, pass), { ...TIMING, signal });
    return { timing, allocatedBytes: scope.allocatedBytes };
  });
}

function repeat(times: number, work: () => unknown): void {
  for (let i = 0; i < times; i++) work();
}

function row<R extends ExperimentRow>(series: string, t: number, timing: Timing, extra: Omit<R, keyof ExperimentRow>): R {
  return { series, T: t, medianMs: timing.medianMs, minMs: timing.minMs, timing: timing.method, ...extra } as R;
}

export async function sweepParallelism(context: SweepContext): Promise<void> {
  const { backend, params, signal } = context;
  const width = Number(params.width);
  const lengths = powersOfTwo(1, Number(params.maxT));
  const variants: Array<[RnnVariant, string]> = [['command-buffer', RNN_SERIES]];
  if (params.variants && backend.kind === 'webgpu') variants.push(['submit-per-step', RNN_SUBMIT_SERIES], ['persistent', RNN_PERSISTENT_SERIES]);
  if (params.variants && backend.kind === 'cpu') context.notice('The other RNN variants are GPU strategies; the CPU path times its one loop.');
  const total = lengths.length * (variants.length + 1);
  let done = 0;
  for (const t of lengths) {
    const rnnShape = { steps: t, hidden: width, input: width };
    for (const [variant, series] of variants) {
      checkpoint(signal);
      context.progress(done, total, `${series}, T = ${t}`);
      const { timing } = await timeRnn(backend, rnnShape, variant, signal);
      const flops = rnnFlops(rnnShape);
      context.emit(row<ParallelismRow>(series, t, timing, { flops, gflops: flops / (timing.medianMs * 1e6) }));
      done++;
    }
    checkpoint(signal);
    context.progress(done, total, `${ATTENTION_SERIES}, T = ${t}`);
    const shape = { sequenceLength: t, keyDim: width, valueDim: width };
    const timing = await timeAttention(backend, shape, 'materialised', signal);
    const flops = attentionFlops(shape);
    context.emit(row<ParallelismRow>(ATTENTION_SERIES, t, timing.timing, { flops, gflops: flops / (timing.timing.medianMs * 1e6) }));
    done++;
  }
  context.progress(total, total, 'done');
}

interface AttentionMeasurement {
  timing: Timing;
  scoreMatrixBytes: number;
  allocatedBytes: number;
  output: Float32Array;
}

async function timeAttention(backend: Backend, shape: AttentionShape, kind: 'materialised' | 'flash', signal: AbortSignal): Promise<AttentionMeasurement> {
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
    const kernel = kind === 'flash' ? await prepareFlashAttention(runtime, scope, shape, buffers) : await prepareMaterialisedAttention(runtime, scope, shape, buffers);
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

export async function sweepQuadraticCost(context: SweepContext): Promise<void> {
  const { backend, params, signal } = context;
  const width = Number(params.width);
  const lengths = powersOfTwo(16, Number(params.maxT));
  const limit = materialisedLimit(backend);
  if (lengths.some((t) => t > limit)) {
    const bytes = 4 * limit * limit;
    context.notice(
      backend.kind === 'cpu'
        ? `Materialised attention stops at T = ${limit.toLocaleString('en-US')}: a longer sequence's T×T scores would exceed the ${Math.round(bytes / 2 ** 30)} GiB a browser gives one array. Tiled attention carries on.`
        : `Materialised attention stops at T = ${limit.toLocaleString('en-US')}: a longer sequence's T×T scores need more than the ${(Math.min(backend.runtime.limits.maxBufferSize, backend.runtime.limits.maxStorageBufferBindingSize) / 2 ** 20).toLocaleString('en-US')} MiB this device allows in one buffer. Tiled attention, which never stores them, carries on.`,
    );
  }
  const total = lengths.length * 3;
  let done = 0;
  for (const t of lengths) {
    const shape = { sequenceLength: t, keyDim: width, valueDim: width };
    let materialisedOutput: Float32Array | undefined;
    if (t <= limit) {
      checkpoint(signal);
      context.progress(done, total, `${ATTENTION_SERIES}, T = ${t}`);
      const measured = await timeAttention(backend, shape, 'materialised', signal);
      materialisedOutput = measured.output;
      context.emit(row<QuadraticRow>(ATTENTION_SERIES, t, measured.timing, { scoreMatrixBytes: measured.scoreMatrixBytes, allocatedBytes: measured.allocatedBytes }));
    }
    done++;
    checkpoint(signal);
    context.progress(done, total, `${FLASH_SERIES}, T = ${t}`);
    const flash = await timeAttention(backend, shape, 'flash', signal);
    const maxDifference = materialisedOutput ? compareArrays(materialisedOutput, flash.output, { abs: 0, rel: 0 }).maxAbsError : undefined;
    context.emit(row<QuadraticRow>(FLASH_SERIES, t, flash.timing, { scoreMatrixBytes: 0, allocatedBytes: flash.allocatedBytes, maxDifference }));
    done++;
    checkpoint(signal);
    context.progress(done, total, `${RNN_SERIES}, T = ${t}`);
    const rnn = await timeRnn(backend, { steps: t, hidden: width, input: width }, 'command-buffer', signal);
    context.emit(row<QuadraticRow>(RNN_SERIES, t, rnn.timing, { scoreMatrixBytes: 0, allocatedBytes: rnn.allocatedBytes }));
    done++;
  }
  context.progress(total, total, 'done');
}

export const sweeps = { parallelism: sweepParallelism, 'quadratic-cost': sweepQuadraticCost } as const;
