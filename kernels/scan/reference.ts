/** CPU reference for the linear recurrence h_t = a_t · h_{t−1} + b_t, h_0 = 0, per channel. */
import type { ChunkedScanLevel, ChunkedScanPlan, ScanShape } from './cost';

export type { ChunkedScanLevel, ChunkedScanPlan, ScanShape };

/** Channel-major in and out: element t of channel c is at c·T + t. */
export function linearRecurrenceReference(a: Float32Array, b: Float32Array, { length, channels }: ScanShape): Float32Array {
  const h = new Float32Array(length * channels);
  for (let channel = 0; channel < channels; channel++) {
    let state = 0;
    for (let t = 0; t < length; t++) {
      const index = channel * length + t;
      state = a[index]! * state + b[index]!;
      h[index] = state;
    }
  }
  return h;
}

/**
 * The parallel scan's arithmetic on one thread: compose the maps within blocks,
 * then carry each block's total into the next. Same reassociation as the GPU's
 * blocked scan, so the CPU path shows the same (tiny) rounding differences.
 */
export function blockedScanReference(a: Float32Array, b: Float32Array, { length, channels }: ScanShape, block = 128): Float32Array {
  const h = new Float32Array(length * channels);
  for (let channel = 0; channel < channels; channel++) {
    // With h_0 = 0, only the offset of the composition of earlier blocks matters.
    let carryB = 0;
    for (let start = 0; start < length; start += block) {
      let blockA = 1;
      let blockB = 0;
      const end = Math.min(length, start + block);
      for (let t = start; t < end; t++) {
        const index = channel * length + t;
        blockB = Math.fround(a[index]! * blockB + b[index]!);
        blockA = Math.fround(a[index]! * blockA);
        // The element's value: its in-block prefix applied after every earlier block.
        h[index] = Math.fround(blockA * carryB + blockB);
      }
      carryB = Math.fround(blockA * carryB + blockB);
    }
  }
  return h;
}

/** Shortest chunk: below this the totals cost more to write and read back than the steps they save. */
export const MIN_SCAN_CHUNK = 16;
/** Invocations per parallel lane the chunked scan aims for, so the scheduler can hide memory latency. */
export const SCAN_OCCUPANCY = 4;

/**
 * Picks each level's chunk length L so that channels × T/L is about
 * SCAN_OCCUPANCY × `lanes` invocations; a level whose chunk would cover all of T,
 * or whose totals are no longer than the chunk above them, runs as the loop.
 */
export function planChunkedScan({ length, channels }: ScanShape, lanes: number, minChunk = MIN_SCAN_CHUNK): ChunkedScanPlan {
  const levels: ChunkedScanLevel[] = [];
  let current = length;
  let serialBelow = 1;
  for (;;) {
    const chunk = Math.max(minChunk, Math.ceil((current * channels) / (SCAN_OCCUPANCY * lanes)));
    if (chunk >= current || current <= serialBelow) break;
    const chunks = Math.ceil(current / chunk);
    levels.push({ length: current, channels, chunk, chunks });
    // The totals of chunks 0 … K−2 are the next level's recurrence (h_0 = 0 needs no last total).
    current = chunks - 1;
    serialBelow = chunk;
  }
  return { levels, baseLength: current, channels };
}

/**
 * The chunked scan's arithmetic on one thread, in f32 and in the GPU's order, so
 * the CPU path shows the same rounding as the GPU.
 */
export function chunkedScanReference(a: Float32Array, b: Float32Array, plan: ChunkedScanPlan, level = 0): Float32Array {
  const current = plan.levels[level];
  if (!current) return linearRecurrenceReference(a, b, { length: plan.baseLength, channels: plan.channels });
  const { length, channels, chunk, chunks } = current;
  const totals = chunks - 1;
  const totalA = new Float32Array(totals * channels);
  const totalB = new Float32Array(totals * channels);
  for (let channel = 0; channel < channels; channel++) {
    for (let k = 0; k < totals; k++) {
      let foldA = 1;
      let foldB = 0;
      for (let t = 0; t < chunk; t++) {
        const index = channel * length + k * chunk + t;
        foldB = Math.fround(a[index]! * foldB + b[index]!);
        foldA = Math.fround(a[index]! * foldA);
      }
      totalA[channel * totals + k] = foldA;
      totalB[channel * totals + k] = foldB;
    }
  }
  const carry = chunkedScanReference(totalA, totalB, plan, level + 1);
  const h = new Float32Array(length * channels);
  for (let channel = 0; channel < channels; channel++) {
    for (let k = 0; k < chunks; k++) {
      let state = k > 0 ? carry[channel * totals + k - 1]! : 0;
      for (let t = k * chunk; t < Math.min(length, (k + 1) * chunk); t++) {
        const index = channel * length + t;
        state = Math.fround(a[index]! * state + b[index]!);
        h[index] = state;
      }
    }
  }
  return h;
}
