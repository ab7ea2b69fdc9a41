/**
 * Types and formatting shared by the experiment definitions. A definition says
 * what an experiment is for the page: parameters, result columns, plots and the
 * sentences derived from its rows. The sweeps that make the rows are in ../sweeps.
 */
import type { ParamSpec } from '../params';
import { formatMs, type Column } from '../results';
import { formatBytes, formatCount } from '../../utils/numbers';

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
  /** The row fields plotted: x across, y up. */
  x: keyof Row & string;
  y: keyof Row & string;
  xLabel: string;
  yLabel: string;
  logX: boolean;
  logY: boolean;
}

export interface ExperimentDefinition<Row extends ExperimentRow = ExperimentRow> {
  name: string;
  title: string;
  /** The chapter the experiment stands in (its id in content/). */
  chapter: string;
  /** The WGSL files it runs, under kernels/, shown by "View the kernels". */
  kernels: string[];
  /** The caption of the data table. */
  caption: string;
  params: ParamSpec[];
  /** Named sets of parameter values offered as one-click buttons. */
  presets?: Array<{ label: string; values: Record<string, number | boolean | string> }>;
  columns: Column<Row>[];
  plots: PlotSpec<Row>[];
  /** Sentences derived from the rows, shown under the plot and kept for the summary chapter. */
  summarize(rows: readonly Row[], params: Record<string, unknown>): string[];
}

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

export function seriesValues<Row extends ExperimentRow>(rows: readonly Row[], series: string, x: keyof Row, y: keyof Row): Map<number, number> {
  return new Map(rows.filter((row) => row.series === series).map((row) => [Number(row[x]), Number(row[y])]));
}
