/**
 * Sweep for experiment 6: the cost of producing one more token at position p,
 * for an RNN step and for a transformer's attention over a KV cache of p entries,
 * each one fused step (the decode kernel splits a long cache and combines it).
 * Work is counted (dispatches, FLOPs and bytes read) as well as timed.
 */
import { prepareRnnDecodeStep, uploadRnnStep } from '../../../kernels/rnn/decode-step';
import { rnnDecodeStepReference, rnnInputs } from '../../../kernels/rnn/reference';
import { prepareDecodeAttention, uploadDecodeInputs } from '../../../kernels/attention/host';
import { attentionInputs, decodeAttentionReference } from '../../../kernels/attention/reference';
import { decodeAttentionWork, decodePlan } from '../../../kernels/attention/cost';
import {
  deriveSeed,
  timeInterleaved,
  timeKernel,
  uniformArray,
  type Backend,
  type GpuRuntime,
  type KernelTiming,
  type KernelTimingOptions,
  type ResourceScope,
} from '../../../kernels/runtime';
import { rnnStepWork } from '../../../kernels/rnn/cost';
import { KV_STEP_SERIES, RNN_STEP_SERIES } from '../shared/series';
import type { Sweep } from '../shared/definition';
import type { StreamingParams, StreamingRow } from './definition';
import { SEED, checkpoint, powersOfTwo, sweepTiming, timed } from '../shared/sweep-steps';
import { measureSizes } from '../shared/measure-sizes';

async function timeRnnStep(backend: Backend, width: number, timing: KernelTimingOptions): Promise<KernelTiming<undefined>> {
  const shape = { hidden: width, input: width };
  const { weights, x } = rnnInputs(SEED, { steps: 1, ...shape });
  const h = uniformArray(deriveSeed(SEED, 40), width);
  const work = {
    label: 'streaming/rnn-step',
    reference: () => rnnDecodeStepReference(weights, h, x, shape),
    prepare: (runtime: GpuRuntime, scope: ResourceScope) => prepareRnnDecodeStep(runtime, scope, shape, uploadRnnStep(scope, weights, h, x, shape)),
  };
  return timeKernel(backend, work, timing);
}

async function timeKvStep(backend: Backend, position: number, width: number, timing: KernelTimingOptions): Promise<KernelTiming<undefined>> {
  const shape = { positions: position, keyDim: width, valueDim: width };
  const { q, k, v } = attentionInputs({ sequenceLength: position, queries: 1, keyDim: width, valueDim: width }, SEED);
  const work = {
    label: 'streaming/kv-step',
    reference: () => decodeAttentionReference(q, k, v, shape),
    prepare: (runtime: GpuRuntime, scope: ResourceScope) => prepareDecodeAttention(runtime, scope, shape, uploadDecodeInputs(scope, q, k, v, shape)),
  };
  return timeKernel(backend, work, timing);
}

/** Bytes one step moves: what it reads, and the state it writes. */
const movedBytes = (work: { bytesRead: number; stateBytes: number }) => work.bytesRead + work.stateBytes;

export const sweepStreaming: Sweep<StreamingParams, StreamingRow> = async (context) => {
  const { backend, params, signal } = context;
  const width = params.width;
  const positions = powersOfTwo(1, params.maxPosition);
  const total = positions.length * 2;
  let done = 0;
  const measureAt = async (position: number, again: boolean): Promise<StreamingRow[]> => {
    checkpoint(signal);
    const label = `both steps, interleaved, position ${position}`;
    context.progress(done, total, again ? `${label}, measured again: off its neighbours' trend` : label);
    // The two steps take turns, repetition by repetition, so drift hits both alike.
    const [rnnTiming, kvTiming] = await timeInterleaved<[KernelTiming<undefined>, KernelTiming<undefined>]>(sweepTiming(signal), [
      (timing) => timeRnnStep(backend, width, timing),
      (timing) => timeKvStep(backend, position, width, timing),
    ]);
    if (!again) done += 2;
    const rnnWork = rnnStepWork(width);
    const kvWork = decodeAttentionWork({ positions: position, keyDim: width, valueDim: width }, decodePlan(position));
    return [
      { series: RNN_STEP_SERIES, position, ...timed(rnnTiming, rnnWork.flops), ...rnnWork, bytes: movedBytes(rnnWork) },
      { series: KV_STEP_SERIES, position, ...timed(kvTiming, kvWork.flops), ...kvWork, bytes: movedBytes(kvWork) },
    ];
  };
  // A position off its neighbours' trend is measured again before its rows are emitted (see measure-sizes.ts).
  await measureSizes({ sizes: positions, key: 'position', measureAt, emit: (row) => context.emit(row) });
  context.progress(total, total, 'done');
};
