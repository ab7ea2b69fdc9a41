/** The sweeps, by experiment name. Each reports typed rows through its context. */
import { sweepParallelism } from './parallelism';
import { sweepQuadraticCost } from './quadratic-cost';
import { sweepBottleneck } from './bottleneck';
import { sweepGradients } from './gradients';
import { sweepStreaming } from './streaming';
import { sweepScan } from './scan';

export type { SweepContext } from './shared';

export const sweeps = {
  parallelism: sweepParallelism,
  bottleneck: sweepBottleneck,
  gradients: sweepGradients,
  'quadratic-cost': sweepQuadraticCost,
  streaming: sweepStreaming,
  scan: sweepScan,
} as const;
