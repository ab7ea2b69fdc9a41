/**
 * What each experiment is, for the page: its parameters, its result columns,
 * its plot and the facts it derives from its rows. Light enough for the island;
 * the sweeps that produce the rows live in ./sweeps and run in a Worker.
 */
import type { ParamSpec } from './params';
import { crossing, formatMs, logLogSlope, upperHalf, type Column } from './results';

/** Every row has a series, a sequence length and a median time. */
export interface ExperimentRow {
  series: string;
  T: number;
  medianMs: number;
  minMs: number;
  /** How the time was taken: "timestamp-query" or "wall-clock". */
  timing: string;
}

export interface ParallelismRow extends ExperimentRow {
  flops: number;
  gflops: number;
}

export interface QuadraticRow extends ExperimentRow {
  /** Bytes of the T×T score matrix this run allocated (materialised only; exact). */
  scoreMatrixBytes: number;
  /** Bytes of every buffer the run allocated: inputs, outputs and intermediates. */
  allocatedBytes: number;
  /** Largest |flash − materialised| over the output, where both ran. */
  maxDifference?: number;
}

export interface PlotSpec<Row extends ExperimentRow = ExperimentRow> {
  /** The row field plotted against T. */
  y: keyof Row & string;
  xLabel: string;
  yLabel: string;
  logX: boolean;
  logY: boolean;
}

export interface ExperimentDefinition<Row extends ExperimentRow = ExperimentRow> {
  name: string;
  title: string;
  /** The caption of the data table. */
  caption: string;
  params: ParamSpec[];
  columns: Column<Row>[];
  plots: PlotSpec<Row>[];
  /** Sentences derived from the rows, shown under the plot and announced politely. */
  summarize(rows: readonly Row[]): string[];
}

const integer = (value: unknown) => Number(value).toLocaleString('en-US');
const ms = (value: unknown) => formatMs(Number(value));
const bytes = (value: unknown) => {
  const n = Number(value);
  if (n === 0) return '0';
  const units = ['B', 'KiB', 'MiB', 'GiB'];
  let scaled = n;
  let unit = 0;
  while (scaled >= 1024 && unit < units.length - 1) {
    scaled /= 1024;
    unit++;
  }
  return `${integer(n)} (${Number(scaled.toPrecision(3))} ${units[unit]})`;
};

const commonColumns = [
  { key: 'series', label: 'Method' },
  { key: 'T', label: 'T', format: integer },
  { key: 'medianMs', label: 'Median time', format: ms },
  { key: 'minMs', label: 'Fastest', format: ms },
] as const;

function seriesTimes(rows: readonly ExperimentRow[], series: string): Map<number, number> {
  return new Map(rows.filter((row) => row.series === series).map((row) => [row.T, row.medianMs]));
}

/** "time(T=512) / time(T=1)", or the largest T the sweep reached when it stopped short of 512. */
function growthSentence(rows: readonly ExperimentRow[], series: string): string | undefined {
  const times = seriesTimes(rows, series);
  const first = times.get(1);
  if (first === undefined || times.size < 2) return undefined;
  const target = times.has(512) ? 512 : Math.max(...times.keys());
  const ratio = times.get(target)! / first;
  return `${series}: T = ${integer(target)} took ${ratio.toPrecision(3)}× as long as T = 1.`;
}

export const RNN_SERIES = 'RNN forward pass (T dependent steps)';
export const RNN_SUBMIT_SERIES = 'RNN, one submit and wait per step';
export const RNN_PERSISTENT_SERIES = 'RNN, one persistent workgroup';
export const ATTENTION_SERIES = 'Self-attention (materialised)';
export const FLASH_SERIES = 'Self-attention (tiled, online softmax)';

export const parallelism: ExperimentDefinition<ParallelismRow> = {
  name: 'parallelism',
  title: 'Sequential against parallel',
  caption: 'Sequential against parallel: time of an RNN forward pass and of self-attention over T positions, measured on this device',
  params: [
    { key: 'maxT', label: 'Longest sequence T', kind: 'power-of-two', min: 2, max: 4096, defaultValue: 512, cpuDefault: 128, hint: 'powers of two from 1' },
    { key: 'width', label: 'Hidden size d', kind: 'integer', min: 4, max: 256, defaultValue: 64, cpuDefault: 32 },
    { key: 'variants', label: 'Also time the other RNN variants', kind: 'boolean', defaultValue: false },
  ],
  columns: [
    ...commonColumns,
    { key: 'flops', label: 'FLOPs', format: integer },
    { key: 'gflops', label: 'GFLOP/s', format: (value) => Number(value).toPrecision(3) },
    { key: 'timing', label: 'Timed by' },
  ],
  plots: [{ y: 'medianMs', xLabel: 'sequence length T', yLabel: 'time (ms)', logX: true, logY: true }],
  summarize(rows) {
    const sentences = [RNN_SERIES, ATTENTION_SERIES, RNN_SUBMIT_SERIES, RNN_PERSISTENT_SERIES].map((series) => growthSentence(rows, series)).filter((s): s is string => !!s);
    const cross = crossing(seriesTimes(rows, ATTENTION_SERIES), seriesTimes(rows, RNN_SERIES));
    if (cross) {
      sentences.push(
        cross.before === 'a'
          ? `Attention was faster up to T = ${integer(cross.lastBefore)}; from T = ${integer(cross.x)} the RNN was faster on this device.`
          : `The RNN was faster up to T = ${integer(cross.lastBefore)}; from T = ${integer(cross.x)} attention was faster on this device.`,
      );
    } else if (rows.length > 0) {
      const attention = seriesTimes(rows, ATTENTION_SERIES);
      const rnn = seriesTimes(rows, RNN_SERIES);
      const shared = [...attention.keys()].filter((t) => rnn.has(t));
      if (shared.length > 0) {
        const attentionWins = shared.every((t) => attention.get(t)! < rnn.get(t)!);
        sentences.push(`The two did not cross: ${attentionWins ? 'attention' : 'the RNN'} was faster at every T measured.`);
      }
    }
    const best = (series: string) => Math.max(0, ...rows.filter((row) => row.series === series).map((row) => row.gflops));
    if (rows.length > 0) {
      sentences.push(`Best arithmetic rate: ${best(ATTENTION_SERIES).toPrecision(3)} GFLOP/s for attention against ${best(RNN_SERIES).toPrecision(3)} GFLOP/s for the RNN.`);
    }
    return sentences;
  },
};

export const quadraticCost: ExperimentDefinition<QuadraticRow> = {
  name: 'quadratic-cost',
  title: 'The quadratic cost',
  caption: 'The quadratic cost: time and memory of attention over T positions, materialised and tiled, with an RNN for scale, measured on this device',
  params: [
    { key: 'maxT', label: 'Longest sequence T', kind: 'power-of-two', min: 32, max: 65536, defaultValue: 2048, cpuDefault: 512, hint: 'powers of two from 16' },
    { key: 'width', label: 'Head width d', kind: 'integer', min: 4, max: 128, defaultValue: 64, cpuDefault: 32 },
  ],
  columns: [
    ...commonColumns,
    { key: 'scoreMatrixBytes', label: 'Score matrix bytes', format: bytes },
    { key: 'allocatedBytes', label: 'All bytes allocated', format: bytes },
    { key: 'maxDifference', label: 'Max |tiled − materialised|', format: (value) => (value === undefined || value === null ? '—' : Number(value).toExponential(2)) },
    { key: 'timing', label: 'Timed by' },
  ],
  plots: [
    { y: 'medianMs', xLabel: 'sequence length T', yLabel: 'time (ms)', logX: true, logY: true },
    { y: 'allocatedBytes', xLabel: 'sequence length T', yLabel: 'bytes allocated', logX: true, logY: true },
  ],
  summarize(rows) {
    const sentences: string[] = [];
    for (const series of [ATTENTION_SERIES, FLASH_SERIES, RNN_SERIES]) {
      const points = rows.filter((row) => row.series === series).map((row) => ({ x: row.T, y: row.medianMs }));
      const slope = logLogSlope(upperHalf(points));
      if (slope !== undefined) sentences.push(`${series}: time grows as T^${slope.toFixed(2)} over the upper half of the sweep.`);
    }
    const differences = rows.map((row) => row.maxDifference).filter((value): value is number => value !== undefined);
    if (differences.length > 0) sentences.push(`Tiled and materialised outputs differ by at most ${Math.max(...differences).toExponential(2)}.`);
    return sentences;
  },
};

export const experiments = { parallelism, 'quadratic-cost': quadraticCost } as const;

export type ExperimentName = keyof typeof experiments;

export function isExperimentName(name: string): name is ExperimentName {
  return Object.hasOwn(experiments, name);
}
