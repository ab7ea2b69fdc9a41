/**
 * What the two training experiments (recall-training, state-tracking) share: the
 * rows that describe the two models and their held-out accuracies with Wilson
 * intervals, the sentences read from them, and the trainer's configuration from
 * a definition's parameters. Imports no experiment.
 */
import { formatCount, formatInteger, formatPercent } from '../../utils/format';
import type { Trainer } from '../../../kernels/train/host';
import type { ModelKind } from '../../../kernels/train/models';
import type { ExperimentRow, HeatmapGrid, TableSpec } from './definition';
import type { Column } from './results';
import { ATTENTION_MODEL_SERIES, LSTM_MODEL_SERIES } from './series';
import { wilsonInterval, type Interval } from './wilson';

export type ModelSeries = typeof LSTM_MODEL_SERIES | typeof ATTENTION_MODEL_SERIES;
export const MODEL_SERIES = { lstm: LSTM_MODEL_SERIES, attention: ATTENTION_MODEL_SERIES } as const;

/** Held-out accuracy at or above this counts as solving a task. */
export const SOLVED_ACCURACY = 0.9;
/** Held-out evaluations during a run. */
export const EVALUATIONS = 10;
/** At most this many loss points per model per run, so the live plot stays light at any number of steps. */
export const LOSS_POINTS = 100;

/** An accuracy as rows carry it: right answers, answers asked, and the Wilson 95% interval. */
export interface AccuracyFields {
  correct?: number;
  counted?: number;
  accuracy?: number;
  accuracyLow?: number;
  accuracyHigh?: number;
}

export function accuracyFields(correct: number, counted: number): Required<AccuracyFields> {
  const interval = wilsonInterval({ correct, counted });
  return { correct, counted, accuracy: interval.estimate, accuracyLow: interval.low, accuracyHigh: interval.high };
}

export function rowInterval(row: AccuracyFields): Interval {
  return { estimate: row.accuracy!, low: row.accuracyLow!, high: row.accuracyHigh! };
}

export const percent = (value: number) => formatPercent(value, 3);

/** "91.2% (95% interval 86.0–94.6%, 233 of 256)". */
export function accuracyText(row: AccuracyFields): string {
  return `${percent(row.accuracy!)} (95% interval ${percent(row.accuracyLow!)}–${percent(row.accuracyHigh!)}, ${formatCount(row.correct!)} of ${formatCount(row.counted!)})`;
}

/** The interval column's cell. */
export const intervalCell = (_value: unknown, row: AccuracyFields) =>
  row.accuracyLow === undefined || row.accuracyHigh === undefined ? '—' : `${percent(row.accuracyLow)}–${percent(row.accuracyHigh)}`;

export const modelName = (series: string) => (series === LSTM_MODEL_SERIES ? 'the LSTM' : 'the attention model');
export const capitalise = (sentence: string) => sentence[0]!.toUpperCase() + sentence.slice(1);

/** The two models' rows, once per session: each one's width, parameters, and the numbers it carries (from kernels/train/models.ts). */
export function modelRows(trainer: Pick<Trainer, 'widths' | 'parameterCounts'>, carried: (kind: ModelKind, width: number) => number) {
  return (['lstm', 'attention'] as const).map((kind) => {
    const { width } = trainer.widths[kind];
    return { measure: 'model' as const, series: MODEL_SERIES[kind], width, parameters: trainer.parameterCounts[kind], carriedNumbers: carried(kind, width) };
  });
}

export interface ModelRowFields extends ExperimentRow {
  width?: number;
  parameters?: number;
}

/** The parameter-matching sentence, from the two model rows. */
export function parameterSentence(lstm: ModelRowFields, attention: ModelRowFields): string {
  const [p, q] = [lstm.parameters!, attention.parameters!];
  const difference = Math.abs(q - p) / p;
  const counts = `The LSTM (width ${formatCount(lstm.width!)}) has ${formatCount(p)} parameters and the attention model (width ${formatCount(attention.width!)}) ${formatCount(q)}`;
  return difference <= 0.1
    ? `${counts}: within ${percent(difference)} of each other, so neither wins by size.`
    : `${counts}: they differ by ${percent(difference)}, more than the 10% this comparison needs; read the results with that in mind.`;
}

/** Whether an accuracy solves the task: its point estimate at or above SOLVED_ACCURACY. */
export const solves = (row: AccuracyFields) => row.accuracy! >= SOLVED_ACCURACY;
/** Whether it clearly does not: the whole interval below SOLVED_ACCURACY. */
export const clearlyFails = (row: AccuracyFields) => row.accuracyHigh! < SOLVED_ACCURACY;

/** One head's weight from one query position onto one key position of the example sequence, as the heatmap reads it. */
export interface WeightFields {
  step?: number;
  head?: number;
  queryPosition?: number;
  keyPosition?: number;
  queryToken?: string;
  keyToken?: string;
  weight?: number;
}

/** The latest step among rows of a measure (the heatmap and the example show the newest evaluation). */
export function latestStep(rows: readonly (ExperimentRow & { measure?: unknown; step?: number })[], measure: string): number | undefined {
  let latest: number | undefined;
  for (const row of rows) if (row.measure === measure && row.step !== undefined && (latest === undefined || row.step > latest)) latest = row.step;
  return latest;
}

/** Every head's weights at the latest step as grids: the query positions down (those in `queryPositions`, or all), every position up to the last across. */
export function weightGrids(
  rows: readonly (ExperimentRow & WeightFields & { measure?: unknown })[],
  queryPositions?: (position: number) => boolean,
): HeatmapGrid[] {
  const step = latestStep(rows, 'weights');
  if (step === undefined) return [];
  const latest = rows.filter((row) => row.measure === 'weights' && row.step === step && (!queryPositions || queryPositions(row.queryPosition!)));
  const heads = [...new Set(latest.map((row) => row.head!))].sort((a, b) => a - b);
  const positions = [...new Set(latest.map((row) => row.queryPosition!))].sort((a, b) => a - b);
  const length = Math.max(...latest.map((row) => row.keyPosition!));
  const tokens = new Map<number, string>();
  for (const row of latest) tokens.set(row.keyPosition!, row.keyToken!).set(row.queryPosition!, row.queryToken!);
  const columnLabels = Array.from({ length }, (_, k) => `${k + 1} ${tokens.get(k + 1) ?? ''}`.trim());
  return heads.map((head) => {
    const values = positions.map(() => new Array<number | undefined>(length).fill(undefined));
    for (const row of latest) if (row.head === head) values[positions.indexOf(row.queryPosition!)]![row.keyPosition! - 1] = row.weight!;
    return {
      title: `Head ${head} of ${heads.length}, after step ${formatCount(step)}`,
      rowLabels: positions.map((position) => `${position} ${tokens.get(position) ?? ''}`.trim()),
      columnLabels,
      values,
    };
  });
}

/** The sentences that are there. */
export const present = (sentences: ReadonlyArray<string | undefined>): string[] => sentences.filter((sentence): sentence is string => sentence !== undefined);

/** The fields both training experiments' rows carry, which their shared tables read. */
export interface TrainingTableRow extends ExperimentRow, AccuracyFields {
  measure: string;
  width?: number;
  parameters?: number;
  carriedNumbers?: number;
  step?: number;
  trainingLoss?: number;
}

/** A cell that reads "—" where the row has no value for its column (the rows of several kinds share one table). */
export const optionalCell = (format: (value: number) => string) => (value: unknown) => (value === undefined || value === '' ? '—' : format(Number(value)));
/** The rows of one kind. */
export const rowsOf =
  <Row extends TrainingTableRow>(measure: Row['measure']) =>
  (rows: readonly Row[]) =>
    rows.filter((row) => row.measure === measure);
/** The rows of one kind as of its newest evaluation (the example is read again at each one). */
export const latestRowsOf = <Row extends TrainingTableRow>(rows: readonly Row[], measure: Row['measure']) => {
  const step = latestStep(rows, measure);
  return rows.filter((row) => row.measure === measure && row.step === step);
};

export const modelColumn = <Row extends TrainingTableRow>(): Column<Row> => ({ key: 'series', label: 'Model' });

/** Held-out accuracy with its Wilson interval and the number of answers it counts (queries or sequences). */
export const accuracyColumns = <Row extends TrainingTableRow>(countLabel: string): Column<Row>[] => [
  { key: 'accuracy', label: 'Held-out accuracy', format: optionalCell(percent) },
  { key: 'accuracyLow', label: 'Wilson 95% interval', format: intervalCell as Column<Row>['format'] },
  { key: 'counted', label: countLabel, format: optionalCell(formatInteger) },
];

/** The two models: width, parameters, and the numbers each carries. */
export const modelTable = <Row extends TrainingTableRow>(caption: string, carriedLabel: string): TableSpec<Row> => ({
  caption,
  select: rowsOf<Row>('model'),
  columns: [
    modelColumn<Row>(),
    { key: 'width', label: 'Width', format: formatInteger },
    { key: 'parameters', label: 'Parameters', format: formatInteger },
    { key: 'carriedNumbers', label: carriedLabel, format: formatInteger },
  ],
});

/** The mean loss on the training batches, model by model. */
export const trainingLossTable = <Row extends TrainingTableRow>(caption: string): TableSpec<Row> => ({
  caption,
  select: rowsOf<Row>('training'),
  columns: [
    { key: 'step', label: 'Step', format: formatInteger },
    modelColumn<Row>(),
    { key: 'trainingLoss', label: 'Training loss', format: optionalCell((value) => value.toFixed(3)) },
  ],
});
