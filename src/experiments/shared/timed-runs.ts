/**
 * What the sweeps share: quick timing settings, and timed runs of the RNN and
 * attention kernels on either backend through the runtime's `timeKernel`.
 * Sweeps run wherever the runner is (a Worker, or the main thread where Workers
 * lack WebGPU) and reach the GPU only through the kernels' host API.
 */
import { prepareRnn, rnnUnderTest, uploadRnn, type RnnVariant } from '../../../kernels/rnn/host';
import { rnnForwardReference, rnnInputs, type RnnShape } from '../../../kernels/rnn/reference';
import { prepareAttentionLayer, prepareMaterialisedAttention, uploadAttentionInputs, uploadAttentionLayer } from '../../../kernels/attention/host';
import {
  attentionInputs,
  attentionLayerInputs,
  attentionLayerReference,
  attentionReference,
  materialisedAttentionReference,
  type AttentionLayerShape,
  type AttentionShape,
} from '../../../kernels/attention/reference';
import { attentionIoBytes, largestMaterialisedSequence, largestSequenceForScores } from '../../../kernels/attention/cost';
import { rnnForwardBytes } from '../../../kernels/rnn/cost';
import { prepareFlashAttention } from '../../../kernels/flash/host';
import { timeKernel, type Backend, type KernelTiming, type KernelTimingOptions } from '../../../kernels/runtime';
import { CPU_LARGEST_ARRAY_BYTES, SEED, sweepTiming } from './sweep-steps';

/** A timing with its counted dispatches and submits (see `timeKernel`). */
export type CountedTiming = Pick<KernelTiming<unknown>, 'timing' | 'dispatches' | 'submits'>;

/** Times an RNN forward pass; `allocatedBytes` counts weights, inputs and the T+1 states. */
export async function timeRnn(
  backend: Backend,
  shape: RnnShape,
  variant: RnnVariant,
  signal: AbortSignal,
  timing: KernelTimingOptions = sweepTiming(signal),
): Promise<CountedTiming & { allocatedBytes: number }> {
  const { weights, x } = rnnInputs(SEED, shape);
  const { measured, ...counted } = await timeKernel(
    backend,
    {
      label: `rnn/${variant}`,
      reference: () => rnnForwardReference(weights, x, shape),
      async prepare(runtime, scope) {
        const rnn = await prepareRnn(runtime, scope, variant, shape, uploadRnn(scope, weights, x, shape));
        return rnnUnderTest(runtime.device, rnn);
      },
      measure: (scope) => scope.allocatedBytes,
    },
    timing,
  );
  // The CPU path holds what the cost counts: both weight matrices, the bias, the inputs and the T + 1 states.
  return { ...counted, allocatedBytes: measured ?? rnnForwardBytes(shape) };
}

export interface AttentionMeasurement extends CountedTiming {
  scoreMatrixBytes: number;
  allocatedBytes: number;
  output: Float32Array;
}

export async function timeAttention(
  backend: Backend,
  shape: AttentionShape,
  kind: 'materialised' | 'flash',
  signal: AbortSignal,
  timing: KernelTimingOptions = sweepTiming(signal),
): Promise<AttentionMeasurement> {
  const { q, k, v } = attentionInputs(shape, SEED);
  const t = shape.sequenceLength;
  const reference =
    kind === 'materialised' ? () => materialisedAttentionReference(q, k, v, shape) : () => ({ output: attentionReference(q, k, v, shape), scoreBytes: 0 });
  let scoreMatrixBytes = 0;
  let out: GPUBuffer | undefined;
  const { measured, ...counted } = await timeKernel(
    backend,
    {
      label: `attention/${kind}`,
      reference,
      async prepare(runtime, scope) {
        const buffers = uploadAttentionInputs(scope, q, k, v, shape);
        out = buffers.out;
        const before = scope.allocatedBytes;
        if (kind === 'flash') return prepareFlashAttention(runtime, scope, shape, buffers);
        const kernel = await prepareMaterialisedAttention(runtime, scope, shape, buffers);
        scoreMatrixBytes = scope.allocatedBytes - before;
        return kernel;
      },
      measure: async (scope) => ({ output: await scope.read(out!), allocatedBytes: scope.allocatedBytes }),
    },
    timing,
  );
  if (measured) return { ...counted, scoreMatrixBytes, ...measured };
  const { output, scoreBytes } = reference();
  // The row-wise reference holds one row of weights (float64) at a time.
  const workingBytes = kind === 'materialised' ? scoreBytes : 8 * t;
  return { ...counted, scoreMatrixBytes: scoreBytes, allocatedBytes: attentionIoBytes(shape) + workingBytes, output };
}

/** Times a self-attention layer with its Q, K, V and output projections: like for like with an RNN forward pass, which includes W_xh·x. */
export async function timeAttentionLayer(
  backend: Backend,
  shape: AttentionLayerShape,
  signal: AbortSignal,
  timing: KernelTimingOptions = sweepTiming(signal),
): Promise<CountedTiming> {
  const inputs = attentionLayerInputs(shape, SEED);
  return timeKernel(
    backend,
    {
      label: 'attention-layer',
      reference: () => attentionLayerReference(inputs, shape),
      prepare: (runtime, scope) => prepareAttentionLayer(runtime, scope, shape, uploadAttentionLayer(scope, inputs, shape)),
    },
    timing,
  );
}

/** The largest T whose T×T scores this backend can hold in one buffer. */
export function materialisedLimit(backend: Backend): number {
  // On the CPU path, one Float32Array of T² values.
  if (backend.kind === 'cpu') return largestSequenceForScores(CPU_LARGEST_ARRAY_BYTES);
  return largestMaterialisedSequence(backend.runtime.limits);
}
