/** Synthetic repetitions for the timing summaries' tests: five runs spread evenly around a median. */

/** Five repetitions with the given median, spread ±`spread` (a fraction) around it. */
export function repetitions(medianMs: number, spread: number): number[] {
  return [-1, -0.5, 0, 0.5, 1].map((step) => medianMs * (1 + step * spread));
}

/** Tight repetitions (±2%): any real difference between methods is significant. */
export const TIGHT = 0.02;
/** Wide repetitions (±90%): differences of a few times the median are within noise. */
export const WIDE = 0.9;
