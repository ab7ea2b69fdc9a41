/**
 * Flash attention's counted memory and traffic, beside the materialised kernel's: the one
 * home of these formulas for the quadratic-cost experiment, the lesson and the bench.
 */
import { visibleKeys, type AttentionShape } from '../attention/cost';
import { tiledMatmulTrafficBytes } from '../matmul/cost';

/**
 * Bytes flash attention allocates: Q, K, V and the output, with no T×T term. Against
 * the materialised kernel's extra 4·T² bytes of scores the ratio is 1 + T/(4d) for
 * d_k = d_v = d, by construction: it says what is stored, not how fast either runs.
 */
export function flashAttentionBytes({ sequenceLength: t, keyDim, valueDim }: AttentionShape): number {
  return 4 * (2 * t * keyDim + 2 * t * valueDim);
}

/** How the flash kernel tiles one problem: queries per workgroup, keys per staged block, and how the keys are split across workgroups. */
export interface FlashPlan {
  queryBlock: number;
  keyBlock: number;
  keySplits: number;
  /** Keys per split, a multiple of keyBlock. */
  splitKeys: number;
}

/** Bytes read and written from GPU memory, counted from the algorithm. */
export interface Traffic {
  readBytes: number;
  writtenBytes: number;
}

/**
 * Flash attention's traffic: Q once; each query block reads the keys and values it
 * sees (all T, or up to its last row when causal); the output once; with a split,
 * every split writes and the combine pass reads (max, sum, row) per query.
 */
export function flashTraffic(shape: AttentionShape, plan: FlashPlan): Traffic {
  const { sequenceLength: t, keyDim, valueDim } = shape;
  let keysRead = 0;
  for (let start = 0; start < t; start += plan.queryBlock) {
    keysRead += shape.causal ? Math.min(t, start + plan.queryBlock) : t;
  }
  const partials = plan.keySplits > 1 ? plan.keySplits * t * (4 * Math.ceil(valueDim / 4) + 2) : 0;
  return {
    readBytes: 4 * (t * keyDim + keysRead * (keyDim + valueDim) + partials),
    writtenBytes: 4 * (t * valueDim + partials),
  };
}

/**
 * The materialised kernel's traffic: Q·Kᵀ and P·V by the tiled matmul (32×32 tiles),
 * and the softmax pass, which reads each visible score three times (max, exponent,
 * normalise) and writes it twice, zeroing the masked ones.
 */
export function materialisedTraffic(shape: AttentionShape, matmulTile = 32): Traffic {
  const { sequenceLength: t, keyDim, valueDim } = shape;
  let visible = 0;
  for (let row = 0; row < t; row++) visible += visibleKeys(shape, row);
  const scores = tiledMatmulTrafficBytes({ m: t, n: t, k: keyDim }, matmulTile) - 4 * t * t;
  const weighted = tiledMatmulTrafficBytes({ m: t, n: valueDim, k: t }, matmulTile) - 4 * t * valueDim;
  return {
    readBytes: scores + weighted + 4 * 3 * visible,
    writtenBytes: 4 * (t * t + 2 * visible + (t * t - visible) + t * valueDim),
  };
}
