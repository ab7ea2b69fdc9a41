/** Host code for tiled attention with an online softmax. */
import flashSource from './flash.wgsl?raw';
import { flashAttentionReference, planFlashAttention, type FlashPlan } from './reference';
import type { AttentionShape } from '../attention/reference';
import { uploadAttentionInputs, type AttentionBuffers } from '../attention/host';
import {
  bindGroup,
  encodeDispatch,
  GpuError,
  limitTooSmall,
  packUniform,
  parallelLanes,
  runKernel,
  type Backend,
  type GpuRuntime,
  type KernelResult,
  type PreparedKernel,
  type ResourceScope,
} from '../runtime';

export const FLASH_SOURCE = flashSource;
/** The widest head the kernel takes (MAX_HEAD_VECTORS in flash.wgsl): its query and output rows live in registers. */
export const FLASH_MAX_HEAD_DIM = 128;

export interface FlashOptions {
  /** Overrides the plan's key split (tests force one). */
  keySplits?: number;
}

/** The flash kernel's plan on this runtime: key block from its workgroup memory, split from its lanes. */
export function flashPlanFor(runtime: GpuRuntime, shape: AttentionShape, options: FlashOptions = {}): FlashPlan {
  return planFlashAttention(shape, {
    lanes: parallelLanes(runtime.adapter),
    workgroupStorageBytes: runtime.limits.maxComputeWorkgroupStorageSize,
    keySplits: options.keySplits,
  });
}

export async function prepareFlashAttention(
  runtime: GpuRuntime,
  scope: ResourceScope,
  shape: AttentionShape,
  buffers: AttentionBuffers,
  options: FlashOptions = {},
): Promise<PreparedKernel> {
  if ((shape.queries ?? shape.sequenceLength) !== shape.sequenceLength) {
    throw new GpuError('validation', 'Tiled attention here runs self-attention, with one query per key.');
  }
  if (shape.keyDim > FLASH_MAX_HEAD_DIM || shape.valueDim > FLASH_MAX_HEAD_DIM) {
    throw new GpuError('limit', `Tiled attention here supports heads up to ${FLASH_MAX_HEAD_DIM} wide; this one is ${Math.max(shape.keyDim, shape.valueDim)}.`);
  }
  const t = shape.sequenceLength;
  const plan = flashPlanFor(runtime, shape, options);
  const valueVectors = Math.ceil(shape.valueDim / 4);
  const constants = { INVOCATIONS: plan.queryBlock / 4, KEY_BLOCK: plan.keyBlock, KEY_VECTORS: Math.ceil(shape.keyDim / 4), VALUE_VECTORS: valueVectors };
  const [pipeline, combinePipeline] = await Promise.all([
    runtime.pipeline({ label: 'flash/attention', code: flashSource, entryPoint: 'flash_attention', constants }),
    plan.keySplits > 1 ? runtime.pipeline({ label: 'flash/combine', code: flashSource, entryPoint: 'flash_combine', constants }) : undefined,
  ]);
  const params = scope.uniform(
    'flash/params',
    packUniform([
      ['u32', t],
      ['u32', shape.keyDim],
      ['u32', shape.valueDim],
      ['u32', shape.causal ? 1 : 0],
      ['f32', 1 / Math.sqrt(shape.keyDim)],
      ['u32', plan.keySplits],
      ['u32', plan.splitKeys],
    ]),
  );
  // Without a split the partial buffer is bound but never touched.
  const partial = scope.output('flash/partial', plan.keySplits > 1 ? plan.keySplits * t * (4 * valueVectors + 2) : 1);
  const max = runtime.limits.maxComputeWorkgroupsPerDimension;
  const queryBlocks = Math.ceil(t / plan.queryBlock);
  if (queryBlocks > max || plan.keySplits > max) {
    throw limitTooSmall({ limit: 'maxComputeWorkgroupsPerDimension', required: Math.max(queryBlocks, plan.keySplits), available: max });
  }
  const entries = [buffers.q, buffers.k, buffers.v, buffers.out, params, partial];
  const group = bindGroup(runtime, 'flash/bindings', pipeline, entries);
  const combine = combinePipeline && {
    pipeline: combinePipeline,
    group: runtime.device.createBindGroup({
      label: 'flash/combine-bindings',
      layout: combinePipeline.getBindGroupLayout(0),
      entries: [3, 4, 5].map((binding) => ({ binding, resource: { buffer: entries[binding]! } })),
    }),
  };
  return {
    encode(encoder, pass) {
      encodeDispatch(encoder, pass, 'flash/attention', pipeline, group, [queryBlocks, plan.keySplits, 1]);
      if (combine) encodeDispatch(encoder, pass, 'flash/combine', combine.pipeline, combine.group, [Math.ceil(t / (plan.queryBlock / 4)), 1, 1]);
    },
  };
}

export async function flashAttention(
  backend: Backend,
  q: Float32Array,
  k: Float32Array,
  v: Float32Array,
  shape: AttentionShape,
  { signal, ...options }: { signal?: AbortSignal } & FlashOptions = {},
): Promise<KernelResult<Float32Array>> {
  return runKernel(backend, 'flash/attention', {
    signal,
    cpu: () => flashAttentionReference(q, k, v, shape),
    prepare: async (runtime, scope) => {
      const buffers = uploadAttentionInputs(scope, q, k, v, shape);
      return { kernel: await prepareFlashAttention(runtime, scope, shape, buffers, options), output: buffers.out };
    },
  });
}
