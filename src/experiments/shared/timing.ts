/** How sweeps time their kernels; the estimate reads the same options, so it imports this light module rather than the sweep steps. */
import type { TimingOptions } from '../../../kernels/runtime/timing';
import { MIN_REPETITIONS } from './ratio-interval';

/** Where repetitions spread wide, more are taken while the point's repetitions have taken under this long (see `spreadCapMs`). */
export const SPREAD_CAP_MS = 2000;

/** Quick timings, but at least MIN_REPETITIONS of them: a sweep measures many sizes, and the reader is waiting; a finding needs an interval. */
export const TIMING: TimingOptions = { repetitions: MIN_REPETITIONS, targetMs: 4, maxBatch: 32, spreadCapMs: SPREAD_CAP_MS };
/** The CPU path batches far more: tiny sizes run below the browser's timer resolution (up to 0.1 ms). */
export const CPU_TIMING: TimingOptions = { ...TIMING, maxBatch: 1 << 22 };
