/**
 * The light helpers every sweep uses: the seed, the sizes it steps through, the
 * cancellation checkpoint and the timing settings. Apart from timed-runs.ts, so a sweep that times no
 * RNN or attention (gradients, bottleneck) does not load those kernels.
 */
import { cancelled } from '../../../kernels/runtime/errors';
import type { KernelTiming, KernelTimingOptions, TimingOptions } from '../../../kernels/runtime';
import type { TimedRow } from '../definitions';

export const SEED = 2017;

/** The largest typed array the CPU path allocates: browsers cap one near 2 GiB. */
export const CPU_LARGEST_ARRAY_BYTES = 2 ** 31;

export function powersOfTwo(from: number, to: number): number[] {
  const values: number[] = [];
  for (let value = from; value <= to; value *= 2) values.push(value);
  return values;
}

export function checkpoint(signal: AbortSignal): void {
  if (signal.aborted) throw cancelled();
}

/** Quick timings: a sweep measures many sizes, and the reader is waiting. */
export const TIMING: TimingOptions = { repetitions: 3, targetMs: 4, maxBatch: 32 };
/** The CPU path batches far more: tiny sizes run below the browser's timer resolution (up to 0.1 ms). */
export const CPU_TIMING: TimingOptions = { ...TIMING, maxBatch: 1 << 22 };

/** The timing options every sweep passes to `timeKernel`. */
export function sweepTiming(signal: AbortSignal): KernelTimingOptions {
  return { gpu: TIMING, cpu: CPU_TIMING, signal };
}

/**
 * The timing fields of a row, the same for every series: wall clock from encode to done,
 * GPU timestamps beside it where there are any, the counted dispatches and submits, and
 * the counted FLOPs where the sweep gives them.
 */
export function timed<Flops extends number | undefined = undefined>(
  { timing, dispatches, submits }: Pick<KernelTiming<unknown>, 'timing' | 'dispatches' | 'submits'>,
  flops?: Flops,
): Pick<TimedRow, 'medianMs' | 'minMs' | 'gpuMs' | 'timing' | 'dispatches' | 'submits'> & { flops: Flops } {
  return {
    medianMs: timing.wall.medianMs,
    minMs: timing.wall.minMs,
    gpuMs: timing.gpu?.medianMs,
    timing: timing.gpu ? 'wall clock and GPU timestamps' : 'wall clock',
    dispatches,
    submits,
    flops: flops as Flops,
  };
}
