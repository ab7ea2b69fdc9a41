/**
 * The linear recurrence's counted work, per method: the one home of these formulas for the
 * lesson's numbers, the scan experiment's rows and estimate, and the bench.
 */

/** The recurrence h_t = a_t · h_{t−1} + b_t, h_0 = 0, over independent channels. */
export interface ScanShape {
  /** Steps T per channel. */
  length: number;
  /** Independent channels (the width of h). */
  channels: number;
}

/** One level of the chunked scan: `chunks` chunks of `chunk` steps per channel. */
export interface ChunkedScanLevel {
  length: number;
  channels: number;
  chunk: number;
  chunks: number;
}

/**
 * The chunked scan's plan: levels from the input down, each one scanning the chunk
 * totals of the level above; the last totals (`baseLength` per channel) run as the loop.
 */
export interface ChunkedScanPlan {
  levels: ChunkedScanLevel[];
  baseLength: number;
  channels: number;
}

/** Counted work of one method, per run: floating-point operations, 4-byte loads and stores, and the longest chain of dependent steps. */
export interface ScanOperationCount {
  flops: number;
  loads: number;
  stores: number;
  dependentSteps: number;
}

/** The loop: one multiply-add per element, a and b read once, h written once, T dependent steps. */
export function sequentialScanCount({ length, channels }: ScanShape): ScanOperationCount {
  const n = length * channels;
  return { flops: 2 * n, loads: 2 * n, stores: n, dependentSteps: length };
}

/**
 * The chunked scan: at each level, reduce folds K−1 chunks (3 flops a step: the
 * map's two products and one sum), apply replays every step (2 flops) from one
 * loaded carry; the base level is the loop.
 */
export function chunkedScanCount(plan: ChunkedScanPlan): ScanOperationCount {
  const base = sequentialScanCount({ length: plan.baseLength, channels: plan.channels });
  return plan.levels.reduce<ScanOperationCount>((count, level) => {
    const reduced = (level.chunks - 1) * level.chunk * level.channels;
    const totals = (level.chunks - 1) * level.channels;
    const applied = level.length * level.channels;
    return {
      flops: count.flops + 3 * reduced + 2 * applied,
      loads: count.loads + 2 * reduced + 2 * applied + totals,
      stores: count.stores + 2 * totals + applied,
      dependentSteps: count.dependentSteps + 2 * level.chunk,
    };
  }, base);
}

/** Depth (dependent rounds) of each method: T for the loop, about 2·log2(T) for the scan. */
export function scanDepth(length: number, block = 128): { sequential: number; parallel: number } {
  let levels = 0;
  for (let n = length; n > 1; n = Math.ceil(n / block)) levels++;
  return { sequential: length, parallel: Math.max(1, levels) * 2 * Math.ceil(Math.log2(block)) };
}
