/**
 * The Wilson score interval for a proportion (Wilson, "Probable inference, the law of
 * succession, and statistical inference", JASA 22, 1927): unlike p ± z·√(p(1−p)/n) it
 * stays inside [0, 1] and does not collapse to a point at 0 or n successes.
 */

/** z for a two-sided 95% interval. */
export const Z_95 = 1.959963984540054;

export interface ProportionInterval {
  /** successes / trials. */
  estimate: number;
  low: number;
  high: number;
}

/** The Wilson 95% interval of `successes` out of `trials` (0 to 1 for no trials: nothing is known). */
export function wilsonInterval(successes: number, trials: number, z = Z_95): ProportionInterval {
  if (!(trials > 0)) return { estimate: Number.NaN, low: 0, high: 1 };
  if (successes < 0 || successes > trials) throw new RangeError(`${successes} successes out of ${trials} trials is not a proportion.`);
  const p = successes / trials;
  const z2 = z * z;
  const centre = (p + z2 / (2 * trials)) / (1 + z2 / trials);
  const half = (z / (1 + z2 / trials)) * Math.sqrt((p * (1 - p)) / trials + z2 / (4 * trials * trials));
  // At 0 or n successes one bound is exactly 0 or 1; computed, it would carry a rounding error.
  return { estimate: p, low: successes === 0 ? 0 : Math.max(0, centre - half), high: successes === trials ? 1 : Math.min(1, centre + half) };
}
