/**
 * What an experiment is: its typed parameters, the sweep that measures it, the
 * device limits it asks for, result columns, plots and the sentences derived from
 * its rows; and the cell formatters the definitions share. Light enough for the
 * islands: the sweep is a dynamic import, so kernels load only in the Worker when
 * the experiment runs, one chunk per experiment.
 */
import type { Backend, GpuRequirements } from '../../../kernels/runtime';
import type { ParamSpec } from '../params';
import { formatMs, type Column } from '../results';
import { formatBytes, formatCount } from '../../utils/format';

/** Every row names its series; the other fields depend on the experiment. */
export interface ExperimentRow {
  series: string;
  [field: string]: string | number | undefined;
}

/** Rows that carry a measured time. */
export interface TimedRow extends ExperimentRow {
  medianMs: number;
  minMs: number;
  /** How the time was taken: "timestamp-query" or "wall-clock". */
  timing: string;
}

export interface PlotSpec<Row extends ExperimentRow = ExperimentRow> {
  /** The panel's own title, where an experiment draws several panels. */
  title?: string;
  /** The rows this panel draws (all of them when absent); the table and CSV/JSON always keep every row. */
  select?: (row: Row, params: ExperimentParams) => boolean;
  /** The row fields plotted: x across, y up. */
  x: keyof Row & string;
  y: keyof Row & string;
  xLabel: string;
  yLabel: string;
  logX: boolean;
  logY: boolean;
}

/** Parameter values by key; every experiment's parameters are numbers, switches or choices. */
export type ExperimentParams = Record<string, number | boolean | string>;

/** What a sweep reports through, typed by its experiment's parameters and rows. */
export interface SweepContext<Params extends ExperimentParams = ExperimentParams, Row extends ExperimentRow = ExperimentRow> {
  backend: Backend;
  params: Params;
  signal: AbortSignal;
  emit(row: Row): void;
  progress(done: number, total: number, label: string): void;
  notice(message: string): void;
}

/** Runs an experiment's measurements on one backend, emitting rows as they are measured. */
export type Sweep<Params extends ExperimentParams, Row extends ExperimentRow> = (context: SweepContext<Params, Row>) => Promise<void>;

/** Device limits and features an experiment asks for: timestamps where the adapter has them, nothing more. */
export const TIMESTAMPS_ONLY: GpuRequirements = { optionalFeatures: ['timestamp-query'] };

export interface ExperimentDefinition<Params extends ExperimentParams, Row extends ExperimentRow> {
  name: string;
  title: string;
  /** The chapter the experiment stands in (its id in content/). */
  chapter: string;
  /** The WGSL files it runs, under kernels/, shown by "View the kernels". */
  kernels: string[];
  /** The caption of the data table. */
  caption: string;
  params: Array<ParamSpec & { key: keyof Params & string }>;
  /** Named sets of parameter values offered as one-click buttons. */
  presets?: Array<{ label: string; values: Partial<Params> }>;
  columns: Column<Row>[];
  plots: PlotSpec<Row>[];
  /** Loads the sweep that measures this experiment (a dynamic import, so its kernels stay out of the page's bundle). */
  sweep: () => Promise<Sweep<Params, Row>>;
  /** Device limits and features worth asking for with these parameters. */
  gpuRequirements(params: Params): GpuRequirements;
  /** Sentences derived from the rows, shown under the plot and kept for the summary chapter. */
  summarize(rows: readonly Row[], params: Params): string[];
}

/** Any experiment, for code that handles every one alike (the registry, the runner, the frame). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each definition's own types are checked where it is written
export type AnyExperimentDefinition = ExperimentDefinition<any, any>;

export const formatInteger = (value: unknown) => formatCount(Number(value));
export const formatTime = (value: unknown) => formatMs(Number(value));
/** Exact bytes, with the binary-unit reading beside them: "1,048,576 (1 MiB)". */
export const formatBytesCell = (value: unknown) => {
  const n = Number(value);
  return n === 0 ? '0' : `${formatCount(n)} (${formatBytes(n)})`;
};
export const formatScientific = (value: unknown) => (value === undefined || value === null || value === '' ? '—' : Number(value).toPrecision(4));

/** Median and fastest time, and how they were taken: the columns every timed experiment shows. */
export const timingColumns = <Row extends TimedRow>(): Column<Row>[] => [
  { key: 'medianMs', label: 'Median time', format: formatTime },
  { key: 'minMs', label: 'Fastest', format: formatTime },
];

/** The rows one plot panel draws. */
export function plotRows<Row extends ExperimentRow>(rows: readonly Row[], plot: PlotSpec<Row>, params: ExperimentParams): Row[] {
  return plot.select ? rows.filter((row) => plot.select!(row, params)) : [...rows];
}

export function seriesValues<Row extends ExperimentRow>(rows: readonly Row[], series: string, x: keyof Row, y: keyof Row): Map<number, number> {
  return new Map(rows.filter((row) => row.series === series).map((row) => [Number(row[x]), Number(row[y])]));
}
