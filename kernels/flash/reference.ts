/**
 * CPU reference for flash attention. Its output is defined to equal ordinary
 * attention, so the reference is the attention reference; this file also states
 * the memory flash attention needs, which is what sets it apart.
 */
import type { AttentionShape } from '../attention/reference';

export { attentionReference as flashAttentionReference } from '../attention/reference';

/** Bytes flash attention allocates: Q, K, V and the output, with no T×T term. */
export function flashAttentionBytes({ sequenceLength: t, keyDim, valueDim }: AttentionShape): number {
  return 4 * (2 * t * keyDim + 2 * t * valueDim);
}
