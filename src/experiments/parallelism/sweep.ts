/** Sweep for experiment 1: RNN forward passes and a self-attention layer at T = 1, 2, 4, …, batch size 1. */
import { rnnForwardFlops } from '../../../kernels/rnn/cost';
import { attentionLayerFlops } from '../../../kernels/attention/cost';
import type { RnnVariant } from '../../../kernels/rnn/host';
import { ATTENTION_LAYER_SERIES, RNN_VARIANT_SERIES } from '../shared/series';
import type { Sweep } from '../shared/definition';
import type { ParallelismParams, ParallelismRow } from './definition';
import { checkpoint, powersOfTwo, timed } from '../shared/sweep-steps';
import { timeAttentionLayer, timeRnn } from '../shared/timed-runs';
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
  for (const t of lengths) {
    const rnnShape = { steps: t, hidden: width, input: width };
    for (const [variant, series] of variants) {
      checkpoint(signal);
      context.progress(done, total, `${series}, T = ${t}`);
      const measured = await timeRnn(backend, rnnShape, variant, signal);
      const flops = rnnForwardFlops(rnnShape);
      context.emit({ series, T: t, ...timed(measured, flops), bytes: rnnForwardTraffic(rnnShape), gflops: flops / (measured.timing.wall.medianMs * 1e6) });
      done++;
    }
    checkpoint(signal);
    context.progress(done, total, `${ATTENTION_LAYER_SERIES}, T = ${t}`);
    const shape = { sequenceLength: t, width };
    const measured = await timeAttentionLayer(backend, shape, signal);
    const flops = attentionLayerFlops(shape);
    context.emit({
      series: ATTENTION_LAYER_SERIES,
      T: t,
      ...timed(measured, flops),
      bytes: attentionLayerTraffic(shape),
      gflops: flops / (measured.timing.wall.medianMs * 1e6),
    });
    done++;
  }
  context.progress(total, total, 'done');
};
