/** Host code for tiled attention with an online softmax. */
import flashSource from './flash.wgsl?raw';
import { flashAttentionReference } from './reference';
import type { AttentionShape } from '../attention/reference';
import { uploadAttentionInputs, type AttentionBuffers } from '../attention/host';
import {
  bindGroup,
  encodeDispatch,
  GpuError,
  packUniform,
  runKernel,
  workgroupGrid,
  type Backend,
  type GpuRuntime,
  type KernelResult,
  type PreparedKernel,
  type ResourceScope,
} from '../runtime';

export const FLASH_SOURCE = flashSource;
/** The widest head the kernel's private accumulators hold (MAX_DIM in flash.wgsl). */
export const FLASH_MAX_HEAD_DIM = 128;
const WORKGROUP_SIZE = 64;

/** Keys per staged block: as many as fit the workgroup-memory limit for keys and values together. */
function keyBlockFor(runtime: GpuRuntime): number {
  const floats = runtime.limits.maxComputeWorkgroupStorageSize / 4 / 2;
  return Math.max(1, Math.min(32, Math.floor(floats / FLASH_MAX_HEAD_DIM)));
}

export async function prepareFlashAttention(
  runtime: GpuRuntime,
  scope: ResourceScope,
  shape: AttentionShape,
  buffers: AttentionBuffers,
): Promise<PreparedKernel> {
  if ((shape.queries ?? shape.sequenceLength) !== shape.sequenceLength) {
    throw new GpuError('validation', 'Tiled attention here runs self-attention, with one query per key.');
  }
  if (shape.keyDim > FLASH_MAX_HEAD_DIM || shape.valueDim > FLASH_MAX_HEAD_DIM) {
    throw new GpuError('limit', `Tiled attention here supports heads up to ${FLASH_MAX_HEAD_DIM} wide; this one is ${Math.max(shape.keyDim, shape.valueDim)}.`);
  }
  const keyBlock = keyBlockFor(runtime);
  const pipeline = await runtime.pipeline({
    label: 'flash/attention',
    code: flashSource,
    entryPoint: 'flash_attention',
    constants: { WORKGROUP_SIZE, KEY_BLOCK: keyBlock },
  });
  const params = scope.uniform(
    'flash/params',
    packUniform([
      ['u32', shape.sequenceLength],
      ['u32', shape.keyDim],
      ['u32', shape.valueDim],
      ['u32', shape.causal ? 1 : 0],
      ['f32', 1 / Math.sqrt(shape.keyDim)],
    ]),
  );
  const group = bindGroup(runtime, 'flash/bindings', pipeline, [buffers.q, buffers.k, buffers.v, buffers.out, params]);
  const grid = workgroupGrid(Math.ceil(shape.sequenceLength / WORKGROUP_SIZE), runtime.limits.maxComputeWorkgroupsPerDimension);
  return { encode: (encoder, pass) => encodeDispatch(encoder, pass, 'flash/attention', pipeline, group, grid) };
}

export async function flashAttention(
  backend: Backend,
  q: Float32Array,
  k: Float32Array,
  v: Float32Array,
  shape: AttentionShape,
  { signal }: { signal?: AbortSignal } = {},
): Promise<KernelResult<Float32Array>> {
  return runKernel(backend, 'flash/attention', {
    signal,
    cpu: () => flashAttentionReference(q, k, v, shape),
    prepare: async (runtime, scope) => {
      const buffers = uploadAttentionInputs(scope, q, k, v, shape);
      return { kernel: await prepareFlashAttention(runtime, scope, shape, buffers), output: buffers.out };
    },
  });
}
