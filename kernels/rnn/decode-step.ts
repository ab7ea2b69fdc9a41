/**
 * One Elman step for decoding a token at a time: h' = tanh(W_hh h + W_xh x + b) in
 * one dispatch, input term included (the forward pass in host.ts may project every
 * x ahead of the chain; a decoder cannot, since the next x is not known yet).
 */
import decodeStepSource from './decode-step.wgsl?raw';
import { rnnDecodeStepReference, type RnnStepShape, type RnnWeights } from './reference';
import { bindGroup, encodeDispatch, runKernel, type Backend, type GpuRuntime, type KernelResult, type PreparedKernel, type ResourceScope } from '../runtime';

export const RNN_DECODE_STEP_SOURCE = decodeStepSource;
const DECODE_STEP_WORKGROUP = 64;

export type { RnnStepShape };

export interface RnnStepBuffers {
  wHh: GPUBuffer;
  wXh: GPUBuffer;
  bias: GPUBuffer;
  h: GPUBuffer;
  x: GPUBuffer;
  hNext: GPUBuffer;
}

export function uploadRnnStep(scope: ResourceScope, weights: RnnWeights, h: Float32Array, x: Float32Array, shape: RnnStepShape): RnnStepBuffers {
  // A zero-width input still needs a bindable buffer.
  const nonEmpty = (values: Float32Array) => (values.length > 0 ? values : new Float32Array(1));
  return {
    wHh: scope.storage('rnn/decode-step/w_hh', weights.wHh),
    wXh: scope.storage('rnn/decode-step/w_xh', nonEmpty(weights.wXh)),
    bias: scope.storage('rnn/decode-step/bias', weights.bias),
    h: scope.storage('rnn/decode-step/h', h),
    x: scope.storage('rnn/decode-step/x', nonEmpty(x)),
    hNext: scope.output('rnn/decode-step/h_next', shape.hidden),
  };
}

export async function prepareRnnDecodeStep(runtime: GpuRuntime, scope: ResourceScope, shape: RnnStepShape, buffers: RnnStepBuffers): Promise<PreparedKernel> {
  const pipeline = await runtime.pipeline({
    label: 'rnn/decode-step',
    code: decodeStepSource,
    entryPoint: 'elman_decode_step',
    constants: { WORKGROUP_SIZE: DECODE_STEP_WORKGROUP, HIDDEN: shape.hidden, INPUT: shape.input },
  });
  const group = bindGroup(runtime, 'rnn/decode-step/bindings', pipeline, [buffers.wHh, buffers.wXh, buffers.bias, buffers.h, buffers.x, buffers.hNext]);
  const grid: [number, number, number] = [Math.ceil(shape.hidden / DECODE_STEP_WORKGROUP), 1, 1];
  return { encode: (encoder, pass) => encodeDispatch(encoder, pass, 'rnn/decode-step', pipeline, group, grid) };
}

/** One decode step on either backend. */
export async function rnnDecodeStep(
  backend: Backend,
  weights: RnnWeights,
  h: Float32Array,
  x: Float32Array,
  shape: RnnStepShape,
  { signal }: { signal?: AbortSignal } = {},
): Promise<KernelResult<Float32Array>> {
  return runKernel(backend, 'rnn/decode-step', {
    signal,
    cpu: () => rnnDecodeStepReference(weights, h, x, shape),
    prepare: async (runtime, scope) => {
      const buffers = uploadRnnStep(scope, weights, h, x, shape);
      return { kernel: await prepareRnnDecodeStep(runtime, scope, shape, buffers), output: buffers.hNext };
    },
  });
}
