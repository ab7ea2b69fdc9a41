/** The scan panel (chapter 6): a linear recurrence by sequential loop and by a chunked parallel scan. */
import { formatInteger, formatMs, formatRate, formatScientific } from '../../utils/format';
import { constantsSentence, describeLeaders, fitRuns, fitSentence, measuredLeaders, type DeviceConstants } from '../shared/explain-timing';
import { timingColumns, TIMESTAMPS_ONLY, type ExperimentDefinition, type TimedRow } from '../shared/definition';
import { SCAN_CHUNKED_SERIES, SCAN_LOOP_SERIES } from '../shared/series';
import { estimateSweep, type SweepPoint } from '../shared/estimate';

export interface ScanRow extends TimedRow {
  T: number;
  /** Counted: floating-point operations of the whole run. */
  flops: number;
  /** Counted: 4-byte loads and stores of the whole run. */
  memoryOps: number;
  /** Counted: the longest chain of steps that must run one after another. */
  dependentSteps: number;
  /** The scan's chunk length L at its first level (scan rows only; the loop has none). */
  chunk?: number;
  /** Largest |scan − loop| over every output (scan rows only). */
  maxDifference?: number;
}

export type ScanParams = { maxT: number; channels: number };

const ratio = (value: number) => `${value.toPrecision(3)}×`;
const NAMES = { a: 'the chunked scan', b: 'the loop' };

function byLength(rows: readonly ScanRow[], series: string): Map<number, ScanRow> {
  return new Map(rows.filter((row) => row.series === series).map((row) => [row.T, row]));
}

/** The scan's counted work beside the loop's, at one length: how much more arithmetic and traffic, how much shorter a chain. */
function countedSentence(t: number, scan: ScanRow, loop: ScanRow): string {
  const chunk = scan.chunk ? ` It folded chunks of L = ${formatInteger(scan.chunk)} steps, then replayed each from its carry.` : '';
  return (
    `Counted at T = ${formatInteger(t)}: the chunked scan does ${formatInteger(scan.flops)} FLOPs and ${formatInteger(scan.memoryOps)} loads and stores, ` +
    `the loop ${formatInteger(loop.flops)} and ${formatInteger(loop.memoryOps)}: ${ratio(scan.flops / loop.flops)} the arithmetic and ${ratio(scan.memoryOps / loop.memoryOps)} the memory traffic, ` +
    `in a longest chain of ${formatInteger(scan.dependentSteps)} dependent steps against the loop's ${formatInteger(loop.dependentSteps)}.${chunk}`
  );
}

/**
 * Why the faster method was faster at one length, from measured numbers only: the measured
 * cost of a dispatch taken off each time (none on the CPU path), and the effective rate
 * (counted FLOPs ÷ the time left) each method reached, against how much more arithmetic the scan does.
 */
function rateSentence(t: number, scan: ScanRow, loop: ScanRow, constants?: DeviceConstants): string {
  const overhead = constants?.kind === 'webgpu' ? constants.perDispatchMs : 0;
  const dispatchMs = (row: ScanRow) => row.dispatches * overhead;
  const rest = (row: ScanRow) => row.medianMs - dispatchMs(row);
  const at = `T = ${formatInteger(t)}`;
  const swamped = [rest(scan) <= 0 ? NAMES.a : '', rest(loop) <= 0 ? NAMES.b : ''].filter(Boolean);
  if (swamped.length > 0) {
    return `At ${at} the measured cost of its dispatches is as long as ${swamped.join(' and ')}'s whole time, so no arithmetic rate can be read from the clock there.`;
  }
  const [scanRate, loopRate] = [scan.flops / rest(scan), loop.flops / rest(loop)];
  const intro =
    overhead > 0
      ? `Taking the measured ${formatMs(overhead)} per dispatch off each time at ${at} (${formatMs(dispatchMs(scan))} of the scan's ${formatMs(scan.medianMs)}, ${formatMs(dispatchMs(loop))} of the loop's ${formatMs(loop.medianMs)}),`
      : `At ${at}, with no dispatches to take off,`;
  let outcome: string;
  if (rest(scan) < rest(loop)) {
    outcome =
      scan.medianMs >= loop.medianMs
        ? `so its arithmetic alone took less time than the loop's, and its ${formatInteger(scan.dispatches - loop.dispatches)} more dispatches are what it lost by`
        : 'so its higher rate more than paid for its extra arithmetic';
  } else {
    outcome = 'so its rate did not make up for its extra arithmetic and traffic';
  }
  return (
    `${intro} the chunked scan computed at an effective ${formatRate(scanRate)} (counted FLOPs ÷ the time left) and the loop at ${formatRate(loopRate)}: ` +
    `${ratio(scanRate / loopRate)} the loop's rate for ${ratio(scan.flops / loop.flops)} its arithmetic, ${outcome}.`
  );
}

/** How closely the two outputs agree, and why they differ at all where they do. */
function agreementSentence(differences: readonly number[]): string | undefined {
  if (differences.length === 0) return undefined;
  const largest = Math.max(...differences);
  if (largest === 0) return 'Scan and loop gave bit-for-bit the same outputs at every T measured.';
  return `Scan and loop agree to within ${largest.toExponential(2)}. They differ at all because the scan forms products of a over whole chunks, and sums, that the loop never computes, so the two round differently.`;
}

export const scan: ExperimentDefinition<ScanParams, ScanRow> = {
  name: 'scan',
  title: 'Linear recurrences in parallel',
  chapter: 'when-rnns-win',
  kernels: ['scan/sequential.wgsl', 'scan/chunked.wgsl'],
  caption: 'Linear recurrences in parallel: h_t = a_t·h_(t−1) + b_t by a sequential loop and by a chunked scan, timed on this device, with counted work',
  params: [
    { key: 'maxT', label: 'Longest sequence T', kind: 'power-of-two', min: 1024, max: 4194304, defaultValue: 262144, cpuDefault: 65536, cpuMax: 1048576 },
    { key: 'channels', label: 'Channels (width of h)', kind: 'integer', min: 1, max: 256, defaultValue: 4, cpuMax: 16 },
  ],
  sweep: () => import('./sweep').then((module) => module.sweepScan),
  estimate({ maxT, channels }, backend) {
    const points: SweepPoint[] = [];
    for (let length = 1024; length <= maxT; length *= 4) {
      const values = length * channels;
      // Both hold a and b; the scan runs while the loop's output is kept for the comparison.
      const levels = Math.ceil(Math.log(length) / Math.log(128));
      points.push(
        { flops: 2 * values, elements: values, dispatches: 1, bytes: 12 * values, timed: true },
        { flops: 4 * values, elements: 2 * values, dispatches: 2 * levels, bytes: 16 * values, timed: true },
      );
    }
    return estimateSweep(points, backend);
  },
  gpuRequirements: () => TIMESTAMPS_ONLY,
  timing: true,
  columns: [
    { key: 'series', label: 'Method' },
    { key: 'T', label: 'T', format: formatInteger },
    ...timingColumns<ScanRow>(),
    { key: 'flops', label: 'FLOPs (counted)', format: formatInteger },
    { key: 'memoryOps', label: 'Loads and stores (counted)', format: formatInteger },
    { key: 'dependentSteps', label: 'Dependent steps (counted)', format: formatInteger },
    { key: 'chunk', label: 'Chunk L', format: (value) => (value === undefined || value === '' ? '—' : formatInteger(value)) },
    { key: 'maxDifference', label: 'Max |scan − loop|', format: formatScientific },
  ],
  plots: [{ x: 'T', y: 'medianMs', xLabel: 'sequence length T', yLabel: 'time (ms)', logX: true, logY: true }],
  summarize(rows, _params, constants?: DeviceConstants) {
    const loop = byLength(rows, SCAN_LOOP_SERIES);
    const chunked = byLength(rows, SCAN_CHUNKED_SERIES);
    const lengths = [...chunked.keys()].filter((t) => loop.has(t)).sort((a, b) => a - b);
    if (lengths.length === 0) return [];
    const last = lengths.at(-1)!;
    const [scanAt, loopAt] = [chunked.get(last)!, loop.get(last)!];
    const model = fitRuns(rows);
    const differences = rows.map((row) => row.maxDifference).filter((value): value is number => typeof value === 'number');
    const sentences = [
      constantsSentence(constants),
      describeLeaders(
        measuredLeaders(
          lengths,
          (t) => chunked.get(t)!.medianMs,
          (t) => loop.get(t)!.medianMs,
        ),
        NAMES,
        'T',
      ),
      countedSentence(last, scanAt, loopAt),
      fitSentence(model, constants, 'both methods at every T'),
      rateSentence(last, scanAt, loopAt, constants),
      agreementSentence(differences),
    ];
    return sentences.filter((sentence): sentence is string => !!sentence);
  },
};

/** The module's default export is its definition, so the runner can load one experiment by its name. */
export default scan;
