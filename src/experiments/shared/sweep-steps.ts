/**
 * The light helpers every sweep uses: the seed, the sizes it steps through, the
 * cancellation checkpoint and the timing settings. Apart from timed-runs.ts, so a sweep that times no
 * RNN or attention (gradients, bottleneck) does not load those kernels.
 */
import { cancelled } from '../../../kernels/runtime/errors';
import type { KernelTiming, KernelTimingOptions } from '../../../kernels/runtime';
import { CPU_TIMING, TIMING } from './timing';
import type { TimedRow } from './definition';

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

export { TIMING, CPU_TIMING };

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
): Pick<TimedRow, 'medianMs' | 'minMs' | 'gpuMs' | 'timing' | 'dispatches' | 'submits' | 'samplesMs'> & { flops: Flops } {
  return {
    medianMs: timing.wall.medianMs,
    minMs: timing.wall.minMs,
    samplesMs: timing.wall.samplesMs,
    gpuMs: timing.gpu?.medianMs,
    timing: timing.gpu ? 'wall clock and GPU timestamps' : 'wall clock',
    dispatches,
    submits,
    flops: flops as Flops,
  };
}
