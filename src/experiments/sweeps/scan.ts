/** Sweep for the scan panel: a linear recurrence by sequential loop and by parallel scan, over long T. */
import { prepareScan, uploadScan, type ScanVariant } from '../../../kernels/scan/host';
import { blockedScanReference, linearRecurrenceReference, type ScanShape } from '../../../kernels/scan/reference';
import { compareArrays, deriveSeed, timeGpuWork, timeWallClock, uniformArray, withResources, type Backend, type Timing } from '../../../kernels/runtime';
import { SCAN_LOOP_SERIES, SCAN_PARALLEL_SERIES, type ScanRow } from '../definitions';
import { CPU_TIMING, SEED, TIMING, checkpoint, repeat, timed, type SweepContext } from './shared';

async function timeScan(
  backend: Backend,
  variant: ScanVariant,
  shape: ScanShape,
  a: Float32Array,
  b: Float32Array,
  signal: AbortSignal,
): Promise<{ timing: Timing; output: Float32Array }> {
  if (backend.kind === 'cpu') {
    const run = () => (variant === 'sequential' ? linearRecurrenceReference(a, b, shape) : blockedScanReference(a, b, shape));
    const output = run();
    return { timing: await timeWallClock((batch) => repeat(batch, run), { ...CPU_TIMING, signal }), output };
  }
  const runtime = backend.runtime;
  return withResources(runtime, `scan/${variant}`, signal, async (scope) => {
    const buffers = uploadScan(scope, a, b, shape);
    const kernel = await prepareScan(runtime, scope, variant, shape, buffers);
    const timing = await timeGpuWork(runtime, (encoder, pass) => kernel.encode(encoder, pass), { ...TIMING, signal });
    return { timing, output: await scope.read(buffers.h) };
  });
}

export async function sweepScan(context: SweepContext): Promise<void> {
  const { backend, params, signal } = context;
  const channels = Number(params.channels);
  const lengths: number[] = [];
  for (let t = 1024; t <= Number(params.maxT); t *= 4) lengths.push(t);
  const total = lengths.length * 2;
  let done = 0;
  for (const length of lengths) {
    const shape = { length, channels };
    const a = uniformArray(deriveSeed(SEED, 31), length * channels, 0.5, 0.99);
    const b = uniformArray(deriveSeed(SEED, 32), length * channels, -1, 1);
    checkpoint(signal);
    context.progress(done++, total, `${SCAN_LOOP_SERIES}, T = ${length}`);
    const loop = await timeScan(backend, 'sequential', shape, a, b, signal);
    context.emit({ series: SCAN_LOOP_SERIES, T: length, ...timed(loop.timing) } satisfies ScanRow);
    checkpoint(signal);
    context.progress(done++, total, `${SCAN_PARALLEL_SERIES}, T = ${length}`);
    const scan = await timeScan(backend, 'parallel', shape, a, b, signal);
    const maxDifference = compareArrays(loop.output, scan.output, { abs: 0, rel: 0 }).maxAbsError;
    context.emit({ series: SCAN_PARALLEL_SERIES, T: length, ...timed(scan.timing), maxDifference } satisfies ScanRow);
  }
  context.progress(total, total, 'done');
}
