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
import { TIMESTAMPS_ONLY, summaryFromSentences, type ExperimentDefinition, type ExperimentRow } from '../shared/definition';
import { summarizeBottleneck } from './summary';
import { HOLD_ACCURACY, HELD_EVERYWHERE, SWEPT_STATE_SIZES, quarterOctaves, squareState, longestHolding, percent } from './holding';

export { HOLD_ACCURACY, HELD_EVERYWHERE, SWEPT_STATE_SIZES, quarterOctaves, squareState, longestHolding, percent };

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
  summarize: (rows, params) => summaryFromSentences(summarizeBottleneck(rows, params)),
};

/** The module's default export is its definition, so the runner can load one experiment by its name. */
export default bottleneck;
