/** Experiment 4 (chapter 5): attention's time and memory against T, materialised and tiled, with an RNN for scale. */
import { largestMaterialisedSequence, largestSequenceForScores, scoreMatrixBytes } from '../../../kernels/attention/cost';
import { attentionPoint, estimateSweep, rnnPoint } from '../shared/estimate';
import { CPU_LARGEST_ARRAY_BYTES, powersOfTwo } from '../shared/sweep-steps';
import { logLogSlope, upperHalf } from '../shared/results';
import { constantsSentence, describeLeaders, explainAt, fitRuns, fitSentence, measuredLeaders } from '../shared/explain-timing';
import { formatBytes, formatBytesCell, formatInteger } from '../../utils/format';
import { seriesValues, timingColumns, type ExperimentDefinition, type TimedRow } from '../shared/definition';
import { ATTENTION_SERIES, FLASH_SERIES, RNN_SERIES } from '../shared/series';

export interface QuadraticRow extends TimedRow {
  T: number;
  flops: number;
  /** Bytes of the T×T score matrix this run allocated (materialised only; exact). */
  scoreMatrixBytes: number;
  /** Bytes of every buffer the run allocated: inputs, outputs and intermediates. */
  allocatedBytes: number;
  /** Largest |flash − materialised| over the output, where both ran. */
  maxDifference?: number;
}

export type QuadraticParams = { maxT: number; width: number };

export const quadraticCost: ExperimentDefinition<QuadraticParams, QuadraticRow> = {
  name: 'quadratic-cost',
  chapter: 'quadratic-cost',
  kernels: ['matmul/tiled.wgsl', 'attention/softmax.wgsl', 'flash/flash.wgsl', 'rnn/step.wgsl'],
  title: 'The quadratic cost',
  caption: 'The quadratic cost: time and memory of attention over T positions, materialised and tiled, with an RNN for scale, measured on this device',
  params: [
    {
      key: 'maxT',
      label: 'Longest sequence T',
      kind: 'power-of-two',
      min: 32,
      max: 65536,
      defaultValue: 2048,
      cpuDefault: 512,
      cpuMax: 4096,
      hint: 'powers of two from 16',
    },
    { key: 'width', label: 'Head width d', kind: 'integer', min: 4, max: 128, defaultValue: 64, cpuDefault: 32 },
  ],
  sweep: () => import('./sweep').then((module) => module.sweepQuadraticCost),
  timing: true,
  estimate({ maxT, width }, backend) {
    // The sweep materialises the scores only while they fit in one array (CPU) or buffer (WebGPU).
    const limit = backend.kind === 'cpu' ? largestSequenceForScores(CPU_LARGEST_ARRAY_BYTES) : largestMaterialisedSequence(backend.device);
    const points = powersOfTwo(16, maxT).flatMap((t) => {
      const shape = { sequenceLength: t, keyDim: width, valueDim: width };
      const materialised = t <= limit ? [attentionPoint(shape, 'materialised', backend)] : [];
      return [...materialised, attentionPoint(shape, 'flash', backend), rnnPoint({ steps: t, hidden: width, input: width })];
    });
    return estimateSweep(points, backend);
  },
  gpuRequirements({ maxT }) {
    // Enough for the largest score matrix the reader asked for, if the adapter has it.
    const bytes = scoreMatrixBytes(maxT);
    return { optionalFeatures: ['timestamp-query'], preferredLimits: { maxBufferSize: bytes, maxStorageBufferBindingSize: bytes } };
  },
  columns: [
    { key: 'series', label: 'Method' },
    { key: 'T', label: 'T', format: formatInteger },
    ...timingColumns<QuadraticRow>(),
    { key: 'scoreMatrixBytes', label: 'Score matrix bytes', format: formatBytesCell },
    { key: 'allocatedBytes', label: 'All bytes allocated', format: formatBytesCell },
    {
      key: 'maxDifference',
      label: 'Max |tiled − materialised|',
      format: (value) => (value === undefined || value === null ? '—' : Number(value).toExponential(2)),
    },
    { key: 'flops', label: 'FLOPs', format: formatInteger },
    { key: 'timing', label: 'Timed by' },
  ],
  plots: [
    { x: 'T', y: 'medianMs', xLabel: 'sequence length T', yLabel: 'time (ms)', logX: true, logY: true },
    { x: 'T', y: 'allocatedBytes', xLabel: 'sequence length T', yLabel: 'bytes allocated', logX: true, logY: true },
  ],
  summarize(rows, _params, constants) {
    if (rows.length === 0) return [];
    const sentences: string[] = [];
    for (const series of [ATTENTION_SERIES, FLASH_SERIES, RNN_SERIES]) {
      const points = rows.filter((row) => row.series === series).map((row) => ({ x: Number(row.T), y: Number(row.medianMs) }));
      const slope = logLogSlope(upperHalf(points));
      if (slope !== undefined) sentences.push(`${series}: time grows as T^${slope.toFixed(2)} over the upper half of the sweep.`);
    }
    sentences.push(...memorySentences(rows));
    const differences = rows.map((row) => row.maxDifference).filter((value): value is number => typeof value === 'number');
    if (differences.length > 0) sentences.push(`Tiled and materialised outputs differ by at most ${Math.max(...differences).toExponential(2)}.`);

    // Materialised against tiled, where both ran: the same counted FLOPs, different dispatches and memory.
    const materialised = new Map(rows.filter((row) => row.series === ATTENTION_SERIES).map((row) => [row.T, row]));
    const tiled = new Map(rows.filter((row) => row.series === FLASH_SERIES).map((row) => [row.T, row]));
    const shared = [...materialised.keys()].filter((t) => tiled.has(t)).sort((a, b) => a - b);
    const names = { a: 'materialised attention', b: 'tiled attention' };
    const leaders = describeLeaders(
      measuredLeaders(
        shared,
        (t) => materialised.get(t)!.medianMs,
        (t) => tiled.get(t)!.medianMs,
      ),
      names,
      'T',
    );
    if (leaders) sentences.push(leaders);
    const constantsLine = constantsSentence(constants);
    if (constantsLine) sentences.push(constantsLine);
    const model = fitRuns(rows);
    sentences.push(fitSentence(model, constants));
    const largest = shared.at(-1);
    if (model && largest !== undefined) {
      sentences.push(explainAt(model, 'T', largest, { ...materialised.get(largest)!, name: names.a }, { ...tiled.get(largest)!, name: names.b }));
    }
    return sentences;
  },
};

/** The memory wall, from the rows: how far the materialised scores went, their size there, and how each method's memory grows. */
function memorySentences(rows: readonly QuadraticRow[]): string[] {
  const sentences: string[] = [];
  const scores = seriesValues(rows, ATTENTION_SERIES, 'T', 'scoreMatrixBytes');
  const tiledMemory = seriesValues(rows, FLASH_SERIES, 'T', 'allocatedBytes');
  const lastMaterialised = Math.max(...scores.keys());
  const lastTiled = Math.max(...tiledMemory.keys());
  if (scores.size > 0) {
    sentences.push(
      `Materialised attention ran up to T = ${formatInteger(lastMaterialised)}, where its T×T scores alone took ${formatBytes(scores.get(lastMaterialised)!)}.`,
    );
  }
  if (tiledMemory.size > 0 && lastTiled > (scores.size > 0 ? lastMaterialised : 0)) {
    sentences.push(
      `Tiled attention went on to T = ${formatInteger(lastTiled)}, holding ${formatBytes(tiledMemory.get(lastTiled)!)} in all: it never stores the scores.`,
    );
  }
  for (const [series, name] of [
    [ATTENTION_SERIES, 'Materialised attention'],
    [FLASH_SERIES, 'Tiled attention'],
  ] as const) {
    const points = rows.filter((row) => row.series === series).map((row) => ({ x: row.T, y: row.allocatedBytes }));
    const slope = logLogSlope(upperHalf(points));
    if (slope !== undefined) sentences.push(`${name}'s memory grows as T^${slope.toFixed(2)} over the upper half of the sweep.`);
  }
  return sentences;
}

/** The module's default export is its definition, so the runner can load one experiment by its name. */
export default quadraticCost;
