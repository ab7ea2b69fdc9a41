/**
 * Experiment 8 (chapter 6): the same two models as recall-training, with matched
 * parameter counts, trained on state tracking: the running sum of digits mod m
 * (parity at m = 2), on sequences of L tokens, then asked for the sum at lengths
 * up to 4L. The kernels are the same; only the batches differ
 * (kernels/train/running-sum.ts).
 */
import { formatInteger } from '../../utils/format';
import { type ExperimentDefinition, type ExperimentRow, type HeatmapData } from '../shared/definition';
import { estimateSweep, type EstimateBackend, type RunEstimate } from '../shared/estimate';
import { matchWidths } from '../../../kernels/train/models';
import { runningSumShape } from '../../../kernels/train/running-sum';
import { trainingStepCost, evaluationCost } from '../../../kernels/train/cost';
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

export type StateMeasure = 'model' | 'training' | 'held-out' | 'length' | 'example' | 'weights';

export interface StateRow extends ExperimentRow, AccuracyFields, WeightFields {
  measure: StateMeasure;
  /** model: width, parameters, and numbers carried at the longest length (the LSTM's h and c; attention's keys and values). */
  width?: number;
  parameters?: number;
  carriedNumbers?: number;
  /** training: the step and the mean training loss since the last row. */
  trainingLoss?: number;
  /** held-out (during training) and length (after it): the accuracy of the sum after `length` tokens, on held-out sequences. */
  length?: number;
  /** example: one position of the example sequence, its digit, the right sum and each model's answer. */
  position?: number;
  digit?: number;
  rightSum?: number;
  lstmAnswer?: number;
  attentionAnswer?: number;
}

export type StateParams = { length: number; modulus: number; lstmWidth: number; steps: number; learningRate: number; seed: number };

/** Settings the reader does not choose, per backend: the CPU path takes smaller batches (float64 JavaScript on one thread). */
export interface StateSettings {
  batch: number;
  /** Held-out sequences per evaluation: each length's accuracy counts this many answers. */
  evaluationBatch: number;
  /** One head: with two, the attention width's step is too coarse to match the LSTM's count within 10% for m tokens at some widths (h = 8, 11). */
  heads: number;
  /** Lengths tested, as multiples of L. */
  testedMultiples: readonly number[];
}

export const STATE_SETTINGS: Record<'webgpu' | 'cpu', StateSettings> = {
  webgpu: { batch: 16, evaluationBatch: 64, heads: 1, testedMultiples: [0.5, 1, 1.5, 2, 3, 4] },
  cpu: { batch: 8, evaluationBatch: 64, heads: 1, testedMultiples: [0.5, 1, 1.5, 2, 3, 4] },
};

/** The longest length tested, as a multiple of the trained L. */
export const LONGEST_MULTIPLE = 4;

/** The lengths accuracy is read at: multiples of L, rounded, at least 1, without repeats. */
export function testedLengths(trainedLength: number, multiples: readonly number[] = STATE_SETTINGS.webgpu.testedMultiples): number[] {
  return [...new Set(multiples.map((multiple) => Math.max(1, Math.round(multiple * trainedLength))))].sort((a, b) => a - b);
}

/** The attention weights from every position of the example onto every position up to it, per head, with each model's running sums beside them. */
export function stateHeatmap(rows: readonly StateRow[]): HeatmapData | undefined {
  const grids = weightGrids(rows);
  if (grids.length === 0) return undefined;
  return {
    caption:
      'Where the attention model looks: its weight from each position (rows, labelled with the digit there) onto every digit up to it (columns), on the example sequence; darker is more weight, masked cells are later digits',
    grids,
    beside: {
      caption: 'The same example: the running sum and each model’s answer',
      header: ['Position', 'Digit', 'Right sum', 'LSTM', 'Attention'],
      rows: latestRowsOf(rows, 'example').map((row) => [row.position, row.digit, row.rightSum, row.lstmAnswer, row.attentionAnswer].map(String)),
    },
  };
}

export const stateTracking: ExperimentDefinition<StateParams, StateRow> = {
  name: 'state-tracking',
  title: 'Training both on state tracking',
  chapter: 'when-rnns-win',
  kernels: ['train/embedding.wgsl', 'train/linear.wgsl', 'train/lstm.wgsl', 'train/attention.wgsl', 'train/optimise.wgsl'],
  caption: 'Training both on state tracking: the running sum mod m, trained on L tokens and tested on up to 4L',
  params: [
    { key: 'length', label: 'Training length L (tested up to 4L)', kind: 'integer', min: 2, max: 64, cpuMax: 16, defaultValue: 16, cpuDefault: 8 },
    { key: 'modulus', label: 'Modulus m (2 is parity)', kind: 'integer', min: 2, max: 5, defaultValue: 2 },
    { key: 'lstmWidth', label: 'LSTM width h (the attention width is matched to its parameters)', kind: 'integer', min: 8, max: 64, defaultValue: 16 },
    { key: 'steps', label: 'Training steps', kind: 'integer', min: 1, max: 2000, cpuMax: 400, defaultValue: 120, cpuDefault: 80 },
    { key: 'learningRate', label: 'Learning rate (Adam)', kind: 'number', min: 0.0001, max: 0.1, step: 0.001, defaultValue: 0.01 },
    { key: 'seed', label: 'Seed', kind: 'integer', min: 1, max: 1_000_000, defaultValue: 1 },
  ],
  sweep: () => import('./sweep').then((module) => module.sweepStateTracking),
  session: () => import('./sweep').then((module) => module.createStateTrackingSession),
  gpuRequirements: () => ({}),
  columns: [
    { key: 'measure', label: 'Measure' },
    modelColumn<StateRow>(),
    { key: 'step', label: 'Step', format: optionalCell(formatInteger) },
    { key: 'trainingLoss', label: 'Training loss', format: optionalCell((value) => value.toFixed(3)) },
    { key: 'length', label: 'Length', format: optionalCell(formatInteger) },
    ...accuracyColumns<StateRow>('Sequences'),
    { key: 'parameters', label: 'Parameters', format: optionalCell(formatInteger) },
  ],
  tables: [
    modelTable<StateRow>('The two models: width, parameters, and the numbers each carries at the longest length tested', 'Numbers carried at 4L'),
    {
      caption: 'After training: held-out accuracy of the sum after each length, with Wilson 95% intervals (chance is 1/m)',
      select: rowsOf<StateRow>('length'),
      columns: [
        modelColumn<StateRow>(),
        { key: 'length', label: 'Length', format: formatInteger },
        ...accuracyColumns<StateRow>('Sequences'),
        { key: 'step', label: 'After step', format: formatInteger },
      ],
    },
    {
      caption: 'During training: held-out accuracy at the trained length L and at 4L',
      select: rowsOf<StateRow>('held-out'),
      columns: [
        { key: 'step', label: 'Step', format: formatInteger },
        modelColumn<StateRow>(),
        { key: 'length', label: 'Length', format: formatInteger },
        ...accuracyColumns<StateRow>('Sequences'),
      ],
    },
    trainingLossTable<StateRow>('Training: mean loss on the training batches'),
  ],
  plots: [
    {
      title: 'Accuracy against length, after training',
      select: (row) => row.measure === 'length',
      x: 'length',
      y: 'accuracy',
      xLabel: 'sequence length (tokens)',
      yLabel: 'held-out accuracy',
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
  heatmap: stateHeatmap,
  summarize: () => import('./summary').then((module) => module.summarizeStateTracking),
  estimate: estimateStateTracking,
};

export default stateTracking;

/** A run's cost from the family's cost formulas (kernels/train/cost.ts): every step of both models, and every evaluation at 4L. */
export function estimateStateTracking({ length, modulus, lstmWidth, steps }: StateParams, backend: EstimateBackend): RunEstimate {
  const settings = STATE_SETTINGS[backend.kind];
  const widths = matchWidths(runningSumShape(modulus), lstmWidth, settings.heads);
  // Many steps of the same code: the CPU path runs them at its warm rate.
  const step = { ...trainingStepCost(widths, settings.batch, length, modulus, settings.heads), timed: false, warm: true };
  const evaluation = { ...evaluationCost(widths, settings.evaluationBatch, LONGEST_MULTIPLE * length, modulus, settings.heads), timed: false, warm: true };
  return estimateSweep([...Array.from({ length: steps }, () => step), ...Array.from({ length: Math.min(EVALUATIONS, steps) + 1 }, () => evaluation)], backend);
}
