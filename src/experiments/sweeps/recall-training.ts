/**
 * Sweep for the training experiment: both models trained step by step on the same
 * batches (kernels/train/host.ts), a loss row per model every few steps, held-out
 * accuracy every tenth of the run, then accuracy at several N and one example.
 */
import { createTrainer, CPU_TRAINING_DEFAULTS, TRAINING_DEFAULTS, type ExampleAnswers, type Trainer, type TrainingConfig } from '../../../kernels/train/host';
import type { ModelKind } from '../../../kernels/train/models';
import { ATTENTION_MODEL_SERIES, LSTM_MODEL_SERIES } from '../shared/series';
import { evaluationLengths, keyName, valueName, type TrainingParams, type TrainingRow } from '../definitions/recall-training';
import type { Sweep } from '../shared/definition';
import { checkpoint } from '../shared/sweep-steps';

const SERIES: Record<ModelKind, string> = { lstm: LSTM_MODEL_SERIES, attention: ATTENTION_MODEL_SERIES };
const KINDS: ModelKind[] = ['lstm', 'attention'];
/** At most this many loss points per model, so the live plot stays light at any number of steps. */
const LOSS_POINTS = 100;
/** Held-out evaluations during training. */
const EVALUATIONS = 10;
/** Largest weights listed per query in the example. */
const LISTED_WEIGHTS = 3;

/** The trainer's configuration for these parameters: the backend's defaults, with the reader's N, width, steps, rate and seed. */
export function trainingConfig(params: TrainingParams, backend: 'webgpu' | 'cpu'): TrainingConfig {
  const base = backend === 'cpu' ? CPU_TRAINING_DEFAULTS : TRAINING_DEFAULTS;
  return {
    ...base,
    task: { ...base.task, pairs: params.pairs, queries: Math.min(base.task.queries, params.pairs) },
    lstmWidth: params.lstmWidth,
    steps: params.steps,
    learningRate: params.learningRate,
    seed: params.seed,
  };
}

/** A token of the task as the example shows it. */
function tokenName(token: number, keys: number): string {
  return token < keys ? keyName(token) : valueName(token - keys);
}

/** The example's queries, each model's answers, and the attention weights from each query, as rows. */
export function exampleRows(example: ExampleAnswers, keys: number, pairs: number): TrainingRow[] {
  const rows: TrainingRow[] = [];
  const length = example.tokens.length;
  const queries = [...example.targets.keys()].filter((t) => example.targets[t]! >= 0);
  queries.forEach((t, index) => {
    const rightValue = valueName(example.targets[t]!);
    const key = keyName(example.tokens[t]!);
    rows.push({
      measure: 'example',
      series: 'example',
      query: index + 1,
      key,
      rightValue,
      lstmAnswer: valueName(example.answers.lstm[t]!),
      attentionAnswer: valueName(example.answers.attention[t]!),
    });
    // The value token that answers this query sits right after its key among the pairs.
    const keyPosition = [...Array(2 * pairs).keys()].find((s) => s % 2 === 0 && example.tokens[s] === example.tokens[t]);
    for (let head = 0; head < example.heads; head++) {
      const weights = example.attentionWeights.subarray((head * length + t) * length, (head * length + t) * length + t + 1);
      const largest = [...weights.keys()].sort((a, b) => weights[b]! - weights[a]!).slice(0, LISTED_WEIGHTS);
      rows.push({
        measure: 'weights',
        series: 'example',
        head: head + 1,
        query: index + 1,
        key,
        weightOnRightValue: keyPosition === undefined ? undefined : weights[keyPosition + 1]!,
        weights: largest.map((s) => `${tokenName(example.tokens[s]!, keys)} at position ${s + 1}: ${weights[s]!.toFixed(2)}`).join('; '),
      });
    }
  });
  return rows;
}

async function trainAndReport(trainer: Trainer, context: Parameters<Sweep<TrainingParams, TrainingRow>>[0]): Promise<void> {
  const { params, signal } = context;
  const lengths = evaluationLengths(params.pairs, trainer.config.task.keys);
  const total = params.steps + lengths.length + 1;
  const carried = trainer.stateNumbers(params.pairs);
  for (const kind of KINDS) {
    context.emit({
      measure: 'model',
      series: SERIES[kind],
      width: kind === 'lstm' ? trainer.widths.lstm.width : trainer.widths.attention.width,
      parameters: trainer.parameterCounts[kind],
      carriedNumbers: carried[kind],
    });
  }
  const logEvery = Math.ceil(params.steps / LOSS_POINTS);
  const evaluateEvery = Math.ceil(params.steps / EVALUATIONS);
  const lossSum = { lstm: 0, attention: 0 };
  let lossCount = 0;
  for (let step = 1; step <= params.steps; step++) {
    checkpoint(signal);
    const result = await trainer.step();
    for (const kind of KINDS) lossSum[kind] += result[kind].loss;
    lossCount++;
    const last = step === params.steps;
    if (step % logEvery === 0 || last) {
      const heldOut = step % evaluateEvery === 0 || last ? await trainer.evaluate(params.pairs) : undefined;
      for (const kind of KINDS) {
        context.emit({
          measure: 'training',
          series: SERIES[kind],
          step,
          trainingLoss: lossSum[kind] / lossCount,
          heldOutAccuracy: heldOut?.[kind].accuracy,
        });
        lossSum[kind] = 0;
      }
      lossCount = 0;
    }
    context.progress(step, total, `training step ${step} of ${params.steps}`);
  }
  for (const [index, pairs] of lengths.entries()) {
    checkpoint(signal);
    context.progress(params.steps + index, total, `held-out accuracy at N = ${pairs}`);
    const result = await trainer.evaluate(pairs);
    for (const kind of KINDS) context.emit({ measure: 'length', series: SERIES[kind], pairs, accuracyAtPairs: result[kind].accuracy });
  }
  checkpoint(signal);
  context.progress(total - 1, total, 'one example sequence');
  for (const row of exampleRows(await trainer.example(params.pairs), trainer.config.task.keys, params.pairs)) context.emit(row);
  context.progress(total, total, 'done');
}

export const sweepRecallTraining: Sweep<TrainingParams, TrainingRow> = async (context) => {
  const config = trainingConfig(context.params, context.backend.kind);
  if (context.backend.kind === 'cpu') {
    context.notice(
      `The CPU path trains on batches of ${CPU_TRAINING_DEFAULTS.batch} sequences (WebGPU: ${TRAINING_DEFAULTS.batch}), so its results differ from a WebGPU run with the same seed.`,
    );
  }
  const trainer = await createTrainer(context.backend, config, context.signal);
  try {
    await trainAndReport(trainer, context);
  } finally {
    trainer.dispose();
  }
};
