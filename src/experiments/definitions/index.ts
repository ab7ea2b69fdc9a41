/**
 * The registry of experiments, by name. Light enough for the islands: it holds
 * no kernels; each definition loads its own sweep (in ../sweeps) when it runs.
 */
import { parallelism } from './parallelism';
import { quadraticCost } from './quadratic-cost';
import { bottleneck } from './bottleneck';
import { gradients } from './gradients';
import { streaming } from './streaming';
import { scan } from './scan';
import { recallTraining } from '../recall-training/definition';
import { stateTracking } from '../state-tracking/definition';
import type { AnyExperimentDefinition } from './definition';

export * from './definition';
export * from './names';
export type { ParallelismParams, ParallelismRow } from './parallelism';
export type { QuadraticParams, QuadraticRow } from './quadratic-cost';
export type { BottleneckParams, BottleneckRow } from './bottleneck';
export type { GradientParams, GradientRow } from './gradients';
export type { StreamingParams, StreamingRow } from './streaming';
export type { ScanParams, ScanRow } from './scan';
export type { TrainingParams, TrainingRow } from '../recall-training/definition';
export type { StateParams, StateRow } from '../state-tracking/definition';
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
