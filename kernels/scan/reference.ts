/** CPU reference for the linear recurrence h_t = a_t · h_{t−1} + b_t, h_0 = 0, per channel. */
export interface ScanShape {
  /** Steps T per channel. */
  length: number;
  /** Independent channels (the width of h). */
  channels: number;
}

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

/** Depth (dependent rounds) of each method: T for the loop, about 2·log2(T) for the scan. */
export function scanDepth(length: number, block = 128): { sequential: number; parallel: number } {
  let levels = 0;
  for (let n = length; n > 1; n = Math.ceil(n / block)) levels++;
  return { sequential: length, parallel: Math.max(1, levels) * 2 * Math.ceil(Math.log2(block)) };
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
