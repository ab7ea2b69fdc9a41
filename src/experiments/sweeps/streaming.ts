/**
 * Sweep for experiment 6: the cost of producing one more token at position p,
 * for an RNN step and for a transformer's attention over a KV cache of p entries.
 * Work is counted (FLOPs and bytes read) as well as timed.
 */
import { prepareRnn, uploadRnn } from '../../../kernels/rnn/host';
import { rnnForwardReference, rnnInputs } from '../../../kernels/rnn/reference';
import { prepareMaterialisedAttention, uploadAttentionInputs } from '../../../kernels/attention/host';
import { attentionInputs, attentionReference } from '../../../kernels/attention/reference';
import { timeKernel, type Backend, type GpuRuntime, type ResourceScope } from '../../../kernels/runtime';
import { rnnStepWork } from '../../../kernels/rnn/cost';
import { kvStepWork } from '../../../kernels/attention/cost';
import { KV_STEP_SERIES, RNN_STEP_SERIES } from '../definitions/names';
import type { Sweep, StreamingParams, StreamingRow } from '../definitions';
import { SEED, checkpoint, powersOfTwo, sweepTiming, timed } from './sweep-steps';
import type { CountedTiming } from './timed-runs';

async function timeRnnStep(backend: Backend, width: number, signal: AbortSignal): Promise<CountedTiming> {
  const shape = { steps: 1, hidden: width, input: width };
  const { weights, x } = rnnInputs(SEED, shape);
  const work = {
    label: 'streaming/rnn-step',
    reference: () => rnnForwardReference(weights, x, shape),
    prepare: (runtime: GpuRuntime, scope: ResourceScope) => prepareRnn(runtime, scope, 'command-buffer', shape, uploadRnn(scope, weights, x, shape)),
  };
  return timeKernel(backend, work, sweepTiming(signal));
}

async function timeKvStep(backend: Backend, position: number, width: number, signal: AbortSignal): Promise<CountedTiming> {
  const shape = { sequenceLength: position, queries: 1, keyDim: width, valueDim: width };
  const { q, k, v } = attentionInputs(shape, SEED);
  const work = {
    label: 'streaming/kv-step',
    reference: () => attentionReference(q, k, v, shape),
    prepare: (runtime: GpuRuntime, scope: ResourceScope) => prepareMaterialisedAttention(runtime, scope, shape, uploadAttentionInputs(scope, q, k, v, shape)),
  };
  return timeKernel(backend, work, sweepTiming(signal));
}

export const sweepStreaming: Sweep<StreamingParams, StreamingRow> = async (context) => {
  const { backend, params, signal } = context;
  const width = params.width;
  const positions = powersOfTwo(1, params.maxPosition);
  const total = positions.length * 2;
  let done = 0;
  for (const position of positions) {
    checkpoint(signal);
    context.progress(done++, total, `${RNN_STEP_SERIES}, position ${position}`);
    context.emit({ series: RNN_STEP_SERIES, position, ...timed(await timeRnnStep(backend, width, signal)), ...rnnStepWork(width) });
    checkpoint(signal);
    context.progress(done++, total, `${KV_STEP_SERIES}, position ${position}`);
    context.emit({
      series: KV_STEP_SERIES,
      position,
      ...timed(await timeKvStep(backend, position, width, signal)),
      ...kvStepWork(position, width),
    });
  }
  context.progress(total, total, 'done');
};
