/** The scan panel (chapter 6): a linear recurrence by sequential loop and by parallel scan. */
import { formatInteger, formatScientific, seriesValues, timingColumns, TIMESTAMPS_ONLY, type ExperimentDefinition, type TimedRow } from './definition';
import { estimateSweep, type SweepPoint } from '../estimate';
import { SCAN_LOOP_SERIES, SCAN_PARALLEL_SERIES } from './names';

export interface ScanRow extends TimedRow {
  T: number;
  /** Largest |scan − loop| over every output (scan rows only). */
  maxDifference?: number;
}

export type ScanParams = { maxT: number; channels: number };

export const scan: ExperimentDefinition<ScanParams, ScanRow> = {
  name: 'scan',
  title: 'Linear recurrences in parallel',
  chapter: 'when-rnns-win',
  kernels: ['scan/sequential.wgsl', 'scan/parallel.wgsl'],
  caption: 'Linear recurrences in parallel: h_t = a_t·h_(t−1) + b_t by a sequential loop and by a parallel scan, timed on this device',
  params: [
    { key: 'maxT', label: 'Longest sequence T', kind: 'power-of-two', min: 1024, max: 4194304, defaultValue: 262144, cpuDefault: 65536, cpuMax: 1048576 },
    { key: 'channels', label: 'Channels (width of h)', kind: 'integer', min: 1, max: 256, defaultValue: 4, cpuMax: 16 },
  ],
  sweep: () => import('../sweeps/scan').then((module) => module.sweepScan),
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
  columns: [
    { key: 'series', label: 'Method' },
    { key: 'T', label: 'T', format: formatInteger },
    ...timingColumns<ScanRow>(),
    { key: 'maxDifference', label: 'Max |scan − loop|', format: formatScientific },
  ],
  plots: [{ x: 'T', y: 'medianMs', xLabel: 'sequence length T', yLabel: 'time (ms)', logX: true, logY: true }],
  summarize(rows) {
    if (rows.length === 0) return [];
    const loop = seriesValues(rows, SCAN_LOOP_SERIES, 'T', 'medianMs');
    const parallel = seriesValues(rows, SCAN_PARALLEL_SERIES, 'T', 'medianMs');
    const lengths = [...parallel.keys()].sort((a, b) => a - b);
    const wins = lengths.find((t) => parallel.get(t)! < loop.get(t)!);
    const last = lengths.at(-1)!;
    const differences = rows.map((row) => row.maxDifference).filter((value): value is number => typeof value === 'number');
    return [
      wins === undefined
        ? `The scan did not beat the loop here, up to T = ${formatInteger(last)} (loop ${(parallel.get(last)! / loop.get(last)!).toPrecision(3)}× faster). It does about twice the arithmetic and needs many parallel lanes to win; a software adapter on a few CPU cores has too few.`
        : `The scan beat the loop from T = ${formatInteger(wins)}; at T = ${formatInteger(last)} it was ${(loop.get(last)! / parallel.get(last)!).toPrecision(3)}× faster.`,
      `Scan and loop agree to within ${Math.max(...differences).toExponential(2)}: the scan only changes the order of the same additions and multiplications.`,
    ];
  },
};

/** The module's default export is its definition, so the runner can load one experiment by its name. */
export default scan;
