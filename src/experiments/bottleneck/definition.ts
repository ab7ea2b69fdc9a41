/**
 * Experiment 2 (chapter 3): associative recall through a fixed-size state of m
 * numbers, through attention over all pairs, and through attention given the same
 * m numbers (a window of the last pairs); and, over state sizes, the longest T the
 * fixed state holds at 50%, beside the chapter's estimate.
 */
import { formatInteger } from '../../utils/format';
import { recallWork } from '../../../kernels/recall/cost';
import { RECALL_EXPERIMENT } from '../../lesson/recall-experiment';
import { estimateSweep } from '../shared/estimate';
import { TIMESTAMPS_ONLY, type ExperimentDefinition, type ExperimentRow } from '../shared/definition';
import {
  HOLD_ACCURACY,
  HELD_EVERYWHERE,
  MIN_QUESTIONS,
  SWEPT_STATE_SIZES,
  drawsAt,
  intervalText,
  quarterOctaves,
  squareState,
  longestHolding,
  percent,
} from './holding';

export { HOLD_ACCURACY, HELD_EVERYWHERE, MIN_QUESTIONS, SWEPT_STATE_SIZES, drawsAt, quarterOctaves, squareState, longestHolding, percent };

export interface BottleneckRow extends ExperimentRow {
  /** Numbers the fixed state holds, m = n²; absent for attention over all pairs, whose memory grows with T. */
  stateSize?: number;
  /** Stored pairs; on a capacity row, the longest T that held 50% (absent if even the shortest failed). */
  T?: number;
  /** Fraction of questions answered with the right pair (accuracy rows only), pooled over independent draws. */
  accuracy?: number;
  /** Wilson 95% interval of the accuracy. */
  low?: number;
  high?: number;
  correct?: number;
  /** Questions asked at this T, at least MIN_QUESTIONS (several independent draws where T is smaller). */
  questions?: number;
  /** On a capacity row: the first T whose whole interval lay below 50%. */
  fellAt?: number;
  /** Numbers the method keeps: m for the fixed state and the window, 2·T·d for attention over all pairs. */
  storedNumbers?: number;
  /** On a measured capacity row: why `T` is not a capacity ("held at every T tried", …), empty when it is one. */
  note?: string;
}

export type BottleneckParams = { stateSize: number; maxT: number };

const orDash = (format: (value: unknown) => string) => (value: unknown) => (value === undefined || value === '' ? '—' : format(value));

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
  ],
  sweep: () => import('./sweep').then((module) => module.sweepBottleneck),
  estimate({ stateSize, maxT }, backend) {
    // The same runs the sweep makes: attention at the chosen m, then every swept m by the fixed state and by a window.
    const { width, questions, shortestT } = RECALL_EXPERIMENT;
    const lengths = quarterOctaves(shortestT, Math.max(shortestT, maxT));
    const chosen = squareState(stateSize);
    // `t` is the sequence's length, which sets the draws; a window keeps only its last `pairs`.
    const run = (pairs: number, m: number, method: 'fixed-state' | 'attention', t = pairs) => {
      const draws = drawsAt(t, questions);
      const work = recallWork({ pairs, width, queries: Math.min(pairs, questions) }, m, method);
      // A handful of dispatches per method and draw: projections, the products, the argmax.
      return { flops: draws * work.flops, bytes: work.bytes, dispatches: 6 * draws, timed: false };
    };
    const points = [
      ...lengths.map((t) => run(t, chosen, 'attention')),
      ...[...new Set([chosen, ...SWEPT_STATE_SIZES])].flatMap((m) => {
        const window = Math.floor(m / (2 * width));
        return lengths.flatMap((t) => [run(t, m, 'fixed-state'), ...(window >= 1 ? [run(Math.min(t, window), m, 'attention', t)] : [])]);
      }),
    ];
    return estimateSweep(points, backend);
  },
  gpuRequirements: () => TIMESTAMPS_ONLY,
  columns: [
    { key: 'series', label: 'Method' },
    { key: 'stateSize', label: 'State size m', format: orDash(formatInteger), essential: true },
    { key: 'T', label: 'Pairs T', format: orDash(formatInteger), essential: true },
    { key: 'accuracy', label: 'Recall accuracy', format: orDash((value) => percent(Number(value))), essential: true },
    {
      key: 'low',
      label: '95% interval',
      essential: true,
      format: (value, row) => (value === undefined || row.high === undefined ? '—' : intervalText(Number(value), Number(row.high))),
    },
    { key: 'questions', label: 'Questions', format: orDash(formatInteger) },
    { key: 'fellAt', label: 'First fell below 50% at T', format: orDash(formatInteger), essential: true },
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
      points: true,
    },
    {
      title: 'The longest T held at 50%, against the state size m',
      select: (row) => row.accuracy === undefined,
      x: 'stateSize',
      y: 'T',
      xLabel: 'state size m (numbers)',
      yLabel: 'longest T held at 50% or more',
      logX: true,
      logY: true,
      points: true,
    },
  ],
  summarize: () => import('./summary').then((module) => module.summarizeBottleneck),
};

/** The module's default export is its definition, so the runner can load one experiment by its name. */
export default bottleneck;
