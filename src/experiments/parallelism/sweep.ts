/** Sweep for experiment 1: RNN forward passes and a self-attention layer at T = 1, 2, 4, …, batch size 1. */
import { rnnForwardFlops } from '../../../kernels/rnn/cost';
import { attentionLayerFlops } from '../../../kernels/attention/cost';
import type { RnnVariant } from '../../../kernels/rnn/host';
import { timeInterleaved } from '../../../kernels/runtime';
import { ATTENTION_LAYER_SERIES, RNN_VARIANT_SERIES } from '../shared/series';
import type { Sweep } from '../shared/definition';
import type { ParallelismParams, ParallelismRow } from './definition';
import { checkpoint, powersOfTwo, sweepTiming, timed } from '../shared/sweep-steps';
import { timeAttentionLayer, timeRnn } from '../shared/timed-runs';
import { measureSizes } from '../shared/measure-sizes';
import { rnnForwardTraffic, trafficBytes } from '../shared/traffic';
import { materialisedTraffic } from '../../../kernels/flash/cost';
import { tiledMatmulTrafficBytes } from '../../../kernels/matmul/cost';

/** The layer's counted traffic: four T×d by d×d projections by the tiled matmul (32×32 tiles) and materialised attention. */
function attentionLayerTraffic({ sequenceLength: t, width }: { sequenceLength: number; width: number }): number {
  return (
    4 * tiledMatmulTrafficBytes({ m: t, n: width, k: width }, 32) + trafficBytes(materialisedTraffic({ sequenceLength: t, keyDim: width, valueDim: width }))
  );
}

export const sweepParallelism: Sweep<ParallelismParams, ParallelismRow> = async (context) => {
  const { backend, params, signal } = context;
  // The CPU path's maxima (`cpuMax` in the definition) are applied by the runner before the sweep starts.
  const { width, maxT } = params;
  const lengths = powersOfTwo(1, maxT);
  // Every variant on WebGPU when the reader asks for them; otherwise the command buffer alone.
  const allVariants = Object.entries(RNN_VARIANT_SERIES) as Array<[RnnVariant, string]>;
  const variants = params.variants && backend.kind === 'webgpu' ? allVariants : allVariants.slice(0, 1);
  if (params.variants && backend.kind === 'cpu') context.notice('The other RNN variants are GPU strategies; the CPU path times its one loop.');
  const total = lengths.length * (variants.length + 1);
  let done = 0;
  const measureAt = async (t: number, again: boolean): Promise<ParallelismRow[]> => {
    const rows: ParallelismRow[] = [];
    const step = (label: string) => context.progress(done, total, again ? `${label}, measured again: off its neighbours' trend` : label);
    const rnnShape = { steps: t, hidden: width, input: width };
    const shape = { sequenceLength: t, width };
    const [[firstVariant, firstSeries], ...others] = variants;
    checkpoint(signal);
    step(`${firstSeries} and ${ATTENTION_LAYER_SERIES}, interleaved, T = ${t}`);
    // The RNN in one command buffer and the attention layer take turns, repetition by repetition, so drift hits both alike.
    const [rnn, attention] = await timeInterleaved<[Awaited<ReturnType<typeof timeRnn>>, Awaited<ReturnType<typeof timeAttentionLayer>>]>(sweepTiming(signal), [
      (timing) => timeRnn(backend, rnnShape, firstVariant!, signal, timing),
      (timing) => timeAttentionLayer(backend, shape, signal, timing),
    ]);
    if (!again) done += 2;
    const rnnFlops = rnnForwardFlops(rnnShape);
    const bytes = rnnForwardTraffic(rnnShape);
    rows.push({ series: firstSeries!, T: t, ...timed(rnn, rnnFlops), bytes, gflops: rnnFlops / (rnn.timing.wall.medianMs * 1e6) });
    // The other RNN variants, where asked for, one after another.
    for (const [variant, series] of others) {
      checkpoint(signal);
      step(`${series}, T = ${t}`);
      const measured = await timeRnn(backend, rnnShape, variant, signal);
      rows.push({ series, T: t, ...timed(measured, rnnFlops), bytes, gflops: rnnFlops / (measured.timing.wall.medianMs * 1e6) });
      if (!again) done++;
    }
    const flops = attentionLayerFlops(shape);
    rows.push({
      series: ATTENTION_LAYER_SERIES,
      T: t,
      ...timed(attention, flops),
      bytes: attentionLayerTraffic(shape),
      gflops: flops / (attention.timing.wall.medianMs * 1e6),
    });
    return rows;
  };
  // A size off its neighbours' trend is measured again before its rows are emitted (see measure-sizes.ts).
  await measureSizes({ sizes: lengths, key: 'T', measureAt, emit: (row) => context.emit(row) });
  context.progress(total, total, 'done');
};
