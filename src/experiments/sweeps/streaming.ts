/**
 * Sweep for experiment 6: the cost of producing one more token at position p,
 * for an RNN step and for a transformer's attention over a KV cache of p entries.
 * Work is counted (FLOPs and bytes read) as well as timed.
 */
import { prepareRnn, uploadRnn } from '../../../kernels/rnn/host';
import { rnnForwardReference, rnnInputs } from '../../../kernels/rnn/reference';
import { prepareMaterialisedAttention, uploadAttentionInputs } from '../../../kernels/attention/host';
import { attentionInputs, attentionReference } from '../../../kernels/attention/reference';
import { timeGpuWork, timeWallClock, withResources, type Backend, type Timing } from '../../../kernels/runtime';
import { KV_STEP_SERIES, RNN_STEP_SERIES, type StreamingRow } from '../definitions';
import { CPU_TIMING, SEED, TIMING, checkpoint, powersOfTwo, repeat, timed, type SweepContext } from './shared';

/** FLOPs and bytes of one Elman step of width d with input width d: constant in position. */
export function rnnStepWork(width: number): { flops: number; bytesRead: number; stateBytes: number } {
  return { flops: 2 * (width * width + width * width), bytesRead: 4 * (2 * width * width + 3 * width), stateBytes: 4 * width };
}

/** FLOPs and bytes of one decode step's attention over p cached keys and values: linear in position. */
export function kvStepWork(position: number, width: number): { flops: number; bytesRead: number; stateBytes: number } {
  return { flops: 4 * position * width, bytesRead: 4 * (width + 2 * position * width), stateBytes: 4 * 2 * position * width };
}

async function timeRnnStep(backend: Backend, width: number, signal: AbortSignal): Promise<Timing> {
  const shape = { steps: 1, hidden: width, input: width };
  const { weights, x } = rnnInputs(SEED, shape);
  if (backend.kind === 'cpu') return timeWallClock((batch) => repeat(batch, () => rnnForwardReference(weights, x, shape)), { ...CPU_TIMING, signal });
  const runtime = backend.runtime;
  return withResources(runtime, 'streaming/rnn-step', signal, async (scope) => {
    const rnn = await prepareRnn(runtime, scope, 'command-buffer', shape, uploadRnn(scope, weights, x, shape));
    return timeGpuWork(runtime, (encoder, pass) => rnn.encode(encoder, pass), { ...TIMING, signal });
  });
}

async function timeKvStep(backend: Backend, position: number, width: number, signal: AbortSignal): Promise<Timing> {
  const shape = { sequenceLength: position, queries: 1, keyDim: width, valueDim: width };
  const { q, k, v } = attentionInputs(shape, SEED);
  if (backend.kind === 'cpu') return timeWallClock((batch) => repeat(batch, () => attentionReference(q, k, v, shape)), { ...CPU_TIMING, signal });
  const runtime = backend.runtime;
  return withResources(runtime, 'streaming/kv-step', signal, async (scope) => {
    const kernel = await prepareMaterialisedAttention(runtime, scope, shape, uploadAttentionInputs(scope, q, k, v, shape));
    return timeGpuWork(runtime, (encoder, pass) => kernel.encode(encoder, pass), { ...TIMING, signal });
  });
}

export async function sweepStreaming(context: SweepContext): Promise<void> {
  const { backend, params, signal } = context;
  const width = Number(params.width);
  const positions = powersOfTwo(1, Number(params.maxPosition));
  const total = positions.length * 2;
  let done = 0;
  for (const position of positions) {
    checkpoint(signal);
    context.progress(done++, total, `${RNN_STEP_SERIES}, position ${position}`);
    context.emit({ series: RNN_STEP_SERIES, position, ...timed(await timeRnnStep(backend, width, signal)), ...rnnStepWork(width) } satisfies StreamingRow);
    checkpoint(signal);
    context.progress(done++, total, `${KV_STEP_SERIES}, position ${position}`);
    context.emit({
      series: KV_STEP_SERIES,
      position,
      ...timed(await timeKvStep(backend, position, width, signal)),
      ...kvStepWork(position, width),
    } satisfies StreamingRow);
  }
  context.progress(total, total, 'done');
}
