/**
 * Associative recall on the GPU: the fixed-size outer-product memory and
 * attention over all stored pairs, each followed by nearest-value decoding.
 * Everything up to the answers' indices runs in one command buffer.
 */
import argmaxSource from './argmax.wgsl?raw';
import { accuracy, attentionAnswersReference, fixedStateAnswersReference, type RecallInputs, type RecallShape } from './reference';
import { prepareMatmul } from '../matmul/host';
import { prepareMaterialisedAttention } from '../attention/host';
import {
  bindGroup,
  describeBackend,
  GpuError,
  encodeDispatch,
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

/** The fixed state; attention over all pairs; attention over the window of the last pairs that fits in the fixed state's numbers. */
export type RecallMethod = 'fixed-state' | 'attention' | 'attention-window';

export const ARGMAX_SOURCE = argmaxSource;

async function prepareArgmax(
  runtime: GpuRuntime,
  scope: ResourceScope,
  values: GPUBuffer,
  rows: number,
  cols: number,
): Promise<PreparedKernel & { indices: GPUBuffer }> {
  const pipeline = await runtime.pipeline({ label: 'recall/argmax', code: argmaxSource, entryPoint: 'row_argmax', constants: { WORKGROUP_SIZE: 64 } });
  const indices = scope.output('recall/answers', rows);
  const params = scope.uniform(
    'recall/argmax/params',
    packUniform([
      ['u32', rows],
      ['u32', cols],
    ]),
  );
  const group = bindGroup(runtime, 'recall/argmax/bindings', pipeline, [values, indices, params]);
  const grid = workgroupGrid(rows, runtime.limits.maxComputeWorkgroupsPerDimension);
  return { indices, encode: (encoder, pass) => encodeDispatch(encoder, pass, 'recall/argmax', pipeline, group, grid) };
}

async function prepareFixedState(runtime: GpuRuntime, scope: ResourceScope, inputs: RecallInputs, shape: RecallShape, keys: GPUBuffer, values: GPUBuffer) {
  const { pairs: t, width: d, queries } = shape;
  const n = inputs.stateSide;
  const projection = scope.storage('recall/projection', inputs.projection);
  const questions = scope.storage('recall/questions', inputs.questions);
  const keysT = scope.output('recall/projected-keys', n * t);
  const valuesT = scope.output('recall/projected-values', n * t);
  const memoryT = scope.output('recall/memory', n * n);
  const projectedQuestions = scope.output('recall/projected-questions', queries * n);
  const recalled = scope.output('recall/recalled', queries * n);
  const similarity = scope.output('recall/similarity', queries * t);
  const steps = [
    await prepareMatmul(runtime, scope, 'tiled', { m: n, n: t, k: d, transposeB: true }, { a: projection, b: keys, c: keysT }),
    await prepareMatmul(runtime, scope, 'tiled', { m: n, n: t, k: d, transposeB: true }, { a: projection, b: values, c: valuesT }),
    // The whole sequence folded into S = n² numbers.
    await prepareMatmul(runtime, scope, 'tiled', { m: n, n, k: t, transposeB: true }, { a: keysT, b: valuesT, c: memoryT }),
    await prepareMatmul(runtime, scope, 'tiled', { m: queries, n, k: d, transposeB: true }, { a: questions, b: projection, c: projectedQuestions }),
    await prepareMatmul(runtime, scope, 'tiled', { m: queries, n, k: n }, { a: projectedQuestions, b: memoryT, c: recalled }),
    await prepareMatmul(runtime, scope, 'tiled', { m: queries, n: t, k: n }, { a: recalled, b: valuesT, c: similarity }),
  ];
  return { steps, similarity };
}

/** Attention over the last `window` pairs (all T by default), decoded against every stored value. */
async function prepareAttentionRecall(
  runtime: GpuRuntime,
  scope: ResourceScope,
  inputs: RecallInputs,
  shape: RecallShape,
  keys: GPUBuffer,
  values: GPUBuffer,
  window: number,
) {
  const { pairs: t, width: d, queries } = shape;
  const questions = scope.storage('recall/questions', inputs.questions);
  const answers = scope.output('recall/attention-out', queries * d);
  const similarity = scope.output('recall/similarity', queries * t);
  const from = (t - window) * d;
  const [windowKeys, windowValues] =
    window === t
      ? [keys, values]
      : [scope.storage('recall/window-keys', inputs.keys.subarray(from)), scope.storage('recall/window-values', inputs.values.subarray(from))];
  const steps = [
    await prepareMaterialisedAttention(
      runtime,
      scope,
      { sequenceLength: window, queries, keyDim: d, valueDim: d },
      { q: questions, k: windowKeys, v: windowValues, out: answers },
    ),
    await prepareMatmul(runtime, scope, 'tiled', { m: queries, n: t, k: d, transposeB: true }, { a: answers, b: values, c: similarity }),
  ];
  return { steps, similarity };
}

/** Each question's decoded answer (the index of a stored pair), and the accuracy. */
export async function recall(
  backend: Backend,
  inputs: RecallInputs,
  shape: RecallShape,
  method: RecallMethod,
  { signal }: { signal?: AbortSignal } = {},
): Promise<KernelResult<{ answers: Float32Array; accuracy: number }>> {
  const window = method === 'attention-window' ? inputs.window : shape.pairs;
  if (window < 1)
    throw new GpuError('limit', `A window of the last pairs needs room for one pair (2 × ${shape.width} numbers); this state has ${inputs.stateSide ** 2}.`);
  if (backend.kind === 'cpu') {
    const answers = method === 'fixed-state' ? fixedStateAnswersReference(inputs, shape) : attentionAnswersReference(inputs, shape, window);
    return { output: { answers, accuracy: accuracy(answers, inputs.asked) }, backend: describeBackend(backend), allocatedBytes: 0 };
  }
  const runtime = backend.runtime;
  return withResources(runtime, `recall/${method}`, signal, async (scope) => {
    const keys = scope.storage('recall/keys', inputs.keys);
    const values = scope.storage('recall/values', inputs.values);
    const { steps, similarity } =
      method === 'fixed-state'
        ? await prepareFixedState(runtime, scope, inputs, shape, keys, values)
        : await prepareAttentionRecall(runtime, scope, inputs, shape, keys, values, window);
    const argmax = await prepareArgmax(runtime, scope, similarity, shape.queries, shape.pairs);
    await submitAndWait(runtime.device, `recall/${method}`, {
      encode(encoder, pass) {
        for (const step of steps) step.encode(encoder, pass);
        argmax.encode(encoder, pass);
      },
    });
    const allocatedBytes = scope.allocatedBytes;
    const answers = await scope.read(argmax.indices);
    return { output: { answers, accuracy: accuracy(answers, inputs.asked) }, backend: describeBackend(backend), allocatedBytes };
  });
}
