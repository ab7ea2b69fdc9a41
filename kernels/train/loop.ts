/**
 * The one training loop, used by both training experiments and by the bench:
 * step both models on the task's batches, report the mean training loss every
 * few steps, and hand over to the caller's held-out evaluation at a fixed number
 * of steps spread evenly through the run. A run can stop early between steps
 * (pause) and a later run on the same trainer goes on from the step it reached,
 * with the same models and optimiser state.
 */
import type { Trainer } from './host';
import type { ModelKind } from './models';
import type { TokenBatch } from './task';
import { cancelled } from '../runtime';

export const MODEL_KINDS: readonly ModelKind[] = ['lstm', 'attention'];

/**
 * `count` distinct steps spread evenly over the `steps` steps after `before`, the last
 * being the run's last step; every step when the run has fewer than `count`.
 */
export function spreadSteps(before: number, steps: number, count: number): number[] {
  const chosen = new Set<number>();
  const points = Math.min(count, steps);
  for (let k = 1; k <= points; k++) chosen.add(before + Math.round((k * steps) / points));
  return [...chosen].sort((a, b) => a - b);
}

export interface LossPoint {
  /** The trainer's step count at this point (over every run). */
  step: number;
  /** Mean training loss and accuracy of each model over the steps since the last point. */
  loss: Record<ModelKind, number>;
  accuracy: Record<ModelKind, number>;
}

export interface LoopOptions {
  /** Steps this run adds to the trainer's count. */
  steps: number;
  /** Held-out evaluations during this run: exactly this many (fewer only when the run has fewer steps). */
  evaluations: number;
  /** At most this many loss points per run. */
  lossPoints: number;
  /** The training batch for a step (the trainer's count, from 1 over every run). */
  batch(step: number): TokenBatch;
  onLoss(point: LossPoint): void;
  /** The caller's held-out evaluation, after `step`. */
  onEvaluate(step: number): Promise<void>;
  onProgress?(done: number, total: number, label: string): void;
  /** Aborting it stops the run with a "cancelled" error. */
  signal?: AbortSignal;
  /** Asked between steps: true ends the run early, keeping the models and their optimiser state (pause). */
  shouldPause?(): boolean;
}

export interface LoopResult {
  /** The trainer's step count before and after this run. */
  from: number;
  to: number;
  /** Whether the run ended early at a pause. */
  paused: boolean;
}

/** How often a run gives the event loop a turn, so a pause (a message to the Worker) is heard even on the CPU path, whose steps never wait. */
export const YIELD_EVERY_MS = 50;
const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

export async function trainSteps(trainer: Trainer, options: LoopOptions): Promise<LoopResult> {
  const from = trainer.steps;
  const last = from + options.steps;
  const evaluateAt = new Set(spreadSteps(from, options.steps, options.evaluations));
  const logAt = new Set([...spreadSteps(from, options.steps, options.lossPoints), ...evaluateAt]);
  const sums = { loss: { lstm: 0, attention: 0 }, accuracy: { lstm: 0, attention: 0 } };
  let counted = 0;
  let lastYield = performance.now();
  while (trainer.steps < last) {
    if (options.shouldPause && performance.now() - lastYield > YIELD_EVERY_MS) {
      await nextTask();
      lastYield = performance.now();
    }
    if (options.signal?.aborted) throw cancelled();
    if (options.shouldPause?.()) return { from, to: trainer.steps, paused: true };
    const step = trainer.steps + 1;
    const result = await trainer.step(options.batch(step));
    for (const kind of MODEL_KINDS) {
      sums.loss[kind] += result[kind].loss;
      sums.accuracy[kind] += result[kind].accuracy;
    }
    counted++;
    if (logAt.has(step)) {
      const mean = (values: Record<ModelKind, number>) => ({ lstm: values.lstm / counted, attention: values.attention / counted });
      options.onLoss({ step, loss: mean(sums.loss), accuracy: mean(sums.accuracy) });
      sums.loss = { lstm: 0, attention: 0 };
      sums.accuracy = { lstm: 0, attention: 0 };
      counted = 0;
    }
    if (evaluateAt.has(step)) await options.onEvaluate(step);
    options.onProgress?.(step - from, options.steps, `training step ${step} of ${last}`);
  }
  return { from, to: trainer.steps, paused: false };
}
