/** How sweeps time their kernels; the estimate reads the same options, so it imports this light module rather than the sweep steps. */
import type { TimingOptions } from '../../../kernels/runtime/timing';

/** Quick timings: a sweep measures many sizes, and the reader is waiting. */
export const TIMING: TimingOptions = { repetitions: 3, targetMs: 4, maxBatch: 32 };
/** The CPU path batches far more: tiny sizes run below the browser's timer resolution (up to 0.1 ms). */
export const CPU_TIMING: TimingOptions = { ...TIMING, maxBatch: 1 << 22 };
