/**
 * Sweep for the recall-training experiment: both models trained by the one
 * training loop (kernels/train/loop.ts) on the same batches, one N per step in
 * turn; at each of the ten evaluations, held-out accuracy and loss at every
 * trained N; after training, accuracy at each N, one example sequence and the
 * attention weights on it.
 */
import { createTrainer, type Trainer } from '../../../kernels/train/host';
import { MODEL_KINDS, trainSteps } from '../../../kernels/train/loop';
import { attentionCacheNumbers, lstmStateNumbers } from '../../../kernels/train/models';
import { heldOutSeed, recallBatch, recallShape, trainingSeed, type RecallBatch, type RecallTask } from '../../../kernels/train/task';
import type { Session, Sweep, SweepContext } from '../shared/definition';
import { accuracyFields, EVALUATIONS, LOSS_POINTS, MODEL_SERIES, modelRows } from '../shared/training';
import { evaluationPairs, keyName, RECALL_SETTINGS, trainedPairs, valueName, type RecallSettings, type TrainingParams, type TrainingRow } from './definition';

/** The held-out stream of the example sequence, apart from the evaluation batches' (0 … number of N). */
const EXAMPLE_INDEX = 1_000_000;

export function recallTask(settings: RecallSettings, pairs: number): RecallTask {
  return { keys: settings.keys, values: settings.values, pairs, queries: Math.min(settings.queries, pairs) };
}

/** A token of the task as the example shows it. */
export function tokenName(token: number, keys: number): string {
  return token < keys ? keyName(token) : valueName(token - keys);
}

/**
 * The example's queries and each model's answers as rows, and every head's weights from each
 * query onto every position up to it (queries × keys), as the heatmap reads them.
 */
export function exampleRows(
  example: RecallBatch,
  answers: Record<'lstm' | 'attention', Int32Array>,
  weights: ArrayLike<number>,
  heads: number,
  keys: number,
  step: number,
): TrainingRow[] {
  const rows: TrainingRow[] = [];
  const length = example.length;
  const queries = [...example.targets.keys()].filter((t) => example.targets[t]! >= 0);
  queries.forEach((t, index) => {
    rows.push({
      measure: 'example',
      series: 'example',
      step,
      query: index + 1,
      key: keyName(example.tokens[t]!),
      rightValue: valueName(example.targets[t]!),
      lstmAnswer: valueName(answers.lstm[t]!),
      attentionAnswer: valueName(answers.attention[t]!),
    });
  });
  for (let head = 0; head < heads; head++) {
    for (const q of queries) {
      for (let k = 0; k <= q; k++) {
        rows.push({
          measure: 'weights',
          series: 'example',
          step,
          head: head + 1,
          queryPosition: q + 1,
          keyPosition: k + 1,
          queryToken: tokenName(example.tokens[q]!, keys),
          keyToken: tokenName(example.tokens[k]!, keys),
          weight: weights[(head * length + q) * length + k]!,
        });
      }
    }
  }
  return rows;
}

/** A training run of the two models, which can be run again for more steps (continue) or stopped between steps (pause). */
export interface RecallSession extends Session<TrainingParams, TrainingRow> {
  readonly trainer: Trainer;
}

export async function createRecallSession(context: SweepContext<TrainingParams, TrainingRow>): Promise<RecallSession> {
  const { params } = context;
  const settings = RECALL_SETTINGS[context.backend.kind];
  const trainer = await createTrainer(
    context.backend,
    { shape: recallShape(settings), lstmWidth: params.lstmWidth, heads: settings.heads, learningRate: params.learningRate, seed: params.seed },
    context.signal,
  );
  const cycle = trainedPairs(params.pairs);
  const evaluated = evaluationPairs(params.pairs, settings.keys);
  // One fixed held-out batch per N, from streams no training batch uses, so every evaluation asks the same questions.
  const heldOut = new Map(evaluated.map((n, index) => [n, recallBatch(recallTask(settings, n), settings.evaluationBatch, heldOutSeed(params.seed, index))]));
  const example = recallBatch(recallTask(settings, params.pairs), 1, heldOutSeed(params.seed, EXAMPLE_INDEX));
  const evaluateAt = async (pairs: readonly number[], step: number, measure: 'held-out' | 'length', run: SweepContext<TrainingParams, TrainingRow>) => {
    for (const n of pairs) {
      const results = await trainer.evaluate(heldOut.get(n)!);
      for (const kind of MODEL_KINDS) {
        const { correct, counted, loss } = results[kind];
        run.emit({ measure, series: MODEL_SERIES[kind], step, pairs: n, heldOutLoss: loss, ...accuracyFields(correct, counted) });
      }
    }
  };
  const emitExample = async (run: SweepContext<TrainingParams, TrainingRow>) => {
    const results = await trainer.evaluate(example);
    const weights = await trainer.attentionWeights(example);
    const answers = { lstm: results.lstm.answers, attention: results.attention.answers };
    for (const row of exampleRows(example, answers, weights, settings.heads, settings.keys, trainer.steps)) run.emit(row);
  };
  let reported = false;
  return {
    trainer,
    async run(steps, run, shouldPause) {
      if (!reported) {
        for (const row of modelRows(trainer, (kind, width) => (kind === 'lstm' ? lstmStateNumbers(width) : attentionCacheNumbers(params.pairs, width))))
          run.emit(row);
        reported = true;
      }
      const result = await trainSteps(trainer, {
        steps,
        evaluations: EVALUATIONS,
        lossPoints: LOSS_POINTS,
        signal: run.signal,
        shouldPause,
        batch: (step) => recallBatch(recallTask(settings, cycle[step % cycle.length]!), settings.batch, trainingSeed(params.seed, step)),
        onLoss: ({ step, loss }) => {
          for (const kind of MODEL_KINDS) run.emit({ measure: 'training', series: MODEL_SERIES[kind], step, trainingLoss: loss[kind] });
        },
        onEvaluate: async (step) => {
          await evaluateAt(cycle, step, 'held-out', run);
          await emitExample(run);
        },
        onProgress: (done, total, label) => run.progress(done, total + 1, label),
      });
      run.progress(steps, steps + 1, 'held-out accuracy at each N, and one example');
      await evaluateAt(evaluated, trainer.steps, 'length', run);
      // A paused run ends between evaluations: show the example as it stands.
      if (result.paused) await emitExample(run);
      run.progress(1, 1, 'done');
      return { paused: result.paused };
    },
    dispose: () => trainer.dispose(),
  };
}

export const sweepRecallTraining: Sweep<TrainingParams, TrainingRow> = async (context) => {
  const session = await createRecallSession(context);
  try {
    await session.run(context.params.steps, context);
  } finally {
    session.dispose();
  }
};
