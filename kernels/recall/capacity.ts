/**
 * The fixed-size state's capacity, as chapter 3 estimates it, and the memory
 * budget that lets attention be compared at the same size; pure arithmetic, light
 * enough for the page.
 */

/**
 * The chapter's signal-to-noise estimate: keys in n dimensions overlap by about
 * 1/√n, so the crosstalk of T pairs has variance about T/n² = T/m, and the right
 * one of T candidates wins while √(2 ln T) noise deviations stay below the signal
 * of one: 2 T ln T ≤ m, that is T ≈ m/(2 ln T). Returns the largest such T.
 */
export function recallCapacityEstimate(stateSize: number): number {
  let t = 1;
  while (2 * (t + 1) * Math.log(t + 1) <= stateSize) t++;
  return t;
}

/**
 * Key–value pairs of `width` numbers each (a key and a value) that fit in
 * `stateSize` numbers: the window of the last m/(2d) pairs that gives attention
 * the fixed state's memory. Zero when not even one pair fits.
 */
export function windowPairs(stateSize: number, width: number): number {
  return Math.floor(stateSize / (2 * width));
}
