/** Sweep for experiment 4: materialised and tiled attention, and an RNN, at T = 16, 32, … */
import { ATTENTION_SERIES, FLASH_SERIES, RNN_SERIES } from '../shared/series';
import type { Sweep } from '../shared/definition';
import type { QuadraticParams, QuadraticRow } from './definition';
import { compareArrays, timeInterleaved } from '../../../kernels/runtime';
import { attentionFlops, scoreMatrixBytes } from '../../../kernels/attention/cost';
import { rnnForwardFlops } from '../../../kernels/rnn/cost';
import { flashTraffic, materialisedTraffic } from '../../../kernels/flash/cost';
import { flashPlanFor } from '../../../kernels/flash/host';
import { planFlashAttention } from '../../../kernels/flash/reference';
import { rnnForwardTraffic, trafficBytes } from '../shared/traffic';

/** The CPU path's row-by-row reference has no workgroups: counted as one query block over all keys in one split. */
const CPU_FLASH_PLAN = (shape: { sequenceLength: number; keyDim: number; valueDim: number }) =>
  planFlashAttention(shape, { lanes: 1, workgroupStorageBytes: 16 * (Math.ceil(shape.keyDim / 4) + Math.ceil(shape.valueDim / 4)) * 64, keySplits: 1 });
import { formatBytes } from '../../utils/format';
import { checkpoint, powersOfTwo, sweepTiming, timed } from '../shared/sweep-steps';
import { materialisedLimit, timeAttention, timeRnn, type AttentionMeasurement } from '../shared/timed-runs';
import { measureSizes } from '../shared/measure-sizes';

export const sweepQuadraticCost: Sweep<QuadraticParams, QuadraticRow> = async (context) => {
  const { backend, params, signal } = context;
  const width = params.width;
  const lengths = powersOfTwo(16, params.maxT);
  const limit = materialisedLimit(backend);
  if (lengths.some((t) => t > limit)) {
    const bytes = scoreMatrixBytes(limit);
    context.notice(
      backend.kind === 'cpu'
        ? `Materialised attention stops at T = ${limit.toLocaleString('en-US')}: a longer sequence's T×T scores would exceed the ${formatBytes(bytes)} a browser gives one array. Tiled attention carries on.`
        : `Materialised attention stops at T = ${limit.toLocaleString('en-US')}: a longer sequence's T×T scores need more than the ${formatBytes(Math.min(backend.runtime.limits.maxBufferSize, backend.runtime.limits.maxStorageBufferBindingSize))} this device allows in one buffer. Tiled attention, which never stores them, carries on.`,
    );
  }
  const total = lengths.length * 3;
  let done = 0;
  const measureAt = async (t: number, again: boolean): Promise<QuadraticRow[]> => {
    const rows: QuadraticRow[] = [];
    const step = (label: string) => context.progress(done, total, again ? `${label}, measured again: off its neighbours' trend` : label);
    const shape = { sequenceLength: t, keyDim: width, valueDim: width };
    checkpoint(signal);
    step(`${t <= limit ? 'materialised and tiled attention, interleaved' : FLASH_SERIES}, T = ${t}`);
    // Where both run, materialised and tiled attention take turns, repetition by repetition, so drift hits both alike.
    const [materialised, flash] =
      t <= limit
        ? await timeInterleaved<[AttentionMeasurement, AttentionMeasurement]>(sweepTiming(signal), [
            (timing) => timeAttention(backend, shape, 'materialised', signal, timing),
            (timing) => timeAttention(backend, shape, 'flash', signal, timing),
          ])
        : [undefined, await timeAttention(backend, shape, 'flash', signal)];
    const materialisedOutput = materialised?.output;
    if (materialised) {
      rows.push({
        series: ATTENTION_SERIES,
        T: t,
        ...timed(materialised, attentionFlops(shape)),
        bytes: trafficBytes(materialisedTraffic(shape)),
        scoreMatrixBytes: materialised.scoreMatrixBytes,
        allocatedBytes: materialised.allocatedBytes,
      });
    }
    if (!again) done += 2;
    const maxDifference = materialisedOutput ? compareArrays(materialisedOutput, flash.output, { abs: 0, rel: 0 }).maxAbsError : undefined;
    rows.push({
      series: FLASH_SERIES,
      T: t,
      ...timed(flash, attentionFlops(shape)),
      bytes: trafficBytes(flashTraffic(shape, backend.kind === 'webgpu' ? flashPlanFor(backend.runtime, shape) : CPU_FLASH_PLAN(shape))),
      scoreMatrixBytes: 0,
      allocatedBytes: flash.allocatedBytes,
      maxDifference,
    });
    if (!again) done++;
    checkpoint(signal);
    step(`${RNN_SERIES}, T = ${t}`);
    const rnnShape = { steps: t, hidden: width, input: width };
    const rnn = await timeRnn(backend, rnnShape, 'command-buffer', signal);
    rows.push({
      series: RNN_SERIES,
      T: t,
      ...timed(rnn, rnnForwardFlops(rnnShape)),
      bytes: rnnForwardTraffic(rnnShape),
      scoreMatrixBytes: 0,
      allocatedBytes: rnn.allocatedBytes,
      // The state it carries from step to step, apart from its inputs and its T + 1 stored states.
      stateBytes: 4 * width,
    });
    if (!again) done++;
    return rows;
  };
  // A size off its neighbours' trend is measured again before its rows are emitted (see measure-sizes.ts).
  await measureSizes({ sizes: lengths, key: 'T', measureAt, emit: (row) => context.emit(row) });
  context.progress(total, total, 'done');
};
