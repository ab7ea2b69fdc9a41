/** The sweeps, by experiment name. Each reports typed rows through its context. */
import { sweepParallelism } from './parallelism';
import { sweepQuadraticCost } from './quadratic-cost';

export type { SweepContext } from './shared';

export const sweeps = { parallelism: sweepParallelism, 'quadratic-cost': sweepQuadraticCost } as const;
