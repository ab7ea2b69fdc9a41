/**
 * CPU reference for flash attention. Its output is defined to equal ordinary
 * attention, so the reference is the attention reference; this file also plans
 * the kernel's tiling. Its memory and traffic are counted in ./cost.ts.
 */
import type { AttentionShape } from '../attention/cost';
import type { FlashPlan } from './cost';

export type { FlashPlan };

export { attentionReference as flashAttentionReference } from '../attention/reference';

export const FLASH_QUERY_BLOCK = 64;
const FLASH_MAX_KEY_BLOCK = 64;

/**
 * The key block is the largest power of two ≤ 64 whose keys and values, padded to
 * vec4s of the real d_k and d_v, fit the workgroup memory; keys are split across
 * workgroups when there are fewer query blocks than about 4·lanes / 64 workgroups,
 * keeping at least 4 key blocks per split.
 */
export function planFlashAttention(
  { sequenceLength: t, keyDim, valueDim }: AttentionShape,
  { lanes, workgroupStorageBytes, keySplits }: { lanes: number; workgroupStorageBytes: number; keySplits?: number },
): FlashPlan {
  const bytesPerKey = 16 * (Math.ceil(keyDim / 4) + Math.ceil(valueDim / 4));
  const fits = Math.floor(workgroupStorageBytes / bytesPerKey);
  if (fits < 1)
    throw new RangeError(
      `One key and value of widths ${keyDim} and ${valueDim} need ${bytesPerKey} bytes of workgroup memory; the device allows ${workgroupStorageBytes}.`,
    );
  const keyBlock = Math.min(FLASH_MAX_KEY_BLOCK, 2 ** Math.floor(Math.log2(fits)));
  const queryBlocks = Math.ceil(t / FLASH_QUERY_BLOCK);
  const wanted = Math.ceil((4 * lanes) / FLASH_QUERY_BLOCK);
  const splits = keySplits ?? Math.max(1, Math.min(Math.ceil(wanted / queryBlocks), Math.floor(t / (4 * keyBlock))));
  const splitKeys = Math.ceil(t / splits / keyBlock) * keyBlock;
  return { queryBlock: FLASH_QUERY_BLOCK, keyBlock, keySplits: Math.ceil(t / splitKeys), splitKeys };
}
