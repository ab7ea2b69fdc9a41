/**
 * Experiment 7 (chapter 3): an LSTM and a one-layer causal attention model, with
 * matched parameter counts, trained side by side in the page on multi-query
 * associative recall (kernels/train/). Every sentence is read from the rows.
 */
import { formatCount, formatInteger, formatPercent } from '../../utils/format';
import type { Column } from '../shared/results';
import { summaryFromSentences, type ExperimentDefinition, type ExperimentRow } from '../shared/definition';
import { ATTENTION_MODEL_SERIES, LSTM_MODEL_SERIES } from '../shared/series';
import { estimateSweep, type EstimateBackend, type RunEstimate } from '../shared/estimate';
import { CPU_TRAINING_DEFAULTS, TRAINING_DEFAULTS } from '../../../kernels/train/defaults';
import { matchWidths } from '../../../kernels/train/models';

/** What a row measures: several kinds share one row type, each filling its own fields. */
export type TrainingMeasure = 'model' | 'training' | 'length' | 'example' | 'weights';

export interface TrainingRow extends ExperimentRow {
  measure: TrainingMeasure;
  /** model: widths, parameters, and numbers carried at the trained N (the LSTM's h and c; attention's keys and values). */
  width?: number;
  parameters?: number;
  carriedNumbers?: number;
  /** training: the step, the mean training loss since the last row, and held-out accuracy at the trained N where evaluated. */
  step?: number;
  trainingLoss?: number;
  heldOutAccuracy?: number;
  /** length: held-out accuracy after training at `pairs` key–value pairs. */
  pairs?: number;
  accuracyAtPairs?: number;
  /** example: one query of the example sequence (tokens written k3, v7), the right value and each model's answer. */
  query?: number;
  key?: string;
  rightValue?: string;
  lstmAnswer?: string;
  attentionAnswer?: string;
  /** weights: one head's weights from one query onto the pair tokens, as "k3=0.01 v7=0.93 …" and their sum over earlier queries. */
  head?: number;
  weights?: string;
  weightOnRightValue?: number;
}

export type TrainingParams = { pairs: number; lstmWidth: number; steps: number; learningRate: number; seed: number };

/** Held-out accuracy at or above this counts as solving the task. */
export const SOLVED_ACCURACY = 0.9;
/** Distinct keys in the task (kernels/train/host.ts TRAINING_DEFAULTS); N is at most half of it, so accuracy can be read at twice the trained N. */
export const TASK_KEYS = 32;
/** Two accuracies this close (in fraction) count as the same; and the last two evaluations this close count as settled. */
export const SETTLED_WITHIN = 0.02;

/** The N accuracy is read at after training: powers of two up to the task's keys, and the trained N itself. */
export function evaluationLengths(trainedPairs: number, keys = TASK_KEYS): number[] {
  const lengths = new Set<number>([trainedPairs]);
  for (let n = 1; n <= keys; n *= 2) lengths.add(n);
  return [...lengths].sort((a, b) => a - b);
}

/** Token names as the example shows them: keys k0 …, values v0 …. */
export const keyName = (token: number) => `k${token}`;
export const valueName = (value: number) => `v${value}`;

const percent = (value: number) => formatPercent(value, 3);
const optional = (format: (value: number) => string) => (value: unknown) => (value === undefined || value === '' ? '—' : format(Number(value)));
const text = (value: unknown) => (value === undefined || value === '' ? '—' : String(value));
const byMeasure = (measure: TrainingMeasure) => (rows: readonly TrainingRow[]) => rows.filter((row) => row.measure === measure);
const modelName = (series: string) => (series === LSTM_MODEL_SERIES ? 'the LSTM' : 'the attention model');

/** The parameter-matching sentence, from the two model rows. */
export function parameterSentence(lstm: TrainingRow, attention: TrainingRow): string {
  const [p, q] = [lstm.parameters!, attention.parameters!];
  const difference = Math.abs(q - p) / p;
  const counts = `The LSTM (width ${formatCount(lstm.width!)}) has ${formatCount(p)} parameters and the attention model (width ${formatCount(attention.width!)}) ${formatCount(q)}`;
  return difference <= 0.1
    ? `${counts}: within ${percent(difference)} of each other, so neither wins by size.`
    : `${counts}: they differ by ${percent(difference)}, more than the 10% this comparison needs; read the results with that in mind.`;
}

/** The state the LSTM carries against the attention model's cache at the trained N. */
export function stateSentence(lstm: TrainingRow, attention: TrainingRow, pairs: number): string {
  return (
    `At N = ${formatCount(pairs)} pairs the LSTM carries ${formatCount(lstm.carriedNumbers!)} numbers from token to token (its h and c, whatever N is); ` +
    `the attention model's cache holds ${formatCount(attention.carriedNumbers!)} (a key and a value of width ${formatCount(attention.width!)} for each of the ${formatCount(2 * pairs)} pair tokens).`
  );
}

/** How one model ended at the trained N: solved or not, and whether its held-out accuracy had settled. */
export function outcomeSentence(series: string, evaluations: readonly TrainingRow[], pairs: number): string | undefined {
  const points = evaluations.filter((row) => row.series === series && row.heldOutAccuracy !== undefined);
  const last = points.at(-1);
  if (!last) return undefined;
  const name = modelName(series);
  const accuracy = last.heldOutAccuracy!;
  const verdict =
    accuracy >= SOLVED_ACCURACY
      ? `${name} solves the task at this N (at least ${percent(SOLVED_ACCURACY)})`
      : `below the ${percent(SOLVED_ACCURACY)} this page counts as solving it`;
  let sentence = `After ${formatCount(last.step!)} steps, ${name} answered ${percent(accuracy)} of held-out queries at N = ${formatCount(pairs)}: ${verdict}.`;
  const previous = points.at(-2);
  if (previous && Math.abs(accuracy - previous.heldOutAccuracy!) > SETTLED_WITHIN) {
    sentence += ` Its accuracy was still changing at the end (${percent(previous.heldOutAccuracy!)} at step ${formatCount(previous.step!)}), so more steps may change this.`;
  }
  return sentence[0]!.toUpperCase() + sentence.slice(1);
}

/** The first N (of those read after training) at which a model fell below SOLVED_ACCURACY. */
export function thresholdSentence(series: string, lengths: readonly TrainingRow[], trainedPairs: number): string | undefined {
  const points = lengths.filter((row) => row.series === series).sort((a, b) => a.pairs! - b.pairs!);
  if (points.length === 0) return undefined;
  const name = modelName(series);
  const fell = points.find((row) => row.accuracyAtPairs! < SOLVED_ACCURACY);
  const sentence = !fell
    ? `${name} stayed at or above ${percent(SOLVED_ACCURACY)} at every N read, up to N = ${formatCount(points.at(-1)!.pairs!)}.`
    : fell === points[0]
      ? `${name} was below ${percent(SOLVED_ACCURACY)} already at N = ${formatCount(fell.pairs!)}, the smallest N read (${percent(fell.accuracyAtPairs!)}).`
      : `${name} first fell below ${percent(SOLVED_ACCURACY)} at N = ${formatCount(fell.pairs!)} (${percent(fell.accuracyAtPairs!)})${
          fell.pairs! > trainedPairs ? `, more pairs than the ${formatCount(trainedPairs)} it was trained on` : ''
        }.`;
  return sentence[0]!.toUpperCase() + sentence.slice(1);
}

/** How many of the example's queries each model answered right. */
export function exampleSentence(examples: readonly TrainingRow[]): string | undefined {
  if (examples.length === 0) return undefined;
  const right = (answer: (row: TrainingRow) => string | undefined) => examples.filter((row) => answer(row) === row.rightValue).length;
  return `On the example sequence, the LSTM answered ${formatCount(right((row) => row.lstmAnswer))} of ${formatCount(examples.length)} queries right and the attention model ${formatCount(right((row) => row.attentionAnswer))}.`;
}

export function summarizeTraining(rows: readonly TrainingRow[], params: TrainingParams): string[] {
  const models = byMeasure('model')(rows);
  const lstm = models.find((row) => row.series === LSTM_MODEL_SERIES);
  const attention = models.find((row) => row.series === ATTENTION_MODEL_SERIES);
  const sentences: Array<string | undefined> = [];
  if (lstm && attention) sentences.push(parameterSentence(lstm, attention), stateSentence(lstm, attention, params.pairs));
  const training = byMeasure('training')(rows);
  const lengths = byMeasure('length')(rows);
  for (const series of [LSTM_MODEL_SERIES, ATTENTION_MODEL_SERIES]) sentences.push(outcomeSentence(series, training, params.pairs));
  for (const series of [LSTM_MODEL_SERIES, ATTENTION_MODEL_SERIES]) sentences.push(thresholdSentence(series, lengths, params.pairs));
  sentences.push(exampleSentence(byMeasure('example')(rows)));
  return sentences.filter((sentence): sentence is string => sentence !== undefined);
}

const modelColumn: Column<TrainingRow> = { key: 'series', label: 'Model' };

export const recallTraining: ExperimentDefinition<TrainingParams, TrainingRow> = {
  name: 'recall-training',
  title: 'Training both on recall',
  chapter: 'information-bottleneck',
  kernels: ['train/embedding.wgsl', 'train/linear.wgsl', 'train/lstm.wgsl', 'train/attention.wgsl', 'train/optimise.wgsl'],
  caption: 'Training both on recall: an LSTM and an attention model with matched parameter counts, trained on this device',
  params: [
    { key: 'pairs', label: 'Key–value pairs N to train on', kind: 'integer', min: 1, max: TASK_KEYS / 2, defaultValue: 8 },
    { key: 'lstmWidth', label: 'LSTM width h (the attention width is matched to its parameters)', kind: 'integer', min: 8, max: 128, defaultValue: 32 },
    { key: 'steps', label: 'Training steps', kind: 'integer', min: 1, max: 2000, defaultValue: 150 },
    { key: 'learningRate', label: 'Learning rate (Adam)', kind: 'number', min: 0.0001, max: 0.1, step: 0.001, defaultValue: 0.01 },
    { key: 'seed', label: 'Seed', kind: 'integer', min: 1, max: 1_000_000, defaultValue: 1 },
  ],
  sweep: () => import('../sweeps/recall-training').then((module) => module.sweepRecallTraining),
  // The trainer's buffers fit WebGPU's default limits at every size the parameters allow.
  gpuRequirements: () => ({}),
  columns: [
    { key: 'measure', label: 'Measure' },
    modelColumn,
    { key: 'step', label: 'Step', format: optional(formatCount) },
    { key: 'trainingLoss', label: 'Training loss', format: optional((value) => value.toFixed(3)) },
    { key: 'heldOutAccuracy', label: 'Held-out accuracy', format: optional(percent) },
    { key: 'pairs', label: 'Pairs N', format: optional(formatCount) },
    { key: 'accuracyAtPairs', label: 'Accuracy at N', format: optional(percent) },
    { key: 'parameters', label: 'Parameters', format: optional(formatCount) },
    { key: 'carriedNumbers', label: 'Numbers carried', format: optional(formatCount) },
  ],
  tables: [
    {
      caption: 'The two models: width, parameters, and the numbers each carries at the trained N',
      select: byMeasure('model'),
      columns: [
        modelColumn,
        { key: 'width', label: 'Width', format: formatInteger },
        { key: 'parameters', label: 'Parameters', format: formatInteger },
        { key: 'carriedNumbers', label: 'Numbers carried at the trained N', format: formatInteger },
      ],
    },
    {
      caption: 'Training: mean loss on the training batches, and accuracy on held-out sequences at the trained N',
      select: byMeasure('training'),
      columns: [
        { key: 'step', label: 'Step', format: formatInteger },
        modelColumn,
        { key: 'trainingLoss', label: 'Training loss', format: optional((value) => value.toFixed(3)) },
        { key: 'heldOutAccuracy', label: 'Held-out accuracy', format: optional(percent) },
      ],
    },
    {
      caption: 'After training: held-out accuracy at each N, including more pairs than trained on',
      select: byMeasure('length'),
      columns: [
        modelColumn,
        { key: 'pairs', label: 'Pairs N', format: formatInteger },
        { key: 'accuracyAtPairs', label: 'Accuracy', format: optional(percent) },
      ],
    },
    {
      caption: 'One held-out sequence at the trained N: each query, the right value and each model’s answer',
      select: byMeasure('example'),
      columns: [
        { key: 'query', label: 'Query', format: formatInteger },
        { key: 'key', label: 'Key asked for', format: text },
        { key: 'rightValue', label: 'Right value', format: text },
        { key: 'lstmAnswer', label: 'LSTM answered', format: text },
        { key: 'attentionAnswer', label: 'Attention answered', format: text },
      ],
    },
    {
      caption: 'The attention model’s weights on the example, for each head and query: the weight on each pair token (largest first), and on the right value',
      select: byMeasure('weights'),
      columns: [
        { key: 'head', label: 'Head', format: formatInteger },
        { key: 'query', label: 'Query', format: formatInteger },
        { key: 'key', label: 'Key asked for', format: text },
        { key: 'weightOnRightValue', label: 'Weight on the right value', format: optional((value) => value.toFixed(2)) },
        { key: 'weights', label: 'Largest weights', format: text },
      ],
    },
  ],
  plots: [
    { x: 'step', y: 'trainingLoss', xLabel: 'training step', yLabel: 'training loss (cross-entropy)', logX: false, logY: false },
    { x: 'step', y: 'heldOutAccuracy', xLabel: 'training step', yLabel: 'held-out accuracy at the trained N', logX: false, logY: false },
    { x: 'pairs', y: 'accuracyAtPairs', xLabel: 'key–value pairs N', yLabel: 'held-out accuracy after training', logX: true, logY: false },
  ],
  summarize: (rows, params) => summaryFromSentences(summarizeTraining(rows, params)),
  estimate: estimateTraining,
};

export default recallTraining;

/**
 * A training run's cost, estimated: each step of each model does about 6 FLOPs per parameter per
 * token (2 forward, 4 backward), plus attention's scores and their gradients (about 12·L²·d per
 * sequence); the LSTM records a forward and a backward dispatch per position (attention a fixed
 * handful, counted as 20), and each model submits once per step. Held-out evaluations are left out:
 * four of them at most, forward only, on a few batches.
 */
export function estimateTraining({ pairs, lstmWidth, steps }: TrainingParams, backend: EstimateBackend): RunEstimate {
  const config = backend.kind === 'cpu' ? CPU_TRAINING_DEFAULTS : TRAINING_DEFAULTS;
  const task = { ...config.task, pairs };
  const length = 2 * pairs + task.queries;
  const tokens = config.batch * length;
  const widths = matchWidths(task, lstmWidth, config.heads);
  const flops = 6 * tokens * (widths.lstm.parameters + widths.attention.parameters) + 12 * config.batch * length * length * widths.attention.width;
  // Activations kept for the backward pass: the LSTM's six gate-sized vectors per position, attention's scores and projections.
  const activations = 4 * config.batch * length * (6 * widths.lstm.width + 6 * widths.attention.width + config.heads * length);
  const step = {
    flops,
    dispatches: 2 * length + 20,
    submits: 2,
    bytes: 4 * 3 * (widths.lstm.parameters + widths.attention.parameters) + activations,
    timed: false,
  };
  return estimateSweep(
    Array.from({ length: steps }, () => step),
    backend,
  );
}
