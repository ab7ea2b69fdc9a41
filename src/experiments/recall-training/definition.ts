/**
 * Experiment 7 (chapter 3): an LSTM and a one-layer causal attention model, with
 * matched parameter counts, trained side by side in the page on multi-query
 * associative recall (kernels/train/). Both train on a mix of N (every power of
 * two from 2 up to the reader's N, one N per step, in turn), so one run reads
 * accuracy against N for both, and whether the LSTM's accuracy at the largest N
 * had stopped improving. Every sentence is read from the rows (./summary.ts).
 */
import { formatInteger } from '../../utils/format';
import { type ExperimentDefinition, type ExperimentRow, type HeatmapData } from '../shared/definition';
import { estimateSweep, type EstimateBackend, type RunEstimate } from '../shared/estimate';
import { matchWidths } from '../../../kernels/train/models';
import { recallShape, sequenceLength } from '../../../kernels/train/task';
import { evaluationCost, trainingStepCost } from '../../../kernels/train/cost';
import {
  accuracyColumns,
  EVALUATIONS,
  latestRowsOf,
  modelColumn,
  modelTable,
  optionalCell,
  rowsOf,
  trainingLossTable,
  weightGrids,
  type AccuracyFields,
  type WeightFields,
} from '../shared/training';

/** What a row measures: several kinds share one row type, each filling its own fields. */
export type TrainingMeasure = 'model' | 'training' | 'held-out' | 'length' | 'example' | 'weights';

export interface TrainingRow extends ExperimentRow, AccuracyFields, WeightFields {
  measure: TrainingMeasure;
  /** model: widths, parameters, and numbers carried at the largest trained N (the LSTM's h and c; attention's keys and values). */
  width?: number;
  parameters?: number;
  carriedNumbers?: number;
  /** training: the step and the mean training loss since the last row. */
  step?: number;
  trainingLoss?: number;
  /** held-out (during training) and length (after it): the accuracy at `pairs` key–value pairs, and the held-out loss there. */
  pairs?: number;
  heldOutLoss?: number;
  /** example: one query of the example sequence (tokens written k3, v7), the right value and each model's answer. */
  query?: number;
  key?: string;
  rightValue?: string;
  lstmAnswer?: string;
  attentionAnswer?: string;
  // weights: one head's weight from one query (row) onto one earlier token (column) of the example (WeightFields).
}

export type TrainingParams = { pairs: number; lstmWidth: number; steps: number; learningRate: number; seed: number };

/** Settings the reader does not choose, per backend. */
export interface RecallSettings {
  /** Distinct keys and values in the task, and queries per sequence (at most N). */
  keys: number;
  values: number;
  queries: number;
  /** Sequences per training step and per held-out evaluation at each N. */
  batch: number;
  evaluationBatch: number;
  heads: number;
}

const TASK = { keys: 16, values: 4, queries: 8, heads: 2 };
// The same batches on both backends. The CPU path's default steps (540) ran in 11.2 s in the page on the CI machine,
// well inside the 30 s that asks first; the README has the measurements.
export const RECALL_SETTINGS: Record<'webgpu' | 'cpu', RecallSettings> = {
  webgpu: { ...TASK, batch: 32, evaluationBatch: 64 },
  cpu: { ...TASK, batch: 32, evaluationBatch: 64 },
};

/** The N trained on, in turn: every power of two from 2 up to N, and N itself. */
export function trainedPairs(largest: number): number[] {
  const pairs = new Set<number>();
  for (let n = 2; n <= largest; n *= 2) pairs.add(n);
  pairs.add(largest);
  return [...pairs].sort((a, b) => a - b);
}

/** The N accuracy is read at after training: the trained N, and twice the largest where the keys allow. */
export function evaluationPairs(largest: number, keys = TASK.keys): number[] {
  const pairs = new Set(trainedPairs(largest));
  if (2 * largest <= keys) pairs.add(2 * largest);
  return [...pairs].sort((a, b) => a - b);
}

/** Token names as the example shows them: keys k0 …, values v0 …. */
export const keyName = (token: number) => `k${token}`;
export const valueName = (value: number) => `v${value}`;

/** The attention weights from each query of the example onto every token before it, per head, with each model's answers beside them. */
export function recallHeatmap(rows: readonly TrainingRow[]): HeatmapData | undefined {
  const examples = latestRowsOf(rows, 'example');
  const grids = weightGrids(rows);
  if (grids.length === 0) return undefined;
  return {
    caption:
      'Where the attention model looks: its weight from each query (rows) onto every token before it (columns), on the example sequence; darker is more weight, masked cells are later tokens',
    grids,
    beside: {
      caption: 'The same example: each model’s answers',
      header: ['Query', 'Key', 'Right value', 'LSTM', 'Attention'],
      rows: examples.map((row) => [String(row.query), row.key!, row.rightValue!, row.lstmAnswer!, row.attentionAnswer!]),
    },
  };
}

export const recallTraining: ExperimentDefinition<TrainingParams, TrainingRow> = {
  name: 'recall-training',
  title: 'Training both on recall',
  chapter: 'information-bottleneck',
  kernels: ['train/embedding.wgsl', 'train/linear.wgsl', 'train/lstm.wgsl', 'train/attention.wgsl', 'train/optimise.wgsl'],
  caption: 'Training both on recall: an LSTM and an attention model with matched parameter counts, trained on this device on N = 2, 4, … pairs in turn',
  params: [
    { key: 'pairs', label: 'Largest N to train on (also every power of two below it)', kind: 'integer', min: 2, max: TASK.keys, defaultValue: 8 },
    {
      key: 'lstmWidth',
      label: 'LSTM width h (the attention width is matched to its parameters)',
      kind: 'integer',
      min: 8,
      max: 128,
      cpuMax: 32,
      defaultValue: 16,
    },
    { key: 'steps', label: 'Training steps', kind: 'integer', min: 1, max: 3000, cpuMax: 3000, defaultValue: 600, cpuDefault: 540 },
    { key: 'learningRate', label: 'Learning rate (Adam)', kind: 'number', min: 0.0001, max: 0.1, step: 0.001, defaultValue: 0.03 },
    { key: 'seed', label: 'Seed', kind: 'integer', min: 1, max: 1_000_000, defaultValue: 1 },
  ],
  sweep: () => import('./sweep').then((module) => module.sweepRecallTraining),
  session: () => import('./sweep').then((module) => module.createRecallSession),
  // The trainer's buffers fit WebGPU's default limits at every size the parameters allow.
  gpuRequirements: () => ({}),
  columns: [
    { key: 'measure', label: 'Measure' },
    modelColumn<TrainingRow>(),
    { key: 'step', label: 'Step', format: optionalCell(formatInteger) },
    { key: 'trainingLoss', label: 'Training loss', format: optionalCell((value) => value.toFixed(3)) },
    { key: 'pairs', label: 'Pairs N', format: optionalCell(formatInteger) },
    ...accuracyColumns<TrainingRow>('Queries'),
    { key: 'heldOutLoss', label: 'Held-out loss', format: optionalCell((value) => value.toFixed(3)) },
    { key: 'parameters', label: 'Parameters', format: optionalCell(formatInteger) },
  ],
  tables: [
    modelTable<TrainingRow>('The two models: width, parameters, and the numbers each carries at the largest trained N', 'Numbers carried at the largest N'),
    {
      caption: 'After training: held-out accuracy at each N, with Wilson 95% intervals',
      select: rowsOf<TrainingRow>('length'),
      columns: [
        modelColumn<TrainingRow>(),
        { key: 'pairs', label: 'Pairs N', format: formatInteger },
        ...accuracyColumns<TrainingRow>('Queries'),
        { key: 'step', label: 'After step', format: formatInteger },
      ],
    },
    {
      caption: 'During training: held-out accuracy and loss at each trained N, at each of the ten evaluations',
      select: rowsOf<TrainingRow>('held-out'),
      columns: [
        { key: 'step', label: 'Step', format: formatInteger },
        modelColumn<TrainingRow>(),
        { key: 'pairs', label: 'Pairs N', format: formatInteger },
        ...accuracyColumns<TrainingRow>('Queries'),
        { key: 'heldOutLoss', label: 'Held-out loss', format: optionalCell((value) => value.toFixed(3)) },
      ],
    },
    trainingLossTable<TrainingRow>('Training: mean loss on the training batches (all trained N together)'),
  ],
  plots: [
    {
      title: 'Accuracy against N, after training',
      select: (row) => row.measure === 'length',
      x: 'pairs',
      y: 'accuracy',
      xLabel: 'key–value pairs N',
      yLabel: 'held-out accuracy',
      logX: true,
      logY: false,
    },
    {
      title: 'Held-out loss at the largest N during training',
      select: (row, params) => row.measure === 'held-out' && row.pairs === params.pairs,
      x: 'step',
      y: 'heldOutLoss',
      xLabel: 'training step',
      yLabel: 'held-out loss at the largest N',
      logX: false,
      logY: false,
    },
    {
      title: 'Training loss',
      select: (row) => row.measure === 'training',
      x: 'step',
      y: 'trainingLoss',
      xLabel: 'training step',
      yLabel: 'training loss (cross-entropy)',
      logX: false,
      logY: false,
    },
  ],
  heatmap: recallHeatmap,
  summarize: () => import('./summary').then((module) => module.summarizeRecall),
  estimate: estimateTraining,
};

export default recallTraining;

/** A run's cost from the family's cost formulas (kernels/train/cost.ts): each step at its N, and the evaluations as the sweep makes them. */
export function estimateTraining({ pairs, lstmWidth, steps }: TrainingParams, backend: EstimateBackend): RunEstimate {
  const settings = RECALL_SETTINGS[backend.kind];
  const widths = matchWidths(recallShape(settings), lstmWidth, settings.heads);
  const lengthAt = (n: number) => sequenceLength({ pairs: n, queries: Math.min(settings.queries, n) });
  const cycle = trainedPairs(pairs);
  const points = Array.from({ length: steps }, (_, step) => ({
    ...trainingStepCost(widths, settings.batch, lengthAt(cycle[step % cycle.length]!), settings.values, settings.heads),
    timed: false,
    // Hundreds of steps of the same code: the CPU path runs them at its warm rate.
    warm: true,
  }));
  // As the sweep does: at each evaluation every trained N and the example; after training every N read, once.
  const evaluation = (n: number, batch: number) => ({
    ...evaluationCost(widths, batch, lengthAt(n), settings.values, settings.heads),
    timed: false,
    warm: true,
  });
  for (let index = 0; index < Math.min(EVALUATIONS, steps); index++)
    points.push(...cycle.map((n) => evaluation(n, settings.evaluationBatch)), evaluation(pairs, 1));
  points.push(...evaluationPairs(pairs, settings.keys).map((n) => evaluation(n, settings.evaluationBatch)));
  return estimateSweep(points, backend);
}
