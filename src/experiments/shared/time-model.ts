/**
 * The two-constant time model every timing experiment explains itself with:
 *
 *   time ≈ dispatches × overhead + FLOPs ÷ rate
 *
 * `overhead` is the fixed cost of one GPU dispatch (or one call on the CPU path) and
 * `rate` the arithmetic rate the kernels reach. Both are fitted to a sweep's own
 * measurements, so a sentence that says "dispatches dominate here" rests on numbers
 * measured on this device, not on a guess about what kind of device it is. Pure code:
 * no GPU, no DOM.
 */

/** One measured run: how many dispatches it made, how much arithmetic it did, how long it took. */
export interface TimedWork {
  dispatches: number;
  flops: number;
  ms: number;
}

export interface TimeModel {
  /** Fixed cost of one dispatch, in milliseconds. */
  overheadMs: number;
  /** Arithmetic rate, in FLOP per millisecond (1 GFLOP/s = 10⁶ FLOP/ms); Infinity where no time is left for arithmetic. */
  flopsPerMs: number;
  /** How well the model reproduces the runs it was fitted to. */
  fit: FitQuality;
}

export interface FitQuality {
  /** How many runs the model was fitted to. */
  samples: number;
  /** Median of |predicted − measured| / measured over those runs. */
  medianRelativeError: number;
  /** The largest such error. */
  worstRelativeError: number;
}

/** The model's split of one run's predicted time into its two parts. */
export interface TimeBreakdown {
  overheadMs: number;
  arithmeticMs: number;
  totalMs: number;
}

const usable = (run: TimedWork) =>
  Number.isFinite(run.ms) && run.ms > 0 && Number.isFinite(run.dispatches) && run.dispatches >= 0 && Number.isFinite(run.flops) && run.flops >= 0;

/**
 * Fits overhead and rate by least squares on relative error, Σ((predicted − measured)/measured)²,
 * so a 10 µs run and a 10 s run weigh alike; both constants are kept non-negative. Undefined
 * when fewer than two usable runs are given or neither term explains any of them.
 */
export function fitTimeModel(runs: readonly TimedWork[]): TimeModel | undefined {
  const points = runs.filter(usable);
  if (points.length < 2) return undefined;
  // With u = dispatches/ms and v = FLOPs/ms, each run asks for a·u + b·v = 1, where
  // a = overhead and b = 1/rate.
  let uu = 0;
  let uv = 0;
  let vv = 0;
  let u1 = 0;
  let v1 = 0;
  for (const run of points) {
    const u = run.dispatches / run.ms;
    const v = run.flops / run.ms;
    uu += u * u;
    uv += u * v;
    vv += v * v;
    u1 += u;
    v1 += v;
  }
  const candidates: Array<[number, number]> = [];
  const determinant = uu * vv - uv * uv;
  // A determinant that is tiny next to its terms means the two columns are (nearly) proportional:
  // the sweep cannot tell dispatches from arithmetic, so only the one-term fits are offered.
  if (determinant > 1e-12 * uu * vv) {
    const a = (u1 * vv - v1 * uv) / determinant;
    const b = (v1 * uu - u1 * uv) / determinant;
    if (a >= 0 && b >= 0) candidates.push([a, b]);
  }
  if (uu > 0) candidates.push([u1 / uu, 0]);
  if (vv > 0) candidates.push([0, v1 / vv]);
  if (candidates.length === 0) return undefined;
  const residual = ([a, b]: [number, number]) => points.reduce((sum, run) => sum + ((a * run.dispatches + b * run.flops) / run.ms - 1) ** 2, 0);
  const [overheadMs, msPerFlop] = candidates.reduce((best, candidate) => (residual(candidate) < residual(best) ? candidate : best));
  const model = { overheadMs, flopsPerMs: msPerFlop > 0 ? 1 / msPerFlop : Infinity };
  return { ...model, fit: fitQuality(model, points) };
}

/** How closely a model (fitted here or elsewhere) reproduces a set of runs. */
export function fitQuality(model: Pick<TimeModel, 'overheadMs' | 'flopsPerMs'>, runs: readonly TimedWork[]): FitQuality {
  const errors = runs
    .filter(usable)
    .map((run) => Math.abs(predictMs(model, run) - run.ms) / run.ms)
    .sort((a, b) => a - b);
  if (errors.length === 0) return { samples: 0, medianRelativeError: NaN, worstRelativeError: NaN };
  const middle = errors.length / 2;
  const median = errors.length % 2 === 1 ? errors[Math.floor(middle)]! : (errors[middle - 1]! + errors[middle]!) / 2;
  return { samples: errors.length, medianRelativeError: median, worstRelativeError: errors.at(-1)! };
}

export function breakdown(model: Pick<TimeModel, 'overheadMs' | 'flopsPerMs'>, work: Pick<TimedWork, 'dispatches' | 'flops'>): TimeBreakdown {
  const overheadMs = work.dispatches * model.overheadMs;
  const arithmeticMs = work.flops / model.flopsPerMs;
  return { overheadMs, arithmeticMs, totalMs: overheadMs + arithmeticMs };
}

export function predictMs(model: Pick<TimeModel, 'overheadMs' | 'flopsPerMs'>, work: Pick<TimedWork, 'dispatches' | 'flops'>): number {
  return breakdown(model, work).totalMs;
}

/** The same model on a device whose arithmetic is `rateFactor`× faster and whose dispatches cost `overheadFactor`× as much. */
export function scaledModel(
  model: Pick<TimeModel, 'overheadMs' | 'flopsPerMs'>,
  rateFactor: number,
  overheadFactor = 1,
): Pick<TimeModel, 'overheadMs' | 'flopsPerMs'> {
  return { overheadMs: model.overheadMs * overheadFactor, flopsPerMs: model.flopsPerMs * rateFactor };
}

/** Work per size for one series: how many dispatches and FLOPs a run of size x makes. */
export type WorkAt = (x: number) => Pick<TimedWork, 'dispatches' | 'flops'>;

/** Which of two series is faster over a stretch of sizes; "tie" where they are within the tolerance. */
export interface LeaderSpan {
  leader: 'a' | 'b' | 'tie';
  /** The first and last size of the stretch (sizes measured in between belong to it too). */
  from: number;
  to: number;
}

/**
 * Which series is faster at each size, merged into stretches: one span when one series
 * always leads, two when the lines cross once, three or more when they cross back. Two
 * times within `tieRatio` of each other (relative to the larger) count as a tie. Reads
 * measured times and predicted ones alike.
 */
export function leaderSpans(xs: readonly number[], timeA: (x: number) => number, timeB: (x: number) => number, tieRatio = 0): LeaderSpan[] {
  const spans: LeaderSpan[] = [];
  for (const x of [...xs].sort((p, q) => p - q)) {
    const a = timeA(x);
    const b = timeB(x);
    if (!Number.isFinite(a) || !Number.isFinite(b)) continue;
    const leader = Math.abs(a - b) <= tieRatio * Math.max(a, b) ? 'tie' : a < b ? 'a' : 'b';
    const last = spans.at(-1);
    if (last?.leader === leader) last.to = x;
    else spans.push({ leader, from: x, to: x });
  }
  return spans;
}

/** `leaderSpans` for the times a model predicts: the projection of a comparison onto another device. */
export function predictedLeaders(model: Pick<TimeModel, 'overheadMs' | 'flopsPerMs'>, a: WorkAt, b: WorkAt, xs: readonly number[]): LeaderSpan[] {
  return leaderSpans(
    xs,
    (x) => predictMs(model, a(x)),
    (x) => predictMs(model, b(x)),
  );
}

/** GFLOP/s, the unit readers know, from FLOP per millisecond. */
export const gflopsPerSecond = (flopsPerMs: number) => flopsPerMs / 1e6;
