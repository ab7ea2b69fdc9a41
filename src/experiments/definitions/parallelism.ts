/** Experiment 1 (chapter 2): an RNN's T dependent steps against attention over all T positions at once. */
import { crossing } from '../results';
import { formatInteger, seriesValues, timingColumns, TIMESTAMPS_ONLY, type ExperimentDefinition, type ExperimentRow, type TimedRow } from './definition';
import { attentionPoint, estimateSweep, rnnPoint } from '../estimate';
import { powersOfTwo } from '../sweeps/sweep-steps';
import { ATTENTION_SERIES, RNN_PERSISTENT_SERIES, RNN_SERIES, RNN_SUBMIT_SERIES } from './names';

export interface ParallelismRow extends TimedRow {
  T: number;
  flops: number;
  gflops: number;
}

const times = (rows: readonly ExperimentRow[], series: string) => seriesValues(rows, series, 'T', 'medianMs');

/** "time(T=512) / time(T=1)", or the largest T the sweep reached when it stopped short of 512. */
function growthSentence(rows: readonly ExperimentRow[], series: string): string | undefined {
  const byT = times(rows, series);
  const first = byT.get(1);
  if (first === undefined || byT.size < 2) return undefined;
  const target = byT.has(512) ? 512 : Math.max(...byT.keys());
  const ratio = byT.get(target)! / first;
  return `${series}: T = ${formatInteger(target)} took ${ratio.toPrecision(3)}× as long as T = 1.`;
}

export type ParallelismParams = { maxT: number; width: number; variants: boolean };

export const parallelism: ExperimentDefinition<ParallelismParams, ParallelismRow> = {
  name: 'parallelism',
  chapter: 'sequential-computation',
  kernels: ['rnn/step.wgsl', 'rnn/persistent.wgsl', 'matmul/tiled.wgsl', 'attention/softmax.wgsl'],
  title: 'Sequential against parallel',
  caption: 'Sequential against parallel: time of an RNN forward pass and of self-attention over T positions, measured on this device',
  params: [
    { key: 'maxT', label: 'Longest sequence T', kind: 'power-of-two', min: 2, max: 4096, defaultValue: 512, cpuDefault: 128, hint: 'powers of two from 1' },
    { key: 'width', label: 'Hidden size d', kind: 'integer', min: 4, max: 256, defaultValue: 64, cpuDefault: 32 },
    { key: 'variants', label: 'Also time the other RNN variants', kind: 'boolean', defaultValue: false },
  ],
  sweep: () => import('../sweeps/parallelism').then((module) => module.sweepParallelism),
  estimate({ maxT, width, variants }, backend) {
    const points = powersOfTwo(1, maxT).flatMap((t) => {
      const rnn = { steps: t, hidden: width, input: width };
      const otherVariants = variants && backend.kind === 'webgpu' ? [rnnPoint(rnn, 'submit-per-step'), rnnPoint(rnn, 'persistent')] : [];
      return [rnnPoint(rnn), ...otherVariants, attentionPoint({ sequenceLength: t, keyDim: width, valueDim: width }, 'materialised', backend)];
    });
    return estimateSweep(points, backend);
  },
  gpuRequirements: () => TIMESTAMPS_ONLY,
  columns: [
    { key: 'series', label: 'Method' },
    { key: 'T', label: 'T', format: formatInteger },
    ...timingColumns<ParallelismRow>(),
    { key: 'flops', label: 'FLOPs', format: formatInteger },
    { key: 'gflops', label: 'GFLOP/s', format: (value) => Number(value).toPrecision(3) },
    { key: 'timing', label: 'Timed by' },
  ],
  plots: [{ x: 'T', y: 'medianMs', xLabel: 'sequence length T', yLabel: 'time (ms)', logX: true, logY: true }],
  summarize(rows) {
    const sentences = [RNN_SERIES, ATTENTION_SERIES, RNN_SUBMIT_SERIES, RNN_PERSISTENT_SERIES]
      .map((series) => growthSentence(rows, series))
      .filter((s): s is string => !!s);
    const cross = crossing(times(rows, ATTENTION_SERIES), times(rows, RNN_SERIES));
    if (cross) {
      sentences.push(
        cross.before === 'a'
          ? `Attention was faster up to T = ${formatInteger(cross.lastBefore)}; from T = ${formatInteger(cross.x)} the RNN was faster on this device.`
          : `The RNN was faster up to T = ${formatInteger(cross.lastBefore)}; from T = ${formatInteger(cross.x)} attention was faster on this device.`,
      );
    } else if (rows.length > 0) {
      const attention = times(rows, ATTENTION_SERIES);
      const rnn = times(rows, RNN_SERIES);
      const shared = [...attention.keys()].filter((t) => rnn.has(t));
      if (shared.length > 0) {
        const attentionWins = shared.every((t) => attention.get(t)! < rnn.get(t)!);
        sentences.push(`The two did not cross: ${attentionWins ? 'attention' : 'the RNN'} was faster at every T measured.`);
      }
    }
    const best = (series: string) => Math.max(0, ...rows.filter((row) => row.series === series).map((row) => row.gflops));
    if (rows.length > 0) {
      sentences.push(
        `Best arithmetic rate: ${best(ATTENTION_SERIES).toPrecision(3)} GFLOP/s for attention against ${best(RNN_SERIES).toPrecision(3)} GFLOP/s for the RNN.`,
      );
    }
    return sentences;
  },
};

/** The module's default export is its definition, so the runner can load one experiment by its name. */
export default parallelism;
