/**
 * Materialised attention: scores QKᵀ/√d_k into a real T×T buffer with the tiled
 * matmul, a stable row softmax in place, then P·V with the tiled matmul again.
 * And one decode step over a KV cache, fused into one dispatch (two for a split cache).
 */
import softmaxSource from './softmax.wgsl?raw';
import decodeSource from './decode.wgsl?raw';
import {
  attentionLayerReference,
  attentionReference,
  attentionWeightsReference,
  decodeAttentionReference,
  scoreMatrixBytes,
  type AttentionLayerInputs,
  type AttentionLayerShape,
  type AttentionShape,
} from './reference';
import { decodePlan, largestMaterialisedSequence, type DecodePlan, type DecodeShape } from './cost';
import { prepareMatmul, type MatmulVariant } from '../matmul/host';
import {
  bindGroup,
  encodeDispatch,
  limitTooSmall,
  packUniform,
  runKernel,
  workgroupGrid,
  type Backend,
  type GpuRuntime,
  type KernelResult,
  type PreparedKernel,
  type ResourceScope,
} from '../runtime';

export const SOFTMAX_SOURCE = softmaxSource;
export const DECODE_SOURCE = decodeSource;
const SOFTMAX_WORKGROUP = 64;
const DECODE_WORKGROUP = 64;

export interface AttentionBuffers {
  q: GPUBuffer;
  k: GPUBuffer;
  v: GPUBuffer;
  out: GPUBuffer;
}

export { largestMaterialisedSequence };

export async function prepareMaterialisedAttention(
  runtime: GpuRuntime,
  scope: ResourceScope,
  shape: AttentionShape,
  buffers: AttentionBuffers,
  matmulVariant: MatmulVariant = 'tiled',
): Promise<PreparedKernel> {
  const t = shape.sequenceLength;
  const queries = shape.queries ?? t;
  const budget = Math.min(runtime.limits.maxBufferSize, runtime.limits.maxStorageBufferBindingSize);
  if (scoreMatrixBytes(t, queries) > budget) {
    throw limitTooSmall({
      limit: scoreMatrixBytes(t, queries) > runtime.limits.maxBufferSize ? 'maxBufferSize' : 'maxStorageBufferBindingSize',
      required: scoreMatrixBytes(t, queries),
      available: budget,
      parameter: { name: 'sequence length for a materialised T×T score matrix', largestThatFits: largestMaterialisedSequence(runtime.limits) },
    });
  }
  const { scores, encode: encodeWeights } = await prepareAttentionWeights(runtime, scope, shape, buffers, matmulVariant);
  const weightedSum = await prepareMatmul(runtime, scope, matmulVariant, { m: queries, n: shape.valueDim, k: t }, { a: scores, b: buffers.v, c: buffers.out });
  return {
    encode(encoder, pass) {
      encodeWeights(encoder, pass);
      weightedSum.encode(encoder, pass);
    },
  };
}

/** softmax(QKᵀ/√d_k) into a queries×T buffer: the first two of attention's three steps. */
export async function prepareAttentionWeights(
  runtime: GpuRuntime,
  scope: ResourceScope,
  shape: Omit<AttentionShape, 'valueDim'>,
  buffers: Pick<AttentionBuffers, 'q' | 'k'>,
  matmulVariant: MatmulVariant = 'tiled',
): Promise<PreparedKernel & { scores: GPUBuffer }> {
  const t = shape.sequenceLength;
  const queries = shape.queries ?? t;
  const scores = scope.output('attention/scores', queries * t);
  const scoresKernel = await prepareMatmul(
    runtime,
    scope,
    matmulVariant,
    { m: queries, n: t, k: shape.keyDim, transposeB: true, alpha: 1 / Math.sqrt(shape.keyDim) },
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
      ['u32', queries],
      ['u32', t],
      ['u32', shape.causal ? 1 : 0],
      ['u32', t - queries],
    ]),
  );
  const softmaxGroup = bindGroup(runtime, 'attention/softmax/bindings', softmaxPipeline, [scores, softmaxParams]);
  const softmaxGrid = workgroupGrid(queries, runtime.limits.maxComputeWorkgroupsPerDimension);
  return {
    scores,
    encode(encoder, pass) {
      scoresKernel.encode(encoder, pass);
      encodeDispatch(encoder, pass, 'attention/softmax', softmaxPipeline, softmaxGroup, softmaxGrid);
    },
  };
}

/** The attention weights alone, queries × T, on either backend. */
export async function attentionWeights(
  backend: Backend,
  q: Float32Array,
  k: Float32Array,
  shape: Omit<AttentionShape, 'valueDim'>,
  { signal }: { signal?: AbortSignal } = {},
): Promise<KernelResult<Float32Array>> {
  return runKernel(backend, 'attention/weights', {
    signal,
    cpu: () => attentionWeightsReference(q, k, shape),
    prepare: async (runtime, scope) => {
      const kernel = await prepareAttentionWeights(runtime, scope, shape, { q: scope.storage('attention/q', q), k: scope.storage('attention/k', k) });
      return { kernel, output: kernel.scores };
    },
  });
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
  return runKernel(backend, 'attention/materialised', {
    signal,
    cpu: () => attentionReference(q, k, v, shape),
    prepare: async (runtime, scope) => {
      const buffers = uploadAttentionInputs(scope, q, k, v, shape);
      return { kernel: await prepareMaterialisedAttention(runtime, scope, shape, buffers, matmulVariant), output: buffers.out };
    },
  });
}

/** Q, K, V and the output, shared by both attention families. */
export function uploadAttentionInputs(scope: ResourceScope, q: Float32Array, k: Float32Array, v: Float32Array, shape: AttentionShape): AttentionBuffers {
  return {
    q: scope.storage('attention/q', q),
    k: scope.storage('attention/k', k),
    v: scope.storage('attention/v', v),
    out: scope.output('attention/out', (shape.queries ?? shape.sequenceLength) * shape.valueDim),
  };
}

export interface DecodeBuffers {
  query: GPUBuffer;
  keys: GPUBuffer;
  values: GPUBuffer;
  out: GPUBuffer;
}

export function uploadDecodeInputs(scope: ResourceScope, query: Float32Array, keys: Float32Array, values: Float32Array, shape: DecodeShape): DecodeBuffers {
  return {
    query: scope.storage('attention/decode/query', query),
    keys: scope.storage('attention/decode/keys', keys),
    values: scope.storage('attention/decode/values', values),
    out: scope.output('attention/decode/out', shape.valueDim),
  };
}

/** The layer's input and weights on the GPU, and its output. */
export interface AttentionLayerBuffers {
  x: GPUBuffer;
  wq: GPUBuffer;
  wk: GPUBuffer;
  wv: GPUBuffer;
  wo: GPUBuffer;
  out: GPUBuffer;
}

export function uploadAttentionLayer(scope: ResourceScope, inputs: AttentionLayerInputs, shape: AttentionLayerShape): AttentionLayerBuffers {
  return {
    x: scope.storage('attention-layer/x', inputs.x),
    wq: scope.storage('attention-layer/w_q', inputs.wq),
    wk: scope.storage('attention-layer/w_k', inputs.wk),
    wv: scope.storage('attention-layer/w_v', inputs.wv),
    wo: scope.storage('attention-layer/w_o', inputs.wo),
    out: scope.output('attention-layer/out', shape.sequenceLength * shape.width),
  };
}

/**
 * One decode step: softmax(q·Kᵀ/√d_k)·V for one query over p cached keys and values.
 * One dispatch when the plan has one split; a split dispatch and a combine otherwise.
 */
export async function prepareDecodeAttention(
  runtime: GpuRuntime,
  scope: ResourceScope,
  shape: DecodeShape,
  buffers: DecodeBuffers,
  plan: DecodePlan = decodePlan(shape.positions),
): Promise<PreparedKernel & { plan: DecodePlan }> {
  const limits = runtime.limits;
  const workgroupBytes = 4 * (2 * DECODE_WORKGROUP + shape.valueDim);
  if (workgroupBytes > limits.maxComputeWorkgroupStorageSize) {
    throw limitTooSmall({
      limit: 'maxComputeWorkgroupStorageSize',
      required: workgroupBytes,
      available: limits.maxComputeWorkgroupStorageSize,
      parameter: { name: 'value width d_v', largestThatFits: Math.floor(limits.maxComputeWorkgroupStorageSize / 4) - 2 * DECODE_WORKGROUP },
    });
  }
  if (plan.splits > limits.maxComputeWorkgroupsPerDimension) {
    throw limitTooSmall({ limit: 'maxComputeWorkgroupsPerDimension', required: plan.splits, available: limits.maxComputeWorkgroupsPerDimension });
  }
  const constants = { WORKGROUP_SIZE: DECODE_WORKGROUP, KEY_DIM: shape.keyDim, VALUE_DIM: shape.valueDim };
  const [splitPipeline, combinePipeline] = await Promise.all([
    runtime.pipeline({ label: 'attention/decode/split', code: decodeSource, entryPoint: 'decode_split', constants }),
    runtime.pipeline({ label: 'attention/decode/combine', code: decodeSource, entryPoint: 'decode_combine', constants }),
  ]);
  const params = scope.uniform(
    'attention/decode/params',
    packUniform([
      ['u32', shape.positions],
      ['u32', plan.keysPerSplit],
      ['u32', plan.splits],
      ['f32', 1 / Math.sqrt(shape.keyDim)],
    ]),
  );
  // With one split the partials are never written; a one-float buffer keeps the binding valid.
  const partials = scope.output('attention/decode/partials', plan.splits > 1 ? plan.splits * (2 + shape.valueDim) : 1);
  const entries = [buffers.query, buffers.keys, buffers.values, partials, buffers.out, params];
  const splitGroup = bindGroup(runtime, 'attention/decode/split-bindings', splitPipeline, entries);
  const combineGroup = runtime.device.createBindGroup({
    label: 'attention/decode/combine-bindings',
    layout: combinePipeline.getBindGroupLayout(0),
    entries: [3, 4, 5].map((binding) => ({ binding, resource: { buffer: entries[binding]! } })),
  });
  return {
    plan,
    encode(encoder, pass) {
      encodeDispatch(encoder, pass, 'attention/decode/split', splitPipeline, splitGroup, [plan.splits, 1, 1]);
      if (plan.splits > 1) encodeDispatch(encoder, pass, 'attention/decode/combine', combinePipeline, combineGroup, [1, 1, 1]);
    },
  };
}

/**
 * A single-head self-attention layer, as a transformer runs it: Q, K and V projected from X
 * with the tiled matmul, materialised attention, then the output projection. Seven dispatches
 * in one command buffer, whatever T is.
 */
export async function prepareAttentionLayer(
  runtime: GpuRuntime,
  scope: ResourceScope,
  shape: AttentionLayerShape,
  buffers: AttentionLayerBuffers,
): Promise<PreparedKernel> {
  const { sequenceLength: t, width: d } = shape;
  const projection = { m: t, n: d, k: d };
  const [q, k, v, heads] = ['q', 'k', 'v', 'heads'].map((name) => scope.output(`attention-layer/${name}`, t * d)) as [
    GPUBuffer,
    GPUBuffer,
    GPUBuffer,
    GPUBuffer,
  ];
  const steps: PreparedKernel[] = [
    await prepareMatmul(runtime, scope, 'tiled', projection, { a: buffers.x, b: buffers.wq, c: q }),
    await prepareMatmul(runtime, scope, 'tiled', projection, { a: buffers.x, b: buffers.wk, c: k }),
    await prepareMatmul(runtime, scope, 'tiled', projection, { a: buffers.x, b: buffers.wv, c: v }),
    await prepareMaterialisedAttention(runtime, scope, { sequenceLength: t, keyDim: d, valueDim: d }, { q, k, v, out: heads }),
    await prepareMatmul(runtime, scope, 'tiled', projection, { a: heads, b: buffers.wo, c: buffers.out }),
  ];
  return {
    encode(encoder, pass) {
      for (const step of steps) step.encode(encoder, pass);
    },
  };
}

/** One decode step on either backend; `plan` forces a split (tests exercise the combine on short caches). */
export async function decodeAttention(
  backend: Backend,
  query: Float32Array,
  keys: Float32Array,
  values: Float32Array,
  shape: DecodeShape,
  { signal, plan }: { signal?: AbortSignal; plan?: DecodePlan } = {},
): Promise<KernelResult<Float32Array>> {
  return runKernel(backend, 'attention/decode', {
    signal,
    cpu: () => decodeAttentionReference(query, keys, values, shape),
    prepare: async (runtime, scope) => {
      const buffers = uploadDecodeInputs(scope, query, keys, values, shape);
      return { kernel: await prepareDecodeAttention(runtime, scope, shape, buffers, plan), output: buffers.out };
    },
  });
}

/** The layer on either backend; `allocatedBytes` includes Q, K, V and the T×T scores on WebGPU. */
export async function attentionLayer(
  backend: Backend,
  inputs: AttentionLayerInputs,
  shape: AttentionLayerShape,
  { signal }: { signal?: AbortSignal } = {},
): Promise<KernelResult<Float32Array>> {
  return runKernel(backend, 'attention-layer', {
    signal,
    cpu: () => attentionLayerReference(inputs, shape).output,
    prepare: async (runtime, scope) => {
      const buffers = uploadAttentionLayer(scope, inputs, shape);
      return { kernel: await prepareAttentionLayer(runtime, scope, shape, buffers), output: buffers.out };
    },
  });
}
