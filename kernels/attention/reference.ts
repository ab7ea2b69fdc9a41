/**
 * CPU reference for scaled dot-product attention, softmax(QKᵀ/√d_k)·V, with an
 * optional causal mask. Float64 accumulation; the T×T scores are materialised.
 */
import { deriveSeed, normalArray, uniformArray } from '../runtime/prng';
import { matmulReference } from '../matmul/reference';
import { visibleKeys, type AttentionLayerShape, type AttentionShape } from './cost';

export type { AttentionLayerShape, AttentionShape };
export { visibleKeys };

export function attentionReference(q: Float32Array, k: Float32Array, v: Float32Array, shape: AttentionShape): Float32Array {
  const { sequenceLength: t, keyDim, valueDim } = shape;
  const queries = shape.queries ?? t;
  const scale = 1 / Math.sqrt(keyDim);
  const out = new Float32Array(queries * valueDim);
  const weights = new Float64Array(t);
  for (let row = 0; row < queries; row++) {
    const { live, total } = unnormalisedWeights(q, k, shape, row, scale, weights);
    for (let j = 0; j < valueDim; j++) {
      let sum = 0;
      for (let col = 0; col < live; col++) sum += weights[col]! * v[col * valueDim + j]!;
      out[row * valueDim + j] = sum / total;
    }
  }
  return out;
}

/** One query row's exp(score − largest) over its visible keys, into `weights`; how many keys it sees, and their sum. */
function unnormalisedWeights(
  q: Float32Array,
  k: Float32Array,
  shape: Omit<AttentionShape, 'valueDim'>,
  row: number,
  scale: number,
  weights: Float64Array,
): { live: number; total: number } {
  const { keyDim } = shape;
  const live = visibleKeys({ ...shape, valueDim: 0 }, row);
  let largest = -Infinity;
  for (let col = 0; col < live; col++) {
    let dot = 0;
    for (let i = 0; i < keyDim; i++) dot += q[row * keyDim + i]! * k[col * keyDim + i]!;
    weights[col] = dot * scale;
    largest = Math.max(largest, weights[col]!);
  }
  let total = 0;
  for (let col = 0; col < live; col++) {
    weights[col] = Math.exp(weights[col]! - largest);
    total += weights[col]!;
  }
  return { live, total };
}

export { scoreMatrixBytes } from './cost';

/** One decode step over a KV cache: the last row of attention, one query against p cached keys and values (float64 accumulation). */
export function decodeAttentionReference(
  query: Float32Array,
  keys: Float32Array,
  values: Float32Array,
  { positions, keyDim, valueDim }: { positions: number; keyDim: number; valueDim: number },
): Float32Array {
  return attentionReference(query, keys, values, { sequenceLength: positions, queries: 1, keyDim, valueDim });
}

/** softmax(QKᵀ/√d_k) alone: the attention weights, queries × T. */
export function attentionWeightsReference(q: Float32Array, k: Float32Array, shape: Omit<AttentionShape, 'valueDim'>): Float32Array {
  // Each query's weights directly: the same numbers as attending over a T×T identity, without its
  // queries·T² work (152 s at K = 2,000 in the gradients experiment, against 0.4 s this way, in Node on a shared two-core machine).
  const t = shape.sequenceLength;
  const queries = shape.queries ?? t;
  const scale = 1 / Math.sqrt(shape.keyDim);
  const out = new Float32Array(queries * t);
  const weights = new Float64Array(t);
  for (let row = 0; row < queries; row++) {
    const { live, total } = unnormalisedWeights(q, k, shape, row, scale, weights);
    for (let col = 0; col < live; col++) out[row * t + col] = weights[col]! / total;
  }
  return out;
}

/** Seeded Q, K (normal) and V (uniform in [−1, 1]) for a shape. */
export function attentionInputs(shape: AttentionShape, seed: number): { q: Float32Array; k: Float32Array; v: Float32Array } {
  const t = shape.sequenceLength;
  return {
    q: normalArray(deriveSeed(seed, 3), (shape.queries ?? t) * shape.keyDim),
    k: normalArray(deriveSeed(seed, 4), t * shape.keyDim),
    v: uniformArray(deriveSeed(seed, 5), t * shape.valueDim),
  };
}

/**
 * Attention that materialises the T×T scores as one Float32Array, as the GPU
 * kernel does, for the CPU path of experiments that report memory.
 */
export function materialisedAttentionReference(
  q: Float32Array,
  k: Float32Array,
  v: Float32Array,
  shape: AttentionShape,
): { output: Float32Array; scoreBytes: number } {
  const { sequenceLength: t, keyDim, valueDim } = shape;
  const queries = shape.queries ?? t;
  const scale = 1 / Math.sqrt(keyDim);
  const scores = new Float32Array(queries * t);
  for (let row = 0; row < queries; row++) {
    const live = visibleKeys(shape, row);
    let largest = -Infinity;
    for (let col = 0; col < live; col++) {
      let dot = 0;
      for (let i = 0; i < keyDim; i++) dot += q[row * keyDim + i]! * k[col * keyDim + i]!;
      scores[row * t + col] = dot * scale;
      largest = Math.max(largest, scores[row * t + col]!);
    }
    let total = 0;
    for (let col = 0; col < live; col++) {
      const weight = Math.exp(scores[row * t + col]! - largest);
      scores[row * t + col] = weight;
      total += weight;
    }
    for (let col = 0; col < live; col++) scores[row * t + col]! /= total;
  }
  const output = new Float32Array(queries * valueDim);
  for (let row = 0; row < queries; row++) {
    for (let j = 0; j < valueDim; j++) {
      let sum = 0;
      for (let col = 0; col < t; col++) sum += scores[row * t + col]! * v[col * valueDim + j]!;
      output[row * valueDim + j] = sum;
    }
  }
  return { output, scoreBytes: scores.byteLength };
}

/** X and the four d×d projections W_Q, W_K, W_V, W_O, each applied as X·W. */
export interface AttentionLayerInputs {
  x: Float32Array;
  wq: Float32Array;
  wk: Float32Array;
  wv: Float32Array;
  wo: Float32Array;
}

/** Seeded inputs; weights drawn with standard deviation 1/√d, so projections keep the inputs' scale. */
export function attentionLayerInputs(shape: AttentionLayerShape, seed: number): AttentionLayerInputs {
  const { sequenceLength: t, width: d } = shape;
  const weights = (stream: number) => normalArray(deriveSeed(seed, stream), d * d, 1 / Math.sqrt(d));
  return { x: normalArray(deriveSeed(seed, 10), t * d), wq: weights(11), wk: weights(12), wv: weights(13), wo: weights(14) };
}

/** The layer on the CPU: three input projections, materialised attention, the output projection. */
export function attentionLayerReference(inputs: AttentionLayerInputs, shape: AttentionLayerShape): { output: Float32Array; scoreBytes: number } {
  const { sequenceLength: t, width: d } = shape;
  const projection = { m: t, n: d, k: d };
  const [q, k, v] = [inputs.wq, inputs.wk, inputs.wv].map((w) => matmulReference(inputs.x, w, projection)) as [Float32Array, Float32Array, Float32Array];
  const heads = materialisedAttentionReference(q, k, v, { sequenceLength: t, keyDim: d, valueDim: d });
  return { output: matmulReference(heads.output, inputs.wo, projection), scoreBytes: heads.scoreBytes };
}
