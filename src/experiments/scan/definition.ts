/** The scan panel (chapter 6): a linear recurrence by sequential loop and by a chunked parallel scan. */
import { formatInteger, formatScientific } from '../../utils/format';
import { timingColumns, TIMESTAMPS_ONLY, type ExperimentDefinition, type TimedRow } from '../shared/definition';
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
        // The largest single buffer is one T × channels array of float32 (a, b or h).
        { flops: 2 * values, elements: values, dispatches: 1, bytes: 12 * values, largestBuffer: 4 * values, timed: true },
        { flops: 4 * values, elements: 2 * values, dispatches: 2 * levels, bytes: 16 * values, largestBuffer: 4 * values, timed: true },
      );
    }
    return estimateSweep(points, backend);
  },
  gpuRequirements: () => TIMESTAMPS_ONLY,
  timing: true,
  columns: [
    { key: 'series', label: 'Method' },
    { key: 'T', label: 'T', format: formatInteger, essential: true },
    ...timingColumns<ScanRow>(),
    { key: 'flops', label: 'FLOPs (counted)', format: formatInteger },
    { key: 'memoryOps', label: 'Loads and stores (counted)', format: formatInteger },
    { key: 'dependentSteps', label: 'Dependent steps (counted)', format: formatInteger },
    { key: 'chunk', label: 'Chunk L', format: (value) => (value === undefined || value === '' ? '—' : formatInteger(value)) },
    { key: 'maxDifference', label: 'Max |scan − loop|', format: formatScientific },
  ],
  plots: [{ x: 'T', y: 'medianMs', xLabel: 'sequence length T', yLabel: 'time (ms)', logX: true, logY: true }],
  summarize: () => import('./summary').then((module) => module.summarizeScan),
};

/** The module's default export is its definition, so the runner can load one experiment by its name. */
export default scan;
