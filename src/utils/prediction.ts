/**
 * "Predict, then run": what a reader's prediction is compared with, and how.
 * Pure, so the Predict island and its unit test share it. A measure names
 * an experiment and the sentence of its summary that carries the measured
 * value; the experiment frame saves that summary for the visit
 * (src/experiments/visit-results.ts), and the island reads it from there.
 */

export interface PredictionMeasure {
  /** The experiment whose saved result holds the measurement. */
  experiment: string;
  /** What the reader predicts, as a label for the input. */
  quantity: string;
  /** Matches the summary sentence that states the measurement; group 1 is the number. */
  pattern: RegExp;
  /** Appended to numbers when shown: "×", or "" for a plain count. */
  unit: string;
  /** Whether the quantity spans orders of magnitude, so "close" is judged as a ratio rather than a difference. */
  scale: 'ratio' | 'difference';
  /** How close counts as a good prediction: a factor for ratios, an absolute difference otherwise. */
  tolerance: number;
}

/** The measures chapters can ask for, by name. Each pattern follows a sentence of that experiment's `summarize`. */
export const PREDICTION_MEASURES = {
  'parallelism-attention-growth': {
    experiment: 'parallelism',
    quantity: 'how many times as long the attention layer takes at the longest T as at T = 1',
    pattern: /^Self-attention layer[^:]*: T = [\d,]+ took ([\d.]+)× as long as T = 1/,
    unit: '×',
    scale: 'ratio',
    tolerance: 2,
  },
  'bottleneck-fixed-state-fails': {
    experiment: 'bottleneck',
    quantity: 'the T at which the fixed state first falls below half right',
    pattern: /^The fixed state of m = [\d,]+ numbers fell below 50% at T = ([\d,]+)/,
    unit: '',
    scale: 'ratio',
    tolerance: 2,
  },
  'gradients-forget-kept': {
    experiment: 'gradients',
    quantity: 'the share of the signal the forget-gate path keeps at the largest distance',
    pattern: /^LSTM cell path:.*?, that is ([\d.]+(?:e[-+]?\d+)?),/,
    unit: '',
    scale: 'ratio',
    tolerance: 1.5,
  },
  'quadratic-memory-slope': {
    experiment: 'quadratic-cost',
    quantity: 'the power of T by which the materialised score matrix’s memory grows',
    pattern: /^Materialised attention's memory grows as T\^([\d.]+)/,
    unit: '',
    scale: 'difference',
    tolerance: 0.2,
  },
  'streaming-clock-position': {
    experiment: 'streaming',
    quantity: 'the position p at which, by the clock, the attention step first takes the chosen multiple of the RNN step',
    pattern: /^By the clock on this device, it first took [\d,]+× the RNN step's time at p = ([\d,]+)/,
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

/** The measured value in a saved summary: the first sentence the measure's pattern matches, or undefined. */
export function measuredValue(summary: readonly string[], measure: PredictionMeasure): { value: number; sentence: string } | undefined {
  for (const sentence of summary) {
    const match = measure.pattern.exec(sentence);
    if (!match) continue;
    const value = Number(match[1]!.replace(/,/g, ''));
    if (Number.isFinite(value)) return { value, sentence };
  }
  return undefined;
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
