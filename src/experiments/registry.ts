/**
 * The registry of experiments, by name. Light enough for the islands: it holds
 * no kernels; each definition loads its own sweep (its folder's sweep.ts) when it runs.
 */
import { parallelism } from './parallelism/definition';
import { quadraticCost } from './quadratic-cost/definition';
import { bottleneck } from './bottleneck/definition';
import { gradients } from './gradients/definition';
import { streaming } from './streaming/definition';
import { scan } from './scan/definition';
import { recallTraining } from './recall-training/definition';
import { stateTracking } from './state-tracking/definition';
import type { AnyExperimentDefinition } from './shared/definition';

export * from './shared/definition';
export * from './shared/series';
export type { ParallelismParams, ParallelismRow } from './parallelism/definition';
export type { QuadraticParams, QuadraticRow } from './quadratic-cost/definition';
export type { BottleneckParams, BottleneckRow } from './bottleneck/definition';
export type { GradientParams, GradientRow } from './gradients/definition';
export type { StreamingParams, StreamingRow } from './streaming/definition';
export type { ScanParams, ScanRow } from './scan/definition';
export type { TrainingParams, TrainingRow } from './recall-training/definition';
export type { StateParams, StateRow } from './state-tracking/definition';
export { parallelism, quadraticCost, bottleneck, gradients, streaming, scan, recallTraining, stateTracking };

export const experiments = {
  parallelism,
  bottleneck,
  gradients,
  'quadratic-cost': quadraticCost,
  streaming,
  scan,
  'recall-training': recallTraining,
  'state-tracking': stateTracking,
} as const satisfies Record<string, AnyExperimentDefinition>;

export type ExperimentName = keyof typeof experiments;

export function isExperimentName(name: string): name is ExperimentName {
  return Object.hasOwn(experiments, name);
}
