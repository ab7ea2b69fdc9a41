/**
 * Attention's counted work and memory: the one home of these formulas for the
 * lesson's numbers, the experiments, the calculators and the bench.
 */
import { matmulFlops } from '../matmul/cost';

/** Scaled dot-product attention, softmax(QKᵀ/√d_k)·V, with an optional causal mask. */
export interface AttentionShape {
  /** Sequence length T: rows of K and V (and of Q unless `queries` says otherwise). */
  sequenceLength: number;
  /** Rows of Q, when fewer queries than keys attend (a decode step, a batch of questions). Defaults to T. */
  queries?: number;
  /** Width d_k of queries and keys. */
  keyDim: number;
  /** Width d_v of values. */
  valueDim: number;
  causal?: boolean;
}

/** A single-head self-attention layer of model width d over T positions: X (T×d) → Q, K, V → attention → output projection. */
export interface AttentionLayerShape {
  sequenceLength: number;
  width: number;
}

/** How many keys query `row` may see: all of them, or under a causal mask those up to its own position (queries are the last rows). */
export function visibleKeys(shape: AttentionShape, row: number): number {
  const t = shape.sequenceLength;
  return shape.causal ? Math.min(t, row + 1 + t - (shape.queries ?? t)) : t;
}

/** Bytes of the materialised fp32 score matrix: exactly 4·T² (4·queries·T when fewer queries attend). */
export function scoreMatrixBytes(sequenceLength: number, queries = sequenceLength): number {
  return 4 * queries * sequenceLength;
}

/** Largest T whose fp32 T×T score matrix fits in `budgetBytes`. */
export function largestSequenceForScores(budgetBytes: number, bytesPerValue = 4): number {
  return Math.floor(Math.sqrt(budgetBytes / bytesPerValue));
}

/** Largest T whose fp32 score matrix fits both maxBufferSize and maxStorageBufferBindingSize. */
export function largestMaterialisedSequence(limits: Pick<GPUSupportedLimits, 'maxBufferSize' | 'maxStorageBufferBindingSize'>): number {
  return largestSequenceForScores(Math.min(limits.maxBufferSize, limits.maxStorageBufferBindingSize));
}

/** Multiply-adds of one attention head: QKᵀ and P·V, queries·T·(d_k + d_v); 2T²d for T queries at d_k = d_v = d (the softmax is not counted). */
export function attentionMacs({ sequenceLength: t, queries = t, keyDim, valueDim }: AttentionShape): number {
  return queries * t * keyDim + queries * t * valueDim;
}

/** FLOPs of one attention head: two per multiply-add. */
export function attentionFlops(shape: AttentionShape): number {
  return 2 * attentionMacs(shape);
}

/** Numbers in a KV cache of `position` tokens: one key and one value of width d each. */
export function kvCacheValues(position: number, width: number): number {
  return 2 * position * width;
}

/** Multiply-adds for one decode step's attention over `position` cached tokens (scores and weighted sum). */
export function kvStepMacs(position: number, width: number): number {
  return 2 * position * width;
}

/** FLOPs, bytes read (the query and the cache) and cache bytes of one decode step over p cached keys and values: linear in position. */
export function kvStepWork(position: number, width: number): { flops: number; bytesRead: number; stateBytes: number } {
  return { flops: 2 * kvStepMacs(position, width), bytesRead: 4 * (width + kvCacheValues(position, width)), stateBytes: 4 * kvCacheValues(position, width) };
}

/** One decode step's shape: a single query of width d_k against p cached keys (d_k) and values (d_v). */
export interface DecodeShape {
  positions: number;
  keyDim: number;
  valueDim: number;
}

/**
 * How the fused decode kernel divides a cache: `splits` workgroups of `keysPerSplit`
 * keys each (the last may hold fewer). One split is one dispatch; more add a combine.
 */
export interface DecodePlan {
  splits: number;
  keysPerSplit: number;
}

/**
 * Keys one workgroup walks before the cache is split: eight tiles of 64, enough to
 * spend most of a workgroup's time on keys rather than on its own setup and combine.
 */
export const DECODE_KEYS_PER_SPLIT = 512;

/** Splits a cache of `positions` keys into as few ranges of at most `keysPerSplit` as cover it, of near-equal length, none empty. */
export function decodePlan(positions: number, keysPerSplit = DECODE_KEYS_PER_SPLIT): DecodePlan {
  if (!Number.isInteger(positions) || positions < 1) throw new RangeError(`A decode step needs at least one cached position; got ${positions}.`);
  if (!Number.isInteger(keysPerSplit) || keysPerSplit < 1) throw new RangeError(`Keys per split must be a positive integer; got ${keysPerSplit}.`);
  const splits = Math.ceil(positions / keysPerSplit);
  const even = Math.ceil(positions / splits);
  return { splits: Math.ceil(positions / even), keysPerSplit: even };
}

/**
 * Counted work of the fused decode kernel under a plan: scores and weighted sum (two
 * FLOPs per multiply-add, the exponentials not counted, as in attentionFlops), plus
 * the combine's d_v multiply-adds per split when there is more than one; bytes read
 * are the query, the cache, and the partial results the combine reads back.
 */
export function decodeAttentionWork(
  { positions: p, keyDim, valueDim }: DecodeShape,
  plan: DecodePlan,
): { flops: number; bytesRead: number; stateBytes: number } {
  const combined = plan.splits > 1 ? plan.splits : 0;
  return {
    flops: 2 * p * keyDim + 2 * p * valueDim + 2 * combined * valueDim,
    bytesRead: 4 * (keyDim + p * keyDim + p * valueDim + combined * (2 + valueDim)),
    stateBytes: 4 * p * (keyDim + valueDim),
  };
}

/** FLOPs of a single-head self-attention layer of width d: the Q, K, V and output projections (four T×d by d×d products) and the attention itself. */
export function attentionLayerFlops({ sequenceLength: t, width: d }: AttentionLayerShape): number {
  return 4 * matmulFlops({ m: t, n: d, k: d }) + attentionFlops({ sequenceLength: t, keyDim: d, valueDim: d });
}

/** Bytes of one head's fp32 inputs and output: Q, K, V and the queries' outputs (the scores are apart). */
export function attentionIoBytes({ sequenceLength: t, queries = t, keyDim, valueDim }: AttentionShape): number {
  return 4 * (queries * keyDim + t * keyDim + t * valueDim + queries * valueDim);
}
