/**
 * The registry of experiments, by name. Light enough for the islands: it holds
 * no kernels; the sweeps that produce rows are in ../sweeps and run in a Worker.
 */
import { parallelism } from './parallelism';
import { quadraticCost } from './quadratic-cost';

export * from './shared';
export * from './names';
export type { ParallelismRow } from './parallelism';
export type { QuadraticRow } from './quadratic-cost';
export { parallelism, quadraticCost };

export const experiments = { parallelism, 'quadratic-cost': quadraticCost } as const;

export type ExperimentName = keyof typeof experiments;

export function isExperimentName(name: string): name is ExperimentName {
  return Object.hasOwn(experiments, name);
}
