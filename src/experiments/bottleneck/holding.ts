/** What the bottleneck's definition, sweep and summary share: the state sizes, the 50% rule decided on intervals, and how accuracy reads. */
import { wilsonInterval, type Interval } from '../shared/wilson';

/** Accuracy a method must hold: half the questions right. */
export const HOLD_ACCURACY = 0.5;
export const HELD_EVERYWHERE = 'held at every T tried';

/** Questions asked at every T at least, pooled over independent draws where T itself is smaller, so each accuracy's interval is at most about ±12%. */
export const MIN_QUESTIONS = 64;

/** The state sizes every run sweeps: squares n² for n = 4, 8, …, 64. */
export const SWEPT_STATE_SIZES = [16, 64, 256, 1024, 4096];

/** T from `from` to `to` in steps of a quarter octave (×2^¼), rounded, so the 50% crossing is found to within about 19%. */
export function quarterOctaves(from: number, to: number): number[] {
  const values = new Set<number>();
  for (let j = 0; from * 2 ** (j / 4) <= to * (1 + 1e-9); j++) values.add(Math.round(from * 2 ** (j / 4)));
  return [...values];
}

/** The numbers a state of `stateSize` keeps: the largest square n² ≤ m, since the memory is n × n. */
export function squareState(stateSize: number): number {
  return Math.floor(Math.sqrt(stateSize)) ** 2;
}

/** Independent draws (fresh keys, values and projection) at T pairs, so that at least MIN_QUESTIONS questions are asked in all. */
export function drawsAt(pairs: number, questionsPerDraw: number): number {
  return Math.ceil(MIN_QUESTIONS / Math.max(1, Math.min(pairs, questionsPerDraw)));
}

/** Right answers out of questions asked at one T. */
export interface Tally {
  correct: number;
  questions: number;
}

/** A tally's Wilson 95% interval; with no questions asked nothing is known (0 to 1). */
export function tallyInterval({ correct, questions }: Tally): Interval {
  return questions < 1 ? { estimate: Number.NaN, low: 0, high: 1 } : wilsonInterval({ correct, counted: questions });
}

/** Where a method's accuracy stands against 50%, by its Wilson 95% interval. */
export function holdingAt({ correct, questions }: Tally): 'held' | 'fell' | 'undecided' {
  const { low, high } = tallyInterval({ correct, questions });
  if (low >= HOLD_ACCURACY) return 'held';
  if (high < HOLD_ACCURACY) return 'fell';
  return 'undecided';
}

export interface Holding {
  /** The longest T whose whole interval lay at or above 50%, before any T fell; undefined if none did. */
  longest: number | undefined;
  /** The first T whose whole interval lay below 50%; undefined if none did (then `longest` is only a lower bound). */
  fellAt: number | undefined;
  /** Whether every T tried held. */
  heldEverywhere: boolean;
  /** Whether `longest` and `fellAt` bracket a capacity: both known, and `longest` is not the shortest T tried (a capacity there is set by where the sweep began). */
  isCapacity: boolean;
}

/** Where a method first fell below 50% (decided on the interval), and the longest T before that which held. */
export function longestHolding(tallyByT: ReadonlyMap<number, Tally>): Holding {
  const lengths = [...tallyByT.keys()].sort((a, b) => a - b);
  const verdicts = lengths.map((t) => holdingAt(tallyByT.get(t)!));
  const firstFall = verdicts.indexOf('fell');
  const before = firstFall === -1 ? lengths.length : firstFall;
  let lastHeld = -1;
  for (let index = 0; index < before; index++) if (verdicts[index] === 'held') lastHeld = index;
  const longest = lastHeld === -1 ? undefined : lengths[lastHeld];
  const fellAt = firstFall === -1 ? undefined : lengths[firstFall];
  return {
    longest,
    fellAt,
    heldEverywhere: lengths.length > 0 && verdicts.every((verdict) => verdict === 'held'),
    isCapacity: longest !== undefined && fellAt !== undefined && lastHeld > 0,
  };
}

export const percent = (value: number) => `${(value * 100).toFixed(1)}%`;

/** "35.2–61.0%": an interval as the table and the sentences both write it. */
export const intervalText = (low: number, high: number) => `${(low * 100).toFixed(1)}–${percent(high)}`;

/** "48.1% (95% interval 35.2–61.0%)". */
export function percentWithInterval({ correct, questions }: Tally): string {
  const { estimate, low, high } = tallyInterval({ correct, questions });
  return `${percent(estimate)} (95% interval ${intervalText(low, high)})`;
}
