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
