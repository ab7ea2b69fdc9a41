/**
 * Wilson's 95% score interval for a proportion (E. B. Wilson, "Probable inference,
 * the law of succession, and statistical inference", JASA 22, 1927): the accuracy
 * of `correct` answers out of `counted`, with bounds that stay inside [0, 1] and
 * stay honest near 0 and 1, where the normal approximation does not.
 */
export interface Proportion {
  correct: number;
  counted: number;
}

export interface Interval {
  estimate: number;
  low: number;
  high: number;
}

/** The two-sided 95% normal quantile. */
export const Z95 = 1.959963984540054;

/** Each accuracy point asks at least this many questions (issue 22: accuracies carry intervals from ≥ 64 answers). */
export const MIN_QUESTIONS_PER_POINT = 64;

export function wilsonInterval({ correct, counted }: Proportion, z = Z95): Interval {
  if (!Number.isInteger(counted) || counted < 1 || correct < 0 || correct > counted) {
    throw new RangeError(`A proportion needs 0 ≤ correct ≤ counted and counted ≥ 1; got ${correct} of ${counted}.`);
  }
  const p = correct / counted;
  const z2 = z * z;
  const centre = (p + z2 / (2 * counted)) / (1 + z2 / counted);
  const half = (z / (1 + z2 / counted)) * Math.sqrt((p * (1 - p)) / counted + z2 / (4 * counted * counted));
  // At none or all right one bound is exactly 0 or 1; computed, it would carry a rounding error.
  return { estimate: p, low: correct === 0 ? 0 : Math.max(0, centre - half), high: correct === counted ? 1 : Math.min(1, centre + half) };
}

/** Whether two intervals share no point: the difference between the two accuracies is one the intervals can see. */
export function intervalsSeparate(a: Interval, b: Interval): boolean {
  return a.high < b.low || b.high < a.low;
}
