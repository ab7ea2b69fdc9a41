/**
 * What an experiment is: its typed parameters, the sweep that measures it, the
 * device limits it asks for, result columns, plots and the sentences derived from
 * its rows; and the cell formatters the definitions share. Light enough for the
 * islands: the sweep is a dynamic import, so kernels load only in the Worker when
 * the experiment runs, one chunk per experiment; the summary is one too, loaded with the results.
 */
import type { Backend, GpuRequirements } from '../../../kernels/runtime';
import type { ParamSpec } from '../params';
import type { DeviceConstants } from './explain-timing';
import type { EstimateBackend, RunEstimate } from './estimate';
import { type Column } from './results';
import { formatInteger, formatOptionalTime, formatTime } from '../../utils/format';

/** Every row names its series; the other fields depend on the experiment. */
export interface ExperimentRow {
  series: string;
  [field: string]: string | number | readonly number[] | undefined;
}

/** Rows that carry a measured time, taken the same way for every series (see `timed` in sweeps/sweep-steps.ts). */
export interface TimedRow extends ExperimentRow {
  /** Median wall-clock time of one unit, from encoding to completion. */
  medianMs: number;
  /** Fastest repetition's wall-clock time. */
  minMs: number;
  /** Median GPU time by timestamps, where the device has them and the unit is one command buffer. */
  gpuMs?: number;
  /** Which clocks: "wall clock" or "wall clock and GPU timestamps". */
  timing: string;
  /** Dispatches one unit records, counted; 0 on the CPU path. */
  dispatches: number;
  /** Command buffers one unit submits; 0 on the CPU path. */
  submits: number;
  /** FLOPs one unit does, counted from the cost formulas. */
  flops?: number;
  /** Bytes one unit moves to and from memory, counted from the family's cost.ts. */
  bytes?: number;
  /** Every repetition's wall-clock time per unit, for the ratio intervals (see ratio-interval.ts). */
  samplesMs?: readonly number[];
  /** Where this point was more than 2× off its neighbours' trend and measured again: the first measurement's median (see measure-sizes.ts). */
  firstMedianMs?: number;
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
  /**
   * Independent samples (each point its own draw, as recall accuracy at each T): drawn as points
   * with no line joining them. Without it, the points of a series are joined, as for a chain of
   * values where each follows from the last.
   */
  points?: boolean;
  /** Units of an axis's values; `bytes` labels ticks in B, KiB, MiB and GiB (inferred for a field whose name ends in "Bytes"). */
  xUnit?: 'bytes';
  yUnit?: 'bytes';
}

/** A table of some of the rows, for an experiment whose rows are of several kinds. */
export interface TableSpec<Row extends ExperimentRow = ExperimentRow> {
  caption: string;
  select(rows: readonly Row[]): Row[];
  columns: Column<Row>[];
}

/** One grid of a heatmap: row and column labels and a value per cell (undefined where there is none). */
export interface HeatmapGrid {
  title: string;
  rowLabels: string[];
  columnLabels: string[];
  values: Array<Array<number | undefined>>;
}

/** A heatmap drawn from the rows (src/islands/AttentionHeatmap.tsx), with a small table of answers beside it. */
export interface HeatmapData {
  caption: string;
  grids: HeatmapGrid[];
  beside?: { caption: string; header: string[]; rows: string[][] };
}

/** The rows a plot draws: those with a finite value on both of its axes. */
export function plottedRows<Row extends ExperimentRow>(rows: readonly Row[], plot: PlotSpec<Row>): Row[] {
  return rows.filter((row) => Number.isFinite(Number(row[plot.x] ?? NaN)) && Number.isFinite(Number(row[plot.y] ?? NaN)));
}

/** How a run's rows bear on the chapter's claim. */
export type Verdict = 'shows' | 'contradicts' | 'noisy';

export interface ExperimentSummary {
  /** One plain sentence answering the chapter's question with the measured numbers that decide it. */
  headline: string;
  /** Whether the rows show the chapter's claim, contradict it on this device, or cannot tell (noise). */
  verdict: Verdict;
  /** At most three further sentences, shown under the headline. */
  sentences: string[];
  /** "How this was measured": device constants, the model, fits, projections; shown in a disclosure. */
  details: string[];
}

/** The label shown after a summary's headline, one per verdict. */
export const VERDICT_LABELS: Record<Verdict, string> = {
  shows: 'Shows the claim',
  contradicts: 'Contradicts the claim on this device',
  noisy: 'Too noisy to tell',
};

/** The most further sentences a summary shows under its headline; the rest go in the disclosure. */
export const MAX_VISIBLE_SENTENCES = 3;

/**
 * A summary from an older list of sentences, for experiments not yet converted: the first
 * sentence becomes the headline, the next three stay visible, the rest go in the disclosure.
 * Their verdict is "noisy" until their summary decides one from the rows.
 */
export function summaryFromSentences(sentences: readonly string[], verdict: Verdict = 'noisy'): ExperimentSummary {
  return {
    headline: sentences[0] ?? '',
    verdict,
    sentences: sentences.slice(1, 1 + MAX_VISIBLE_SENTENCES),
    details: sentences.slice(1 + MAX_VISIBLE_SENTENCES),
  };
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

/** A run that stays alive after it ends, so the reader can pause it and train the same models for more steps (the training experiments). */
export interface Session<Params extends ExperimentParams, Row extends ExperimentRow> {
  /** Adds `steps` steps, reporting through `context`; `shouldPause` is asked between steps and ends the run early when true. */
  run(steps: number, context: SweepContext<Params, Row>, shouldPause?: () => boolean): Promise<{ paused: boolean }>;
  dispose(): void;
}

/** Makes a session on the context's backend with the context's parameters. */
export type SessionFactory<Params extends ExperimentParams, Row extends ExperimentRow> = (context: SweepContext<Params, Row>) => Promise<Session<Params, Row>>;

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
  /** Presets that depend on this device (the memory wall of its buffers), offered beside `presets` with their estimates. */
  presetsFor?(backend: EstimateBackend): Array<{ label: string; values: Partial<Params> }>;
  /** The columns of the data table and of the CSV. */
  columns: Column<Row>[];
  /** Tables shown instead of the one data table, each of a selection of the rows (the CSV keeps every row). */
  tables?: TableSpec<Row>[];
  plots: PlotSpec<Row>[];
  /** A heatmap read from the rows, drawn after the plots (the training experiments' attention weights); undefined until its rows arrive. */
  heatmap?(rows: readonly Row[]): HeatmapData | undefined;
  /** Loads the sweep that measures this experiment (a dynamic import, so its kernels stay out of the page's bundle). */
  sweep: () => Promise<Sweep<Params, Row>>;
  /** Loads the session factory of an experiment whose runs can be paused and continued (src/experiments/training-session.ts runs it). */
  session?: () => Promise<SessionFactory<Params, Row>>;
  /** This run's time and peak memory, estimated from its parameters before it starts (see ../estimate.ts). */
  estimate(params: Params, backend: EstimateBackend): RunEstimate;
  /** Device limits and features worth asking for with these parameters. */
  gpuRequirements(params: Params): GpuRequirements;
  /** A timing experiment: the runner measures this device's dispatch costs once per run and passes them to its summary. */
  timing?: boolean;
  /**
   * Loads the experiment's summary function (a dynamic import of its folder's summary.ts, so the
   * summary's code comes with the results, not with the page before Run).
   */
  summarize: () => Promise<Summarize<Params, Row>>;
}

/**
 * The result derived from the rows (and, for a timing experiment, the device constants measured
 * before them): a headline with its verdict, at most three sentences, and the details of how it
 * was measured; shown under the plot and kept for the summary chapter.
 */
export type Summarize<Params extends ExperimentParams, Row extends ExperimentRow> = (
  rows: readonly Row[],
  params: Params,
  constants?: DeviceConstants,
) => ExperimentSummary;

/** An experiment's parameter type, read from its definition. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- only the parameters are asked for
export type ParamsOf<Definition> = Definition extends ExperimentDefinition<infer Params, any> ? Params : never;

/** Any experiment, for code that handles every one alike (the registry, the runner, the frame). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each definition's own types are checked where it is written
export type AnyExperimentDefinition = ExperimentDefinition<any, any>;

/**
 * What the frame draws before its definition has loaded: the title, the controls, and whether
 * a run can be paused and continued. Plain data, which the page passes to the island, so the
 * frame's first render needs no experiment's code and a page loads only its own experiment's.
 */
export interface ExperimentControls {
  title: string;
  params: ParamSpec[];
  presets?: Array<{ label: string; values: ExperimentParams }>;
  /** The definition has a session (the training experiments). */
  resumable: boolean;
}

export function controlsOf(definition: AnyExperimentDefinition): ExperimentControls {
  return { title: definition.title, params: definition.params, presets: definition.presets, resumable: definition.session !== undefined };
}

/**
 * Wall-clock median and fastest, GPU time beside them, and counted dispatches: the columns every
 * timed experiment shows. The median decides the result and the GPU time checks it, so those two
 * are essential: a timed table shows them (with its size column, which it marks) at 1280 px.
 */
export const timingColumns = <Row extends TimedRow>(): Column<Row>[] => [
  { key: 'medianMs', label: 'Median time (wall clock)', format: formatTime, essential: true },
  { key: 'minMs', label: 'Fastest', format: formatTime },
  { key: 'gpuMs', label: 'GPU time (timestamps)', format: formatOptionalTime, essential: true },
  { key: 'dispatches', label: 'Dispatches', format: formatInteger },
];

/** The rows one plot panel draws. */
export function plotRows<Row extends ExperimentRow>(rows: readonly Row[], plot: PlotSpec<Row>, params: ExperimentParams): Row[] {
  return plot.select ? rows.filter((row) => plot.select!(row, params)) : [...rows];
}

export function seriesValues<Row extends ExperimentRow>(rows: readonly Row[], series: string, x: keyof Row, y: keyof Row): Map<number, number> {
  return new Map(rows.filter((row) => row.series === series).map((row) => [Number(row[x]), Number(row[y])]));
}
