/** Sweep for experiment 1: RNN forward passes and self-attention at T = 1, 2, 4, … */
import { rnnForwardFlops } from '../../../kernels/rnn/cost';
import { attentionFlops } from '../../../kernels/attention/cost';
import type { RnnVariant } from '../../../kernels/rnn/host';
import { ATTENTION_SERIES, RNN_PERSISTENT_SERIES, RNN_SERIES, RNN_SUBMIT_SERIES } from '../definitions/names';
import type { Sweep, ParallelismParams, ParallelismRow } from '../definitions';
import { checkpoint, powersOfTwo, timed } from './sweep-steps';
import { timeAttention, timeRnn } from './timed-runs';

export const sweepParallelism: Sweep<ParallelismParams, ParallelismRow> = async (context) => {
  const { backend, params, signal } = context;
  const width = params.width;
  const lengths = powersOfTwo(1, params.maxT);
  const variants: Array<[RnnVariant, string]> = [['command-buffer', RNN_SERIES]];
  if (params.variants && backend.kind === 'webgpu') variants.push(['submit-per-step', RNN_SUBMIT_SERIES], ['persistent', RNN_PERSISTENT_SERIES]);
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
      context.emit({ series, T: t, ...timed(measured, flops), flops, gflops: flops / (measured.timing.wall.medianMs * 1e6) });
      done++;
    }
    checkpoint(signal);
    context.progress(done, total, `${ATTENTION_SERIES}, T = ${t}`);
    const shape = { sequenceLength: t, keyDim: width, valueDim: width };
    const measured = await timeAttention(backend, shape, 'materialised', signal);
    const flops = attentionFlops(shape);
    context.emit({ series: ATTENTION_SERIES, T: t, ...timed(measured, flops), flops, gflops: flops / (measured.timing.wall.medianMs * 1e6) });
    done++;
  }
  context.progress(total, total, 'done');
};
