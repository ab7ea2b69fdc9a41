/**
 * When a difference between two timed methods is a finding and when it is noise.
 *
 * The ratio of two methods' median times at one size carries a 95% percentile-bootstrap
 * interval over their repetitions (Efron and Tibshirani, "An Introduction to the Bootstrap",
 * 1993, ch. 13): both sets of repetitions are resampled with replacement, the ratio of the
 * resampled medians is taken, and the 2.5th and 97.5th percentiles of those ratios bound it.
 * The resampling is seeded, so the same rows always give the same interval.
 *
 *   - a lead is stated only when the interval excludes 1;
 *   - a tie only when the whole interval lies within ±10% of 1;
 *   - anything else is "within noise".
 *
 * A crossing needs significant leads on both sides. Pure code: no GPU, no DOM.
 */
import { createRandom } from '../../../kernels/runtime/prng';

/** The fewest repetitions per timed point that a finding may rest on. */
export const MIN_REPETITIONS = 5;
/** A tie is claimed only when the ratio's interval lies inside [1 − TIE_BAND, 1 + TIE_BAND]. */
export const TIE_BAND = 0.1;
/** How many bootstrap resamples make one interval. */
export const RESAMPLES = 2000;
/** The seed every interval is drawn with, so a page, a test and the bench agree. */
export const BOOTSTRAP_SEED = 0x5eed;

export interface RatioInterval {
  /** median(a) ÷ median(b) over the measured repetitions. */
  ratio: number;
  /** 2.5th and 97.5th percentiles of the bootstrapped ratio. */
  low: number;
  high: number;
  /** The fewer of the two methods' repetitions. */
  repetitions: number;
}

/** Which of two methods a size's interval says was faster: 'a', 'b', a tie within ±10%, or noise. */
export type Outcome = 'a' | 'b' | 'tie' | 'noise';

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((x, y) => x - y);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

function resampledMedian(values: readonly number[], random: () => number): number {
  const sample = Array.from({ length: values.length }, () => values[Math.floor(random() * values.length)]!);
  return median(sample);
}

/**
 * The ratio of a's median time to b's, with its 95% bootstrap interval. Undefined when either
 * side has no usable (finite, positive) repetitions.
 */
export function ratioInterval(a: readonly number[], b: readonly number[], seed = BOOTSTRAP_SEED, resamples = RESAMPLES): RatioInterval | undefined {
  const usableA = a.filter((x) => Number.isFinite(x) && x > 0);
  const usableB = b.filter((x) => Number.isFinite(x) && x > 0);
  if (usableA.length === 0 || usableB.length === 0) return undefined;
  const random = createRandom(seed);
  const ratios = Array.from({ length: resamples }, () => resampledMedian(usableA, random) / resampledMedian(usableB, random)).sort((x, y) => x - y);
  const at = (q: number) => ratios[Math.min(ratios.length - 1, Math.max(0, Math.round(q * (ratios.length - 1))))]!;
  return { ratio: median(usableA) / median(usableB), low: at(0.025), high: at(0.975), repetitions: Math.min(usableA.length, usableB.length) };
}

/**
 * What an interval lets a page say. Too few repetitions is noise whatever the interval:
 * a bootstrap of three values cannot bound anything.
 */
export function outcome(interval: RatioInterval | undefined): Outcome {
  if (!interval || interval.repetitions < MIN_REPETITIONS) return 'noise';
  if (interval.high < 1) return 'a';
  if (interval.low > 1) return 'b';
  if (interval.low >= 1 - TIE_BAND && interval.high <= 1 + TIE_BAND) return 'tie';
  return 'noise';
}

/** One size's comparison, as the summaries read it. */
export interface Comparison {
  x: number;
  interval: RatioInterval | undefined;
  outcome: Outcome;
}

export function compareAt(x: number, a: readonly number[], b: readonly number[]): Comparison {
  const interval = ratioInterval(a, b);
  return { x, interval, outcome: outcome(interval) };
}

/**
 * The sizes where the significant leader changes, between two significant leads: a crossing
 * between the last significant lead on one side and the first on the other. Ties and noise in
 * between neither make nor break a crossing.
 */
export function crossings(comparisons: readonly Comparison[]): Array<{ from: Comparison; to: Comparison }> {
  const leads = [...comparisons].sort((p, q) => p.x - q.x).filter((c) => c.outcome === 'a' || c.outcome === 'b');
  const found: Array<{ from: Comparison; to: Comparison }> = [];
  for (let i = 1; i < leads.length; i++) if (leads[i]!.outcome !== leads[i - 1]!.outcome) found.push({ from: leads[i - 1]!, to: leads[i]! });
  return found;
}

/**
 * "0.523× (95% interval 0.482–0.571×, 5 runs each)". The bounds have as many digits as the ratio,
 * so a ratio of 1.08 never reads as lying outside a lower bound of 1.05 rounded to "1.1".
 */
export function formatInterval(interval: RatioInterval): string {
  const digits = (v: number) => v.toPrecision(3);
  return `${digits(interval.ratio)}× (95% interval ${digits(interval.low)}–${digits(interval.high)}×, ${interval.repetitions} runs each)`;
}

/**
 * How many times a point's time is off the log–log line through two others (interpolated between
 * them, or extrapolated beyond them), above or below: 1 when it lies on the line.
 */
function timesOffLine(point: { x: number; ms: number }, first: { x: number; ms: number }, second: { x: number; ms: number }): number {
  const share = Math.log(point.x / first.x) / Math.log(second.x / first.x);
  const expected = Math.exp(Math.log(first.ms) + share * Math.log(second.ms / first.ms));
  return Math.max(point.ms / expected, expected / point.ms);
}

/**
 * Points off their neighbours' trend by more than `factor`, on log–log axes. Such a point must be
 * measured again before it can become a finding. Returns the sizes flagged.
 *
 *   - An inner point is judged against the line through its two neighbours, and flagged when it is
 *     more than `factor`× above or below it and further off than either neighbour is (so one spike
 *     does not also condemn the points beside it, which it pulls off their own lines).
 *   - An end point (the first or the last size) with at least two sizes beside it is judged against
 *     the line extrapolated from its two nearest neighbours. Extrapolating doubles a neighbour's own
 *     error, so the end is flagged only when those neighbours can be trusted: where a third size lies
 *     beyond them, the nearer one must be within `factor`× of the line extrapolated from the next two
 *     (otherwise the neighbour is the one off, and the inner rule judges it). An end flagged counts
 *     as its neighbour's neighbour in the inner rule.
 *   - With only three sizes in all, nothing tells one point's error from another's (each is off the
 *     line through the other two in fixed proportion), so every point more than `factor`× off that
 *     line is flagged, and measuring again tells which it was.
 *
 * A genuinely steeper end (a memory wall, a cache edge) is flagged too: this tells what to measure
 * again, not what to discard (see `reproduced`).
 */
export function offTrend(points: ReadonlyArray<{ x: number; ms: number }>, factor = 2): number[] {
  const sorted = [...points].filter((p) => Number.isFinite(p.ms) && p.ms > 0).sort((p, q) => p.x - q.x);
  const n = sorted.length;
  if (n < 3) return [];
  if (n === 3)
    return sorted
      .filter((point, i) => timesOffLine(point, ...(sorted.filter((_, j) => j !== i) as [typeof point, typeof point])) > factor)
      .map((point) => point.x);
  /** The end at `index` (0 or n − 1) and its neighbours inwards, nearest first. */
  const inwards = (index: number) => (index === 0 ? sorted : [...sorted].reverse());
  const endFlagged = (index: number): boolean => {
    const [end, near, next, beyond] = inwards(index);
    if (timesOffLine(end!, near!, next!) <= factor) return false;
    return beyond === undefined || timesOffLine(near!, next!, beyond) <= factor;
  };
  const ends = new Map([0, n - 1].map((index) => [index, endFlagged(index)]));
  // How many times off the line through its neighbours each inner point is; an end counts only where it is flagged itself.
  const deviation = sorted.map((point, i) => {
    if (i === 0 || i === n - 1) return ends.get(i) ? timesOffLine(point, ...(inwards(i).slice(1, 3) as [typeof point, typeof point])) : 1;
    return timesOffLine(point, sorted[i - 1]!, sorted[i + 1]!);
  });
  return sorted
    .filter((_, i) => (ends.has(i) ? ends.get(i)! : deviation[i]! > factor && deviation[i]! >= deviation[i - 1]! && deviation[i]! >= deviation[i + 1]!))
    .map((point) => point.x);
}

/** Two measurements of one point agree when the larger is at most this much above the smaller. */
export const REPRODUCED_WITHIN = 0.25;

/**
 * Whether a point measured twice gave the same time within 25%: a real effect (a memory wall, a
 * cache edge) reproduces, noise usually does not. Such a point is kept even when it stays off its
 * neighbours' trend.
 */
export function reproduced(firstMs: number, secondMs: number): boolean {
  return firstMs > 0 && secondMs > 0 && Math.max(firstMs, secondMs) <= (1 + REPRODUCED_WITHIN) * Math.min(firstMs, secondMs);
}

/** Where GPU timestamps and the wall clock disagree by more than `factor`× (the wall clock includes encoding and the round trip). */
export function clocksDisagree(wallMs: number, gpuMs: number | undefined, factor = 2): boolean {
  return gpuMs !== undefined && gpuMs > 0 && (wallMs > factor * gpuMs || gpuMs > factor * wallMs);
}
