/**
 * `npm run bench` rows for the training experiment: the time of one training
 * step of each model at the defaults (the one timing helper, on a throwaway
 * trainer), and one whole run at the defaults, as the reader would start it,
 * with held-out accuracy at each evaluation, to show the result is stable.
 */
import { createTrainer, TRAINING_DEFAULTS, type TrainingConfig } from './host';
import { recallBatch, trainingSeed } from './task';
import type { ModelKind } from './models';
import { timeWallClock, type Backend, type GpuRuntime, type Timing } from '../runtime';

export interface TrainingBenchOptions {
  config: TrainingConfig;
  /** Held-out evaluations during the run (the last two decide "stable"). */
  evaluations: number;
  repetitions: number;
}

export interface TrainingRunReport {
  config: TrainingConfig;
  parameterCounts: Record<ModelKind, number>;
  /** Milliseconds per step of each model, from the timing helper. */
  stepTiming: Record<ModelKind, Timing>;
  stepsPerSecond: Record<ModelKind, number>;
  /** Wall-clock seconds of the whole run: every step of both models and every evaluation. */
  runSeconds: number;
  /** Held-out accuracy after each evaluation, with the step it was taken at. */
  heldOut: Array<{ step: number } & Record<ModelKind, number>>;
  /** Whether each model's last two held-out accuracies are within 2 points of each other. */
  stable: Record<ModelKind, boolean>;
}

export const STABLE_WITHIN = 0.02;

/** Rows in the shape of the kernel suite's table (group, name, median and minimum ms, method, note). */
export interface TrainingBenchRow {
  group: string;
  name: string;
  medianMs: number;
  minMs: number;
  method: Timing['method'];
  note: string;
}

const KINDS: ModelKind[] = ['lstm', 'attention'];

export async function runTrainingBench(
  backend: Backend,
  options: Partial<TrainingBenchOptions> = {},
  progress: (message: string) => void = () => {},
): Promise<TrainingRunReport> {
  const { config, evaluations, repetitions } = { config: TRAINING_DEFAULTS, evaluations: 4, repetitions: 3, ...options };
  const timer = await createTrainer(backend, config);
  const stepTiming = {} as Record<ModelKind, Timing>;
  try {
    const data = recallBatch(config.task, config.batch, trainingSeed(config.seed, 1));
    for (const kind of KINDS) {
      stepTiming[kind] = await timeWallClock(
        async (batch) => {
          for (let i = 0; i < batch; i++) await timer.models[kind].step(data);
        },
        { repetitions, targetMs: 200, maxBatch: 16 },
      );
      progress(`train: ${kind} step ${stepTiming[kind].medianMs.toFixed(1)} ms`);
    }
  } finally {
    timer.dispose();
  }

  const trainer = await createTrainer(backend, config);
  const heldOut: TrainingRunReport['heldOut'] = [];
  // A single run cannot be repeated without changing what it measures, so its length is one wall-clock reading.
  const started = performance.now();
  try {
    for (let step = 1; step <= config.steps; step++) {
      await trainer.step();
      if (step % Math.ceil(config.steps / evaluations) === 0 || step === config.steps) {
        const result = await trainer.evaluate(config.task.pairs);
        heldOut.push({ step, lstm: result.lstm.accuracy, attention: result.attention.accuracy });
        progress(`train: step ${step}, held-out accuracy LSTM ${result.lstm.accuracy.toFixed(3)}, attention ${result.attention.accuracy.toFixed(3)}`);
      }
    }
  } finally {
    trainer.dispose();
  }
  const runSeconds = (performance.now() - started) / 1000;
  const [previous, last] = [heldOut.at(-2) ?? heldOut.at(-1)!, heldOut.at(-1)!];
  return {
    config,
    parameterCounts: trainer.parameterCounts,
    stepTiming,
    stepsPerSecond: { lstm: 1000 / stepTiming.lstm.medianMs, attention: 1000 / stepTiming.attention.medianMs },
    runSeconds,
    heldOut,
    stable: { lstm: Math.abs(last.lstm - previous.lstm) <= STABLE_WITHIN, attention: Math.abs(last.attention - previous.attention) <= STABLE_WITHIN },
  };
}

/** The suite's entry: rows for its table. A `trainingSteps` field in the suite's options shortens the run (--quick). */
export async function benchTraining(runtime: GpuRuntime, partial: object = {}, progress?: (message: string) => void): Promise<TrainingBenchRow[]> {
  const steps = (partial as { trainingSteps?: number }).trainingSteps ?? TRAINING_DEFAULTS.steps;
  const config = { ...TRAINING_DEFAULTS, steps };
  const report = await runTrainingBench({ kind: 'webgpu', runtime }, { config }, progress);
  const { task, batch } = config;
  const shape = `B=${batch}, N=${task.pairs}, ${report.parameterCounts.lstm} vs ${report.parameterCounts.attention} parameters`;
  const last = report.heldOut.at(-1)!;
  return [
    ...KINDS.map((kind) => ({
      group: 'train',
      name: `${kind} training step (${shape})`,
      medianMs: report.stepTiming[kind].medianMs,
      minMs: report.stepTiming[kind].minMs,
      method: report.stepTiming[kind].method,
      note: `${report.stepsPerSecond[kind].toFixed(2)} steps/s; ${report.stepTiming[kind].note}`,
    })),
    {
      group: 'train',
      name: `whole run: ${config.steps} steps of both models and ${report.heldOut.length} evaluations`,
      medianMs: report.runSeconds * 1000,
      minMs: report.runSeconds * 1000,
      method: 'wall-clock',
      note: `one run; held-out accuracy LSTM ${last.lstm.toFixed(3)} (${report.stable.lstm ? 'stable' : 'still changing'}), attention ${last.attention.toFixed(3)} (${report.stable.attention ? 'stable' : 'still changing'})`,
    },
  ];
}
