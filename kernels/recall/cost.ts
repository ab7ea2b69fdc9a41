/**
 * Associative recall's counted work and memory, roughly: what the experiment's estimate
 * needs. The softmax, the argmax and the tanh-free projections' small terms are not counted.
 */
import type { RecallShape } from './reference';

/**
 * FLOPs and bytes of one recall run. The fixed state of n = √S numbers a side projects each key
 * and value to n dimensions and adds their outer product (2·T·S), then answers each question by
 * reading the state and comparing against every stored value; attention compares each question
 * with all T keys and sums all T values.
 */
export function recallWork(
  { pairs: t, width, queries }: RecallShape,
  stateSize: number,
  method: 'fixed-state' | 'attention',
): { flops: number; bytes: number } {
  const side = Math.max(1, Math.floor(Math.sqrt(stateSize)));
  const inputBytes = 4 * (2 * t * width + side * width);
  if (method === 'attention') return { flops: 6 * queries * t * width, bytes: inputBytes + 4 * queries * t };
  return {
    flops: 2 * t * side * side + 4 * t * side * width + 2 * queries * (side * side + side * width + t * side),
    bytes: inputBytes + 4 * (2 * t * side + side * side + queries * t),
  };
}
