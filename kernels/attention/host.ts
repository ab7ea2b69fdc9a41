/**
 * Materialised attention: scores QKᵀ/√d_k into a real T×T buffer with the tiled
 * matmul, a stable row softmax in place, then P·V with the tiled matmul again.
 */
import softmaxSource from './softmax.wgsl?raw';
import { attentionReference, scoreMatrixBytes, type AttentionShape } from './reference';
import { prepareMatmul, type MatmulVariant } from '../matmul/host';
import {
  bindGroup,
  describeBackend,
  encodeDispatch,
  limitTooSmall,
  packUniform,
  submitAndWait,
  withResources,
  workgroupGrid,
  type Backend,
  type GpuRuntime,
  type KernelResult,
  type PreparedKernel,
  type ResourceScope,
} from '../runtime';

export const SOFTMAX_SOURCE = softmaxSource;
const SOFTMAX_WORKGROUP = 64;

export interface AttentionBuffers {
  q: GPUBuffer;
  k: GPUBuffer;
  v: GPUBuffer;
  out: GPUBuffer;
}

/** Largest T whose fp32 score matrix fits both maxBufferSize and maxStorageBufferBindingSize. */
export function largestMaterialisedSequence(limits: Pick<GPUSupportedLimits, 'maxBufferSize' | 'maxStorageBufferBindingSize'>): number {
  const budget = Math.min(limits.maxBufferSize, limits.maxStorageBufferBindingSize);
  return Math.floor(Math.sqrt(budget / 4));
}

export async function prepareMaterialisedAttention(
  runtime: GpuRuntime,
  scope: ResourceScope,
  shape: AttentionShape,
  buffers: AttentionBuffers,
  matmulVariant: MatmulVariant = 'tiled',
): Promise<PreparedKernel> {
  const t = shape.sequenceLength;
  const largest = largestMaterialisedSequence(runtime.limits);
  if (t > largest) {
    throw limitTooSmall({
      limit: scoreMatrixBytes(t) > runtime.limits.maxBufferSize ? 'maxBufferSize' : 'maxStorageBufferBindingSize',
      required: scoreMatrixBytes(t),
      available: Math.min(runtime.limits.maxBufferSize, runtime.limits.maxStorageBufferBindingSize),
      parameter: { name: 'sequence length for a materialised T×T score matrix', largestThatFits: largest },
    });
  }
  const scores = scope.output('attention/scores', t * t);
  const scoresKernel = await prepareMatmul(
    runtime,
    scope,
    matmulVariant,
    { m: t, n: t, k: shape.keyDim, transposeB: true, alpha: 1 / Math.sqrt(shape.keyDim) },
    { a: buffers.q, b: buffers.k, c: scores },
  );
  const softmaxPipeline = await runtime.pipeline({
    label: 'attention/softmax',
    code: softmaxSource,
    entryPoint: 'softmax_rows',
    constants: { WORKGROUP_SIZE: SOFTMAX_WORKGROUP },
  });
  const softmaxParams = scope.uniform(
    'attention/softmax/params',
    packUniform([
      ['u32', t],
      ['u32', t],
      ['u32', shape.causal ? 1 : 0],
    ]),
  );
  const softmaxGroup = bindGroup(runtime, 'attention/softmax/bindings', softmaxPipeline, [scores, softmaxParams]);
  const softmaxGrid = workgroupGrid(t, runtime.limits.maxComputeWorkgroupsPerDimension);
  const weightedSum = await prepareMatmul(runtime, scope, matmulVariant, { m: t, n: shape.valueDim, k: t }, { a: scores, b: buffers.v, c: buffers.out });
  return {
    encode(encoder, pass) {
      scoresKernel.encode(encoder, pass);
      encodeDispatch(encoder, pass, 'attention/softmax', softmaxPipeline, softmaxGroup, softmaxGrid);
      weightedSum.encode(encoder, pass);
    },
  };
}

/** Attention on either backend; `allocatedBytes` includes the T×T scores on WebGPU. */
export async function materialisedAttention(
  backend: Backend,
  q: Float32Array,
  k: Float32Array,
  v: Float32Array,
  shape: AttentionShape,
  { signal, matmulVariant }: { signal?: AbortSignal; matmulVariant?: MatmulVariant } = {},
): Promise<KernelResult<Float32Array>> {
  if (backend.kind === 'cpu') {
    return { output: attentionReference(q, k, v, shape), backend: describeBackend(backend), allocatedBytes: 0 };
  }
  const runtime = backend.runtime;
  return withResources(runtime, 'attention/materialised', signal, async (scope) => {
    const buffers = uploadAttentionInputs(scope, q, k, v, shape);
    const kernel = await prepareMaterialisedAttention(runtime, scope, shape, buffers, matmulVariant);
    await submitAndWait(runtime.device, 'attention/materialised', kernel);
    const allocatedBytes = scope.allocatedBytes;
    return { output: await scope.read(buffers.out), backend: describeBackend(backend), allocatedBytes };
  });
}

/** Q, K, V and the output, shared by both attention families. */
export function uploadAttentionInputs(scope: ResourceScope, q: Float32Array, k: Float32Array, v: Float32Array, shape: AttentionShape): AttentionBuffers {
  return {
    q: scope.storage('attention/q', q),
    k: scope.storage('attention/k', k),
    v: scope.storage('attention/v', v),
    out: scope.output('attention/out', shape.sequenceLength * shape.valueDim),
  };
}
