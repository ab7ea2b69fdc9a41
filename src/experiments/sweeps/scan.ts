/** Sweep for the scan panel: a linear recurrence by sequential loop and by parallel scan, over long T. */
import { prepareScan, uploadScan, type ScanVariant } from '../../../kernels/scan/host';
import { blockedScanReference, linearRecurrenceReference, type ScanShape } from '../../../kernels/scan/reference';
import { compareArrays, deriveSeed, timeKernel, uniformArray, type Backend } from '../../../kernels/runtime';
import { SCAN_LOOP_SERIES, SCAN_PARALLEL_SERIES } from '../definitions/names';
import type { Sweep, ScanParams, ScanRow } from '../definitions';
import { SEED, checkpoint, sweepTiming, timed } from './sweep-steps';
import type { CountedTiming } from './timed-runs';

async function timeScan(
  backend: Backend,
  variant: ScanVariant,
  shape: ScanShape,
  a: Float32Array,
  b: Float32Array,
  signal: AbortSignal,
): Promise<CountedTiming & { output: Float32Array }> {
  const reference = () => (variant === 'sequential' ? linearRecurrenceReference(a, b, shape) : blockedScanReference(a, b, shape));
  let h: GPUBuffer | undefined;
  const { measured, ...counted } = await timeKernel(
    backend,
    {
      label: `scan/${variant}`,
      reference,
      prepare(runtime, scope) {
        const buffers = uploadScan(scope, a, b, shape);
        h = buffers.h;
        return prepareScan(runtime, scope, variant, shape, buffers);
      },
      measure: (scope) => scope.read(h!),
    },
    sweepTiming(signal),
  );
  return { ...counted, output: measured ?? reference() };
}

export const sweepScan: Sweep<ScanParams, ScanRow> = async (context) => {
  const { backend, params, signal } = context;
  const channels = params.channels;
  const lengths: number[] = [];
  for (let t = 1024; t <= params.maxT; t *= 4) lengths.push(t);
  const total = lengths.length * 2;
  let done = 0;
  for (const length of lengths) {
    const shape = { length, channels };
    const a = uniformArray(deriveSeed(SEED, 31), length * channels, 0.5, 0.99);
    const b = uniformArray(deriveSeed(SEED, 32), length * channels, -1, 1);
    checkpoint(signal);
    context.progress(done++, total, `${SCAN_LOOP_SERIES}, T = ${length}`);
    const loop = await timeScan(backend, 'sequential', shape, a, b, signal);
    context.emit({ series: SCAN_LOOP_SERIES, T: length, ...timed(loop) });
    checkpoint(signal);
    context.progress(done++, total, `${SCAN_PARALLEL_SERIES}, T = ${length}`);
    const scan = await timeScan(backend, 'parallel', shape, a, b, signal);
    const maxDifference = compareArrays(loop.output, scan.output, { abs: 0, rel: 0 }).maxAbsError;
    context.emit({ series: SCAN_PARALLEL_SERIES, T: length, ...timed(scan), maxDifference });
  }
  context.progress(total, total, 'done');
};
