/**
 * "Predict, then run": what a reader's prediction is compared with, and how.
 * Pure, so the Predict island and its unit test share it. A measure names an
 * experiment and computes the measured value from that run's rows and
 * parameters, the same rows the experiment's table shows; the experiment frame
 * saves them for the visit (src/experiments/visit-results.ts), and the island
 * reads them from there. A measure says so when the run does not contain the
 * value (a state that never fell, a run without T = 1), rather than guess.
 */
import type { ExperimentRow } from '../experiments/shared/definition';
import { longestHolding, squareState, type Tally } from '../experiments/bottleneck/holding';
import { logLogSlope, upperHalf } from '../experiments/shared/results';
import {
  ATTENTION_LAYER_SERIES,
  ATTENTION_SERIES,
  FIXED_STATE_SERIES,
  FORGET_GRADIENT_SERIES,
  KV_STEP_SERIES,
  LSTM_CELL_GRADIENT_SERIES,
  RNN_STEP_SERIES,
} from '../experiments/shared/series';
import { formatInteger } from './format';

/** What a measure found in a run: the value and a sentence that says where it came from, or why the run does not contain it. */
export type Measurement = { ok: true; value: number; sentence: string } | { ok: false; reason: string };

export interface PredictionMeasure {
  /** The experiment whose saved rows hold the measurement. */
  experiment: string;
  /** What the reader predicts, as a label for the input. */
  quantity: string;
  /** The value, computed from the run's rows and parameters. */
  measure: (rows: readonly ExperimentRow[], params: Readonly<Record<string, unknown>>) => Measurement;
  /** Appended to numbers when shown: "×", or "" for a plain count. */
  unit: string;
  /** Whether the quantity spans orders of magnitude, so "close" is judged as a ratio rather than a difference. */
  scale: 'ratio' | 'difference';
  /** How close counts as a good prediction: a factor for ratios, an absolute difference otherwise. */
  tolerance: number;
}

/** `y` by `x` over one series' rows, skipping rows whose fields are not finite numbers (a stored row is not trusted). */
function pointsOf(rows: readonly ExperimentRow[], series: string, x: string, y: string): Map<number, number> {
  const points = new Map<number, number>();
  for (const row of rows) {
    if (row.series !== series) continue;
    const [a, b] = [row[x], row[y]];
    if (typeof a === 'number' && typeof b === 'number' && Number.isFinite(a) && Number.isFinite(b)) points.set(a, b);
  }
  return points;
}

const sortedKeys = (map: ReadonlyMap<number, unknown>) => [...map.keys()].sort((a, b) => a - b);

/** A measured value as the box shows it: three significant figures, in plain digits. */
export const formatMeasured = (value: number) => Number(value.toPrecision(3)).toLocaleString('en-US', { maximumFractionDigits: 20 });

/** Attention layer time at the largest T over its time at T = 1 (parallelism rows: `T`, `medianMs`). */
export function attentionGrowth(rows: readonly ExperimentRow[]): Measurement {
  const byT = pointsOf(rows, ATTENTION_LAYER_SERIES, 'T', 'medianMs');
  const first = byT.get(1);
  if (first === undefined || first <= 0)
    return { ok: false, reason: 'The run has no time for the attention layer at T = 1, so there is nothing to divide by.' };
  const largest = Math.max(...byT.keys());
  if (largest <= 1) return { ok: false, reason: 'The run timed the attention layer only at T = 1; it needs a longer T to compare with.' };
  const value = byT.get(largest)! / first;
  return {
    ok: true,
    value,
    sentence: `${ATTENTION_LAYER_SERIES}: T = ${formatInteger(largest)} took ${formatMeasured(value)}× as long as T = 1 (median times).`,
  };
}

/** The first T at which the fixed state's accuracy fell below 50% on its Wilson interval, at the run's state size (bottleneck rows). */
export function fixedStateFails(rows: readonly ExperimentRow[], params: Readonly<Record<string, unknown>>): Measurement {
  if (typeof params.stateSize !== 'number') return { ok: false, reason: 'The saved run does not say which state size it used.' };
  const m = squareState(params.stateSize);
  const tallies = new Map<number, Tally>();
  for (const row of rows) {
    const { T, correct, questions, accuracy, stateSize } = row;
    if (row.series !== FIXED_STATE_SERIES || stateSize !== m || typeof T !== 'number' || typeof questions !== 'number') continue;
    const right = typeof correct === 'number' ? correct : typeof accuracy === 'number' ? Math.round(accuracy * questions) : undefined;
    if (right !== undefined) tallies.set(T, { correct: right, questions });
  }
  if (tallies.size === 0) return { ok: false, reason: `The run has no accuracy for the fixed state of m = ${formatInteger(m)} numbers.` };
  const { fellAt } = longestHolding(tallies);
  const last = Math.max(...tallies.keys());
  if (fellAt === undefined) {
    return {
      ok: false,
      reason: `The fixed state of m = ${formatInteger(m)} numbers never fell clearly below 50% up to T = ${formatInteger(last)}, the longest T tried: the run does not contain the value. Raise the largest T and run again.`,
    };
  }
  const { correct, questions } = tallies.get(fellAt)!;
  return {
    ok: true,
    value: fellAt,
    sentence: `The fixed state of m = ${formatInteger(m)} numbers first fell below 50% on its 95% interval at T = ${formatInteger(fellAt)} (${formatInteger(correct)} of ${formatInteger(questions)} right).`,
  };
}

/**
 * The share the forget-gate product f^k keeps at the largest distance: the
 * constant-gate reference line, which is what the chapter's exercise asks for;
 * the real LSTM cell's measured share there is given beside it.
 */
export function forgetKept(rows: readonly ExperimentRow[]): Measurement {
  const formula = pointsOf(rows, FORGET_GRADIENT_SERIES, 'k', 'log10Norm');
  if (formula.size === 0) return { ok: false, reason: `The run has no “${FORGET_GRADIENT_SERIES}” rows.` };
  const k = Math.max(...formula.keys());
  const value = 10 ** formula.get(k)!;
  const cell = pointsOf(rows, LSTM_CELL_GRADIENT_SERIES, 'k', 'log10Norm').get(k);
  const beside = cell === undefined ? '' : ` The real LSTM cell, whose gates move with its input, measured ${formatMeasured(10 ** cell)} there.`;
  return {
    ok: true,
    value,
    sentence: `Compared with the constant-gate reference line, “${FORGET_GRADIENT_SERIES}”, the product the exercise asks about: at k = ${formatInteger(k)} it keeps ${formatMeasured(value)}.${beside}`,
  };
}

/** The log–log slope of materialised attention's allocated memory over T, over the upper half of the sweep (quadratic-cost rows). */
export function materialisedMemorySlope(rows: readonly ExperimentRow[]): Measurement {
  const points = [...pointsOf(rows, ATTENTION_SERIES, 'T', 'allocatedBytes')].map(([x, y]) => ({ x, y }));
  const slope = logLogSlope(upperHalf(points));
  if (slope === undefined)
    return { ok: false, reason: 'The run measured materialised attention’s memory at too few T to fit a slope (it needs two in the upper half of the sweep).' };
  return {
    ok: true,
    value: slope,
    sentence: `Materialised attention's memory grows as T^${slope.toFixed(2)} over the upper half of the sweep (log–log fit of the bytes allocated).`,
  };
}

/** The first position at which, by the clock, the attention step took the chosen multiple of the RNN step's time (streaming rows). */
export function streamingClockPosition(rows: readonly ExperimentRow[], params: Readonly<Record<string, unknown>>): Measurement {
  const multiple = params.multiple;
  if (typeof multiple !== 'number') return { ok: false, reason: 'The saved run does not say which multiple it used.' };
  const rnn = pointsOf(rows, RNN_STEP_SERIES, 'position', 'medianMs');
  const kv = pointsOf(rows, KV_STEP_SERIES, 'position', 'medianMs');
  const positions = sortedKeys(kv).filter((p) => rnn.has(p));
  if (positions.length === 0) return { ok: false, reason: 'The run has no position at which both steps were timed.' };
  const found = positions.find((p) => kv.get(p)! >= multiple * rnn.get(p)!);
  const last = positions.at(-1)!;
  if (found === undefined) {
    return {
      ok: false,
      reason: `By the clock, the attention step never took ${formatInteger(multiple)}× the RNN step's time up to p = ${formatInteger(last)}, the last position measured: the run does not contain the value. Raise the largest position and run again.`,
    };
  }
  return {
    ok: true,
    value: found,
    sentence: `By the clock on this device, the attention step first took ${formatInteger(multiple)}× the RNN step's time at p = ${formatInteger(found)} (${formatMeasured(kv.get(found)! / rnn.get(found)!)}× there).`,
  };
}

/** The measures chapters can ask for, by name. */
export const PREDICTION_MEASURES = {
  'parallelism-attention-growth': {
    experiment: 'parallelism',
    quantity: 'how many times as long the attention layer takes at the longest T as at T = 1',
    measure: attentionGrowth,
    unit: '×',
    scale: 'ratio',
    tolerance: 2,
  },
  'bottleneck-fixed-state-fails': {
    experiment: 'bottleneck',
    quantity: 'the T at which the fixed state first falls below half right',
    measure: fixedStateFails,
    unit: '',
    scale: 'ratio',
    tolerance: 2,
  },
  'gradients-forget-kept': {
    experiment: 'gradients',
    quantity: 'the share of the signal the forget-gate product f^k keeps at the largest distance',
    measure: forgetKept,
    unit: '',
    scale: 'ratio',
    tolerance: 1.5,
  },
  'quadratic-memory-slope': {
    experiment: 'quadratic-cost',
    quantity: 'the power of T by which the materialised score matrix’s memory grows',
    measure: materialisedMemorySlope,
    unit: '',
    scale: 'difference',
    tolerance: 0.2,
  },
  'streaming-clock-position': {
    experiment: 'streaming',
    quantity: 'the position p at which, by the clock, the attention step first takes the chosen multiple of the RNN step',
    measure: streamingClockPosition,
    unit: '',
    scale: 'ratio',
    tolerance: 2,
  },
} as const satisfies Record<string, PredictionMeasure>;

export type PredictionMeasureName = keyof typeof PREDICTION_MEASURES;

export function isPredictionMeasure(name: string): name is PredictionMeasureName {
  return Object.hasOwn(PREDICTION_MEASURES, name);
}

/** A number as a reader types it: "1,024", "1024", "0.0066", "6.6e-3", "2×". */
export type ParsedPrediction = { ok: true; value: number } | { ok: false; message: string };

export function parsePrediction(text: string): ParsedPrediction {
  const cleaned = text
    .trim()
    .replace(/[,\s]/g, '')
    .replace(/[×x%]$/i, '');
  if (cleaned === '') return { ok: false, message: 'Type a number first.' };
  if (!/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(cleaned)) {
    return { ok: false, message: `“${text.trim().slice(0, 24)}” is not a number. Write it with digits, for example 1,024 or 0.0066.` };
  }
  const value = Number(cleaned);
  if (!Number.isFinite(value)) return { ok: false, message: 'That number is too large to compare.' };
  return { ok: true, value };
}

export interface Comparison {
  verdict: 'close' | 'low' | 'high';
  /** "within a factor of 2", "2.7 times too high", "0.35 too low" */
  sentence: string;
}

/** How a prediction compares with the measurement, judged on the measure's scale and tolerance. */
export function comparePrediction(predicted: number, measured: number, measure: Pick<PredictionMeasure, 'scale' | 'tolerance' | 'unit'>): Comparison {
  if (measure.scale === 'ratio') {
    if (predicted <= 0 || measured <= 0) {
      return predicted === measured
        ? { verdict: 'close', sentence: 'Your prediction matches the measurement.' }
        : { verdict: predicted < measured ? 'low' : 'high', sentence: 'A prediction of this quantity is compared as a ratio, so it needs to be above zero.' };
    }
    const factor = predicted / measured;
    if (factor <= measure.tolerance && factor >= 1 / measure.tolerance) {
      return { verdict: 'close', sentence: `Your prediction is within a factor of ${measure.tolerance} of the measurement.` };
    }
    return factor > 1
      ? { verdict: 'high', sentence: `Your prediction is ${significant(factor)} times the measurement: too high.` }
      : { verdict: 'low', sentence: `Your prediction is ${significant(1 / factor)} times smaller than the measurement: too low.` };
  }
  const difference = predicted - measured;
  if (Math.abs(difference) <= measure.tolerance) {
    return { verdict: 'close', sentence: `Your prediction is within ${measure.tolerance} of the measurement.` };
  }
  return difference > 0
    ? { verdict: 'high', sentence: `Your prediction is ${significant(difference)} above the measurement.` }
    : { verdict: 'low', sentence: `Your prediction is ${significant(-difference)} below the measurement.` };
}

function significant(value: number): string {
  return Number(value.toPrecision(2)).toLocaleString('en-US', { maximumFractionDigits: 20 });
}
