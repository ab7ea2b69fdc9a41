/**
 * Attention's counted work and memory: the one home of these formulas for the
 * lesson's numbers, the experiments, the calculators and the bench.
 */
import type { AttentionShape } from './reference';

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

/** FLOPs of one attention head: QKᵀ and P·V, two per multiply-add (the softmax is not counted). */
export function attentionFlops({ sequenceLength: t, queries = t, keyDim, valueDim }: AttentionShape): number {
  return 2 * queries * t * keyDim + 2 * queries * t * valueDim;
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

/** Bytes of one head's fp32 inputs and output: Q, K, V and the queries' outputs (the scores are apart). */
export function attentionIoBytes({ sequenceLength: t, queries = t, keyDim, valueDim }: AttentionShape): number {
  return 4 * (queries * keyDim + t * keyDim + t * valueDim + queries * valueDim);
}
