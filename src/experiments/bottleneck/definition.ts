/**
 * Experiment 2 (chapter 3): associative recall through a fixed-size state of m
 * numbers, through attention over all pairs, and through attention given the same
 * m numbers (a window of the last pairs); and, over state sizes, the longest T the
 * fixed state holds at 50%, beside the chapter's estimate.
 */
import { formatInteger } from '../../utils/format';
import { recallCapacityEstimate } from '../../../kernels/recall/capacity';
import { recallWork } from '../../../kernels/recall/cost';
import { RECALL_EXPERIMENT } from '../../lesson/recall-experiment';
import { estimateSweep } from '../shared/estimate';
import { seriesValues, TIMESTAMPS_ONLY, type ExperimentDefinition, type ExperimentRow } from '../shared/definition';
import { ATTENTION_RECALL_SERIES, CAPACITY_MEASURED_SERIES, FIXED_STATE_SERIES, WINDOW_RECALL_SERIES } from '../shared/series';

export interface BottleneckRow extends ExperimentRow {
  /** Numbers the fixed state holds, m = n²; absent for attention over all pairs, whose memory grows with T. */
  stateSize?: number;
  /** Stored pairs; on a capacity row, the longest T that held 50% (absent if even the shortest failed). */
  T?: number;
  /** Fraction of questions answered with the right pair (accuracy rows only). */
  accuracy?: number;
  questions?: number;
  /** Numbers the method keeps: m for the fixed state and the window, 2·T·d for attention over all pairs. */
  storedNumbers?: number;
  /** On a measured capacity row: "held at every T tried" when it never fell below 50%. */
  note?: string;
}

export type BottleneckParams = { stateSize: number; maxT: number; position: number };

/** Accuracy a method must hold: half the questions right. */
export const HOLD_ACCURACY = 0.5;
export const HELD_EVERYWHERE = 'held at every T tried';

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

/**
 * The longest T before accuracy first fell below 50%, from accuracy by T; `held`
 * when it never did (then `longest` is only a lower bound), undefined `longest`
 * when it failed at the shortest T.
 */
export function longestHolding(accuracyByT: ReadonlyMap<number, number>): { longest: number | undefined; held: boolean } {
  const lengths = [...accuracyByT.keys()].sort((a, b) => a - b);
  const firstFailure = lengths.findIndex((t) => accuracyByT.get(t)! < HOLD_ACCURACY);
  if (firstFailure === -1) return { longest: lengths.at(-1), held: true };
  return { longest: firstFailure === 0 ? undefined : lengths[firstFailure - 1], held: false };
}

const percent = (value: number) => `${(value * 100).toFixed(1)}%`;
const orDash = (format: (value: unknown) => string) => (value: unknown) => (value === undefined || value === '' ? '—' : format(value));

/** One method's accuracy over T, as a sentence: where it first fell below 50%, or that it never did. */
function holdingSentence(name: string, accuracyByT: ReadonlyMap<number, number>): string {
  const lengths = [...accuracyByT.keys()].sort((a, b) => a - b);
  const { longest, held } = longestHolding(accuracyByT);
  if (held) return `${name} stayed at or above 50% at every T up to ${formatInteger(lengths.at(-1)!)}.`;
  const failedAt = lengths.find((t) => accuracyByT.get(t)! < HOLD_ACCURACY)!;
  const last = longest === undefined ? ` (already at the shortest T)` : `; the longest T that held was ${formatInteger(longest)}`;
  return `${name} fell below 50% at T = ${formatInteger(failedAt)}${last}.`;
}

/** The sentences about the state-size sweep: measured longest T against the estimate, per size. */
function capacitySentences(rows: readonly BottleneckRow[]): string[] {
  const measured = rows.filter((row) => row.series === CAPACITY_MEASURED_SERIES).sort((a, b) => a.stateSize! - b.stateSize!);
  if (measured.length === 0) return [];
  const parts = measured.map((row) => {
    const m = row.stateSize!;
    const value = row.T === undefined ? 'below 50% at the shortest T' : `${row.note === HELD_EVERYWHERE ? 'at least ' : ''}${formatInteger(row.T)}`;
    return `m = ${formatInteger(m)}: ${value} (estimate ${formatInteger(recallCapacityEstimate(m))})`;
  });
  const sentences = [`Longest T at 50% or more, measured against the estimate T ≈ m/(2 ln T): ${parts.join('; ')}.`];
  const ratios = measured.filter((row) => row.T !== undefined && row.note !== HELD_EVERYWHERE).map((row) => row.T! / recallCapacityEstimate(row.stateSize!));
  if (ratios.length > 0) {
    const low = Math.min(...ratios);
    const high = Math.max(...ratios);
    sentences.push(
      low === high
        ? `Where it fell, the measured length was ${low.toFixed(2)}× the estimate.`
        : `Where it fell, the measured length was between ${low.toFixed(2)}× and ${high.toFixed(2)}× the estimate.`,
    );
  }
  return sentences;
}

export const bottleneck: ExperimentDefinition<BottleneckParams, BottleneckRow> = {
  name: 'bottleneck',
  title: 'The information bottleneck',
  chapter: 'information-bottleneck',
  kernels: ['matmul/tiled.wgsl', 'attention/softmax.wgsl', 'recall/argmax.wgsl'],
  caption:
    'The information bottleneck: recall accuracy of a fixed-size state of m numbers, of attention over all T pairs and of attention given the same m numbers, computed on this device',
  params: [
    {
      key: 'stateSize',
      label: 'State size m (numbers)',
      kind: 'power-of-two',
      min: 16,
      max: 4096,
      defaultValue: 256,
      hint: 'The state is n × n with n = ⌊√m⌋, so m = 32 keeps 25 numbers.',
    },
    { key: 'maxT', label: 'Most pairs T', kind: 'power-of-two', min: 8, max: 4096, defaultValue: 1024, cpuDefault: 256 },
    { key: 'position', label: 'Trace the pair at position i', kind: 'integer', min: 1, max: 4096, defaultValue: 1 },
  ],
  sweep: () => import('./sweep').then((module) => module.sweepBottleneck),
  estimate({ stateSize, maxT }, backend) {
    // The same runs the sweep makes: attention at the chosen m, then every swept m by the fixed state and by a window.
    const { width, questions, shortestT } = RECALL_EXPERIMENT;
    const lengths = quarterOctaves(shortestT, Math.max(shortestT, maxT));
    const chosen = squareState(stateSize);
    const run = (pairs: number, m: number, method: 'fixed-state' | 'attention') => ({
      ...recallWork({ pairs, width, queries: Math.min(pairs, questions) }, m, method),
      // A handful of dispatches per method: projections, the products, the argmax.
      dispatches: 6,
      timed: false,
    });
    const points = [
      ...lengths.map((t) => run(t, chosen, 'attention')),
      ...[...new Set([chosen, ...SWEPT_STATE_SIZES])].flatMap((m) => {
        const window = Math.floor(m / (2 * width));
        return lengths.flatMap((t) => [run(t, m, 'fixed-state'), ...(window >= 1 ? [run(Math.min(t, window), m, 'attention')] : [])]);
      }),
    ];
    return estimateSweep(points, backend);
  },
  gpuRequirements: () => TIMESTAMPS_ONLY,
  columns: [
    { key: 'series', label: 'Method' },
    { key: 'stateSize', label: 'State size m', format: orDash(formatInteger) },
    { key: 'T', label: 'Pairs T', format: orDash(formatInteger) },
    { key: 'accuracy', label: 'Recall accuracy', format: orDash((value) => percent(Number(value))) },
    { key: 'questions', label: 'Questions', format: orDash(formatInteger) },
    { key: 'storedNumbers', label: 'Numbers kept', format: orDash(formatInteger) },
    { key: 'note', label: 'Note', format: orDash(String) },
  ],
  plots: [
    {
      title: 'Recall accuracy at the state size you chose',
      select: (row, params) => row.accuracy !== undefined && (row.stateSize === undefined || row.stateSize === squareState(Number(params.stateSize))),
      x: 'T',
      y: 'accuracy',
      xLabel: 'stored pairs T',
      yLabel: 'recall accuracy',
      logX: true,
      logY: false,
    },
    {
      title: 'The longest T held at 50%, against the state size m',
      select: (row) => row.accuracy === undefined,
      x: 'stateSize',
      y: 'T',
      xLabel: 'state size m (numbers)',
      yLabel: 'longest T at 50% or more',
      logX: true,
      logY: true,
    },
  ],
  summarize(rows, params) {
    const m = squareState(params.stateSize);
    const atM = rows.filter((row) => row.stateSize === m);
    const fixed = seriesValues(atM, FIXED_STATE_SERIES, 'T', 'accuracy');
    const window = seriesValues(atM, WINDOW_RECALL_SERIES, 'T', 'accuracy');
    const attention = seriesValues(rows, ATTENTION_RECALL_SERIES, 'T', 'accuracy');
    const sentences: string[] = [];
    if (fixed.size > 0) {
      sentences.push(
        `${holdingSentence(`The fixed state of m = ${formatInteger(m)} numbers`, fixed).slice(0, -1)}; the estimate T ≈ m/(2 ln T) gives ${formatInteger(recallCapacityEstimate(m))}.`,
      );
    }
    if (window.size > 0) sentences.push(holdingSentence(`Attention given the same ${formatInteger(m)} numbers (a window of the last pairs)`, window));
    if (attention.size > 0) {
      const values = [...attention.values()];
      sentences.push(
        `Attention over all T pairs, whose memory grows with T, stayed between ${percent(Math.min(...values))} and ${percent(Math.max(...values))} at every T.`,
      );
    }
    sentences.push(...capacitySentences(rows));
    const lengths = [...new Set(rows.filter((row) => row.accuracy !== undefined).map((row) => row.T!))];
    if (lengths.length > 0) {
      const longest = Math.max(...lengths);
      const position = Math.min(params.position, longest);
      sentences.push(
        `The pair at position ${formatInteger(position)} of ${formatInteger(longest)}: attention reads it in one hop; the fixed state holds it only as one term of a sum of ${formatInteger(longest)} outer products, which has no order, so reading it back returns it with the crosstalk of the other ${formatInteger(longest - 1)} pairs, wherever it stood.`,
      );
    }
    return sentences;
  },
};

/** The module's default export is its definition, so the runner can load one experiment by its name. */
export default bottleneck;
