/** Experiment 2 (chapter 3): associative recall through a fixed-size state against attention over all pairs. */
import { predictedCapacity } from '../../../kernels/recall/capacity';
import { recallWork } from '../../../kernels/recall/cost';
import { RECALL_EXPERIMENT } from '../../lesson/recall-experiment';
import { estimateSweep } from '../estimate';
import { powersOfTwo } from '../sweeps/sweep-steps';
import { formatInteger, seriesValues, TIMESTAMPS_ONLY, type ExperimentDefinition, type ExperimentRow } from './definition';
import { ATTENTION_RECALL_SERIES, FIXED_STATE_SERIES } from './names';

export interface BottleneckRow extends ExperimentRow {
  T: number;
  /** Fraction of questions answered with the right pair. */
  accuracy: number;
  questions: number;
  /** Numbers the method keeps: S for the fixed state, 2·T·d for attention's keys and values. */
  storedNumbers: number;
}

export type BottleneckParams = { stateSize: number; maxT: number; position: number };

export const bottleneck: ExperimentDefinition<BottleneckParams, BottleneckRow> = {
  name: 'bottleneck',
  title: 'The information bottleneck',
  chapter: 'information-bottleneck',
  kernels: ['matmul/tiled.wgsl', 'attention/softmax.wgsl', 'recall/argmax.wgsl'],
  caption: 'The information bottleneck: recall accuracy of a fixed-size state and of attention over T stored pairs, computed on this device',
  params: [
    { key: 'stateSize', label: 'State size S (numbers)', kind: 'power-of-two', min: 16, max: 4096, defaultValue: 256 },
    { key: 'maxT', label: 'Most pairs T', kind: 'power-of-two', min: 8, max: 4096, defaultValue: 1024, cpuDefault: 256 },
    { key: 'position', label: 'Trace the pair at position i', kind: 'integer', min: 1, max: 4096, defaultValue: 1 },
  ],
  sweep: () => import('../sweeps/bottleneck').then((module) => module.sweepBottleneck),
  estimate({ stateSize, maxT }, backend) {
    const { width, questions, shortestT } = RECALL_EXPERIMENT;
    const points = powersOfTwo(shortestT, maxT).flatMap((pairs) =>
      (['fixed-state', 'attention'] as const).map((method) => ({
        ...recallWork({ pairs, width, queries: Math.min(pairs, questions) }, stateSize, method),
        // A handful of dispatches per method: projections, the products, the argmax.
        dispatches: 6,
        timed: false,
      })),
    );
    return estimateSweep(points, backend);
  },
  gpuRequirements: () => TIMESTAMPS_ONLY,
  columns: [
    { key: 'series', label: 'Method' },
    { key: 'T', label: 'Pairs T', format: formatInteger },
    { key: 'accuracy', label: 'Recall accuracy', format: (value) => `${(Number(value) * 100).toFixed(1)}%` },
    { key: 'questions', label: 'Questions', format: formatInteger },
    { key: 'storedNumbers', label: 'Numbers kept', format: formatInteger },
  ],
  plots: [{ x: 'T', y: 'accuracy', xLabel: 'stored pairs T', yLabel: 'recall accuracy', logX: true, logY: false }],
  summarize(rows, params) {
    if (rows.length === 0) return [];
    const stateSize = params.stateSize;
    const fixed = seriesValues(rows, FIXED_STATE_SERIES, 'T', 'accuracy');
    const attention = seriesValues(rows, ATTENTION_RECALL_SERIES, 'T', 'accuracy');
    const lengths = [...fixed.keys()].sort((a, b) => a - b);
    const breakdown = lengths.find((t) => fixed.get(t)! < 0.5);
    const predicted = predictedCapacity(stateSize);
    const sentences = [
      breakdown === undefined
        ? `The fixed state of ${formatInteger(stateSize)} numbers stayed at or above 50% up to T = ${formatInteger(lengths.at(-1)!)}.`
        : `The fixed state of ${formatInteger(stateSize)} numbers fell below 50% at T = ${formatInteger(breakdown)}; the signal-to-noise estimate predicts it holds up to about T = ${formatInteger(predicted)}.`,
      `Attention's accuracy stayed between ${(Math.min(...attention.values()) * 100).toFixed(1)}% and ${(Math.max(...attention.values()) * 100).toFixed(1)}% at every T.`,
    ];
    const longest = lengths.at(-1)!;
    const position = Math.min(params.position, longest);
    sentences.push(
      `The pair at position ${formatInteger(position)} of ${formatInteger(longest)}: attention reads it in one hop; the fixed state carries it through ${formatInteger(longest - position)} later updates, each adding another pair on top of it.`,
    );
    return sentences;
  },
};

/** The module's default export is its definition, so the runner can load one experiment by its name. */
export default bottleneck;
