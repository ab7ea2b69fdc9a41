/**
 * The sweeps, by experiment name. Each is loaded only when its experiment runs,
 * so a reader's Worker downloads the kernels that experiment needs and no others.
 */
import type { SweepContext } from './shared';

export type { SweepContext } from './shared';

type Sweep = (context: SweepContext) => Promise<void>;

export const sweeps: Record<string, () => Promise<Sweep>> = {
  parallelism: () => import('./parallelism').then((module) => module.sweepParallelism),
  bottleneck: () => import('./bottleneck').then((module) => module.sweepBottleneck),
  gradients: () => import('./gradients').then((module) => module.sweepGradients),
  'quadratic-cost': () => import('./quadratic-cost').then((module) => module.sweepQuadraticCost),
  streaming: () => import('./streaming').then((module) => module.sweepStreaming),
  scan: () => import('./scan').then((module) => module.sweepScan),
};
