/**
 * The registry of experiments, by name. Light enough for the islands: it holds
 * no kernels; the sweeps that produce rows are in ../sweeps and run in a Worker.
 */
import { parallelism } from './parallelism';
import { quadraticCost } from './quadratic-cost';
import { bottleneck } from './bottleneck';
import { gradients } from './gradients';
import { streaming } from './streaming';
import { scan } from './scan';

export * from './shared';
export * from './names';
export type { ParallelismRow } from './parallelism';
export type { QuadraticRow } from './quadratic-cost';
export type { BottleneckRow } from './bottleneck';
export type { GradientRow } from './gradients';
export type { StreamingRow } from './streaming';
export type { ScanRow } from './scan';
export { parallelism, quadraticCost, bottleneck, gradients, streaming, scan };

export const experiments = { parallelism, bottleneck, gradients, 'quadratic-cost': quadraticCost, streaming, scan } as const;

export type ExperimentName = keyof typeof experiments;

export function isExperimentName(name: string): name is ExperimentName {
  return Object.hasOwn(experiments, name);
}
