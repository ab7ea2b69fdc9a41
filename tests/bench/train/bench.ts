/**
 * The training bench: each training experiment run whole at its defaults on one
 * backend, through the experiment's own sweep (so through the one training loop,
 * kernels/train/loop.ts), timed by the wall clock; and one training step of both
 * models timed by the timing helper, with its counted FLOPs (kernels/train/cost.ts).
 * `npm run bench:train` prints both; `npm run bench` adds the step rows to its table.
 */
import { createTrainer } from '../../../kernels/train/host';
import { trainingStepCost } from '../../../kernels/train/cost';
import { recallBatch, recallShape, trainingSeed } from '../../../kernels/train/task';
import { timeWallClock, type Backend, type GpuRuntime, type Timing } from '../../../kernels/runtime';
import { defaults } from '../../../src/experiments/params';
import type { ExperimentRow, ExperimentSummary, SweepContext } from '../../../src/experiments/shared/definition';
import { recallTraining, RECALL_SETTINGS, trainedPairs, type TrainingParams } from '../../../src/experiments/recall-training/definition';
import { recallTask } from '../../../src/experiments/recall-training/sweep';
import { stateTracking } from '../../../src/experiments/state-tracking/definition';
import { estimateTraining } from '../../../src/experiments/recall-training/definition';
import { estimateStateTracking, type StateParams } from '../../../src/experiments/state-tracking/definition';

export const TRAINING_EXPERIMENTS = { 'recall-training': recallTraining, 'state-tracking': stateTracking } as const;
export type TrainingExperiment = keyof typeof TRAINING_EXPERIMENTS;

/** The 90 s each training experiment's defaults must finish in (issue 23), on the CI machine's CPU adapter. */
export const RUN_BUDGET_SECONDS = 90;

export interface ExperimentRunReport {
  experiment: TrainingExperiment;
  backend: 'webgpu' | 'cpu';
  params: Record<string, number | boolean | string>;
  /** Wall-clock seconds of the whole sweep: every step of both models, every evaluation and the example. */
  seconds: number;
  /** The estimate the page shows before Run, in seconds (CPU: its fixed rate; WebGPU: the stand-in device constants). */
  estimateSeconds?: number;
  rows: ExperimentRow[];
  /** The page's sentences, read from the rows. */
  summary: string[];
}

/** One whole run of a training experiment at its defaults (or `overrides`), as the page would run it. */
export async function runTrainingExperiment(
  experiment: TrainingExperiment,
  backend: Backend,
  overrides: Record<string, number> = {},
  progress: (message: string) => void = () => {},
): Promise<ExperimentRunReport> {
  const definition = TRAINING_EXPERIMENTS[experiment];
  const params = { ...defaults(definition.params, backend.kind), ...overrides };
  const rows: ExperimentRow[] = [];
  let lastReported = 0;
  const context: SweepContext = {
    backend,
    params,
    signal: new AbortController().signal,
    emit: (row) => rows.push(row),
    progress: (done, total, label) => {
      if (done - lastReported >= total / 10 || done === total) {
        lastReported = done;
        progress(`${experiment}: ${label}`);
      }
    },
    notice: (message) => progress(`${experiment}: ${message}`),
  };
  const sweep = (await definition.sweep()) as unknown as (context: SweepContext) => Promise<void>;
  const started = performance.now();
  await sweep(context);
  const seconds = (performance.now() - started) / 1000;
  const summarize = (await definition.summarize()) as (rows: readonly ExperimentRow[], params: unknown) => ExperimentSummary;
  const estimateMs =
    backend.kind === 'cpu'
      ? experiment === 'recall-training'
        ? estimateTraining(params as TrainingParams, { kind: 'cpu' }).ms
        : estimateStateTracking(params as StateParams, { kind: 'cpu' }).ms
      : undefined;
  return {
    experiment,
    backend: backend.kind,
    params,
    seconds,
    estimateSeconds: estimateMs === undefined ? undefined : estimateMs / 1000,
    rows,
    summary: ((result) => [result.headline, ...result.sentences, ...result.details])(summarize(rows, params)),
  };
}

/** Rows in the shape of the kernel suite's table (group, name, median and minimum ms, method, note). */
export interface TrainingBenchRow {
  group: string;
  name: string;
  medianMs: number;
  minMs: number;
  method: Timing['method'];
  note: string;
}

/** One training step of both models at recall's defaults (the largest N), timed by the timing helper, with its counted FLOPs. */
export async function timeRecallStep(backend: Backend, repetitions = 3): Promise<TrainingBenchRow> {
  const params = defaults(recallTraining.params, backend.kind) as TrainingParams;
  const settings = RECALL_SETTINGS[backend.kind];
  const trainer = await createTrainer(backend, {
    shape: recallShape(settings),
    lstmWidth: params.lstmWidth,
    heads: settings.heads,
    learningRate: params.learningRate,
    seed: 1,
  });
  try {
    const pairs = trainedPairs(params.pairs).at(-1)!;
    const data = recallBatch(recallTask(settings, pairs), settings.batch, trainingSeed(1, 1));
    const timing = await timeWallClock(
      async (batch) => {
        for (let i = 0; i < batch; i++) await trainer.step(data);
      },
      { repetitions, targetMs: 200, maxBatch: 16 },
    );
    const cost = trainingStepCost(trainer.widths, settings.batch, data.length, settings.values, settings.heads);
    return {
      group: 'train',
      name: `one step of both models (recall, B=${settings.batch}, N=${pairs}, ${trainer.parameterCounts.lstm} vs ${trainer.parameterCounts.attention} parameters)`,
      medianMs: timing.medianMs,
      minMs: timing.minMs,
      method: timing.method,
      note: `${(cost.flops / 1e6).toFixed(1)} MFLOP and ${cost.dispatches} dispatches counted (kernels/train/cost.ts): ${(cost.flops / timing.medianMs / 1e6).toFixed(3)} GFLOP/s; ${timing.note}`,
    };
  } finally {
    trainer.dispose();
  }
}

/** The kernel suite's entry: the step row, and (unless `trainingSteps` shortens it for --quick) each experiment's whole run. */
export async function benchTraining(runtime: GpuRuntime, partial: object = {}, progress?: (message: string) => void): Promise<TrainingBenchRow[]> {
  const backend: Backend = { kind: 'webgpu', runtime };
  const steps = (partial as { trainingSteps?: number }).trainingSteps;
  const rows = [await timeRecallStep(backend)];
  for (const experiment of Object.keys(TRAINING_EXPERIMENTS) as TrainingExperiment[]) {
    const report = await runTrainingExperiment(experiment, backend, steps ? { steps } : {}, progress);
    rows.push({
      group: 'train',
      name: `${experiment}: whole run at ${steps ? `${steps} steps` : 'its defaults'}`,
      medianMs: report.seconds * 1000,
      minMs: report.seconds * 1000,
      method: 'wall-clock',
      note: `one run; ${report.summary[0] ?? 'no summary'}`,
    });
  }
  return rows;
}
