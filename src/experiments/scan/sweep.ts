/** Sweep for the scan panel: a linear recurrence by sequential loop and by chunked scan, over long T, timed and counted. */
import { prepareScan, scanPlanFor, uploadScan } from '../../../kernels/scan/host';
import { chunkedScanReference, linearRecurrenceReference, planChunkedScan } from '../../../kernels/scan/reference';
import { chunkedScanCount, sequentialScanCount, type ChunkedScanPlan, type ScanOperationCount, type ScanShape } from '../../../kernels/scan/cost';
import {
  compareArrays,
  deriveSeed,
  timeInterleaved,
  timeKernel,
  uniformArray,
  type Backend,
  type KernelTiming,
  type KernelTimingOptions,
} from '../../../kernels/runtime';
import { SCAN_CHUNKED_SERIES, SCAN_LOOP_SERIES } from '../shared/series';
import type { Sweep } from '../shared/definition';
import type { ScanParams, ScanRow } from './definition';
import { SEED, checkpoint, sweepTiming, timed } from '../shared/sweep-steps';
import { measureSizes } from '../shared/measure-sizes';

/** The CPU path plans the chunked scan as linearRecurrence does: for about eight lanes (a few cores' SIMD). */
const CPU_PLAN_LANES = 8;

/** A row's counted work: every load and store moves one 4-byte float. */
const counted = ({ flops, loads, stores, dependentSteps }: ScanOperationCount) => ({
  flops,
  memoryOps: loads + stores,
  bytes: 4 * (loads + stores),
  dependentSteps,
});

interface ScanRun {
  timing: KernelTiming<Float32Array>;
  output: Float32Array;
  /** The chunked scan's plan as it ran (on WebGPU, sized for this adapter); undefined for the loop. */
  plan?: ChunkedScanPlan;
}

async function timeScan(backend: Backend, chunked: boolean, shape: ScanShape, a: Float32Array, b: Float32Array, timing: KernelTimingOptions): Promise<ScanRun> {
  let plan = chunked ? planChunkedScan(shape, CPU_PLAN_LANES) : undefined;
  const reference = () => (plan ? chunkedScanReference(a, b, plan) : linearRecurrenceReference(a, b, shape));
  let h: GPUBuffer | undefined;
  const measured = await timeKernel(
    backend,
    {
      label: `scan/${chunked ? 'chunked' : 'sequential'}`,
      reference,
      prepare(runtime, scope) {
        const buffers = uploadScan(scope, a, b, shape);
        h = buffers.h;
        if (!chunked) return prepareScan(runtime, scope, 'sequential', shape, buffers);
        plan = scanPlanFor(runtime, shape);
        return prepareScan(runtime, scope, 'chunked', shape, buffers, { plan });
      },
      measure: (scope) => scope.read(h!),
    },
    timing,
  );
  return { timing: measured, output: measured.measured ?? reference(), plan };
}

export const sweepScan: Sweep<ScanParams, ScanRow> = async (context) => {
  const { backend, params, signal } = context;
  const channels = params.channels;
  const lengths: number[] = [];
  for (let t = 1024; t <= params.maxT; t *= 4) lengths.push(t);
  const total = lengths.length * 2;
  let done = 0;
  const measureAt = async (length: number, again: boolean): Promise<ScanRow[]> => {
    const shape = { length, channels };
    const a = uniformArray(deriveSeed(SEED, 31), length * channels, 0.5, 0.99);
    const b = uniformArray(deriveSeed(SEED, 32), length * channels, -1, 1);
    checkpoint(signal);
    const label = `both methods, interleaved, T = ${length}`;
    context.progress(done, total, again ? `${label}, measured again: off its neighbours' trend` : label);
    // The loop and the chunked scan take turns, repetition by repetition, so drift hits both alike.
    const [loop, scan] = await timeInterleaved<[ScanRun, ScanRun]>(sweepTiming(signal), [
      (timing) => timeScan(backend, false, shape, a, b, timing),
      (timing) => timeScan(backend, true, shape, a, b, timing),
    ]);
    if (!again) done += 2;
    const loopCount = sequentialScanCount(shape);
    const scanCount = chunkedScanCount(scan.plan!);
    const maxDifference = compareArrays(loop.output, scan.output, { abs: 0, rel: 0 }).maxAbsError;
    return [
      {
        series: SCAN_LOOP_SERIES,
        T: length,
        ...timed(loop.timing),
        ...counted(loopCount),
      },
      {
        series: SCAN_CHUNKED_SERIES,
        T: length,
        ...timed(scan.timing),
        ...counted(scanCount),
        chunk: scan.plan!.levels[0]?.chunk,
        maxDifference,
      },
    ];
  };
  // A length off its neighbours' trend is measured again before its rows are emitted (see measure-sizes.ts).
  await measureSizes({ sizes: lengths, key: 'T', measureAt, emit: (row) => context.emit(row) });
  context.progress(total, total, 'done');
};
