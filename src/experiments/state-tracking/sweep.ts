/**
 * Sweep for the state-tracking experiment: both models trained on the same
 * batches of L digits by the one training loop (kernels/train/loop.ts); at each
 * of its ten evaluations, one held-out batch of 4L digits gives the accuracy of
 * the running sum after every length at once (attention is causal and the LSTM
 * reads left to right, so the answer after n tokens sees only those n).
 */
import { createTrainer, type Evaluation, type Trainer } from '../../../kernels/train/host';
import { MODEL_KINDS, trainSteps } from '../../../kernels/train/loop';
import { attentionCacheNumbersAfter, lstmStateNumbers, type ModelKind } from '../../../kernels/train/models';
import { runningSumBatch, runningSumShape } from '../../../kernels/train/running-sum';
import { heldOutSeed, trainingSeed, type TokenBatch } from '../../../kernels/train/task';
import type { Session, Sweep, SweepContext } from '../shared/definition';
import { accuracyFields, EVALUATIONS, LOSS_POINTS, MODEL_SERIES, modelRows } from '../shared/training';
import { LONGEST_MULTIPLE, STATE_SETTINGS, testedLengths, type StateParams, type StateRow, type StateSettings } from './definition';

/** The held-out batch's index among the seed's held-out streams (the example uses the next one). */
const HELD_OUT_INDEX = 0;
const EXAMPLE_INDEX = 1;

/** How many of `data`'s sequences a model answered right after exactly `length` tokens. */
export function correctAtLength(data: TokenBatch, answers: Int32Array, length: number): number {
  let correct = 0;
  for (let b = 0; b < data.batch; b++) {
    const row = b * data.length + length - 1;
    if (answers[row] === data.targets[row]) correct++;
  }
  return correct;
}

export function lengthRows(
  data: TokenBatch,
  results: Record<ModelKind, Evaluation>,
  lengths: readonly number[],
  step: number,
  measure: 'held-out' | 'length',
): StateRow[] {
  return MODEL_KINDS.flatMap((kind) =>
    lengths.map((length) => ({
      measure,
      series: MODEL_SERIES[kind],
      step,
      length,
      ...accuracyFields(correctAtLength(data, results[kind].answers, length), data.batch),
    })),
  );
}

/** The example's digits, sums and answers, and each head's weight from every position onto every position up to it. */
export function exampleRows(example: TokenBatch, answers: Record<ModelKind, Evaluation>, weights: ArrayLike<number>, heads: number, step: number): StateRow[] {
  const rows: StateRow[] = [];
  const length = example.length;
  for (let t = 0; t < length; t++) {
    rows.push({
      measure: 'example',
      series: 'example',
      step,
      position: t + 1,
      digit: example.tokens[t]!,
      rightSum: example.targets[t]!,
      lstmAnswer: answers.lstm.answers[t]!,
      attentionAnswer: answers.attention.answers[t]!,
    });
  }
  for (let head = 0; head < heads; head++) {
    for (let q = 0; q < length; q++) {
      for (let k = 0; k <= q; k++) {
        const weight = weights[(head * length + q) * length + k]!;
        rows.push({
          measure: 'weights',
          series: 'example',
          step,
          head: head + 1,
          queryPosition: q + 1,
          keyPosition: k + 1,
          queryToken: String(example.tokens[q]),
          keyToken: String(example.tokens[k]),
          weight,
        });
      }
    }
  }
  return rows;
}

/** A training run of the two models, which can be run again for more steps (continue) or stopped between steps (pause). */
export interface StateTrackingSession extends Session<StateParams, StateRow> {
  readonly trainer: Trainer;
}

export async function createStateTrackingSession(context: SweepContext<StateParams, StateRow>): Promise<StateTrackingSession> {
  const { params } = context;
  const settings: StateSettings = STATE_SETTINGS[context.backend.kind];
  const trainer = await createTrainer(
    context.backend,
    { shape: runningSumShape(params.modulus), lstmWidth: params.lstmWidth, heads: settings.heads, learningRate: params.learningRate, seed: params.seed },
    context.signal,
  );
  const longest = LONGEST_MULTIPLE * params.length;
  const lengths = testedLengths(params.length, settings.testedMultiples);
  const heldOut = runningSumBatch({ modulus: params.modulus, length: longest }, settings.evaluationBatch, heldOutSeed(params.seed, HELD_OUT_INDEX));
  const example = runningSumBatch({ modulus: params.modulus, length: 2 * params.length }, 1, heldOutSeed(params.seed, EXAMPLE_INDEX));
  let lastExampleStep = -1;
  /** The example's answers and the attention weights on it (every position is a query), at the trainer's step. */
  const emitExample = async (run: SweepContext<StateParams, StateRow>) => {
    const answers = await trainer.evaluate(example);
    const weights = await trainer.attentionWeights(example);
    const step = trainer.steps;
    lastExampleStep = step;
    for (const row of exampleRows(example, answers, weights, settings.heads, step)) run.emit(row);
  };
  let reported = false;
  return {
    trainer,
    async run(steps, run, shouldPause) {
      if (!reported) {
        for (const row of modelRows(trainer, (kind, width) => (kind === 'lstm' ? lstmStateNumbers(width) : attentionCacheNumbersAfter(longest, width))))
          run.emit(row);
        reported = true;
      }
      let last: Record<ModelKind, Evaluation> | undefined;
      let lastStep = -1;
      const result = await trainSteps(trainer, {
        steps,
        evaluations: EVALUATIONS,
        lossPoints: LOSS_POINTS,
        signal: run.signal,
        shouldPause,
        batch: (step) => runningSumBatch({ modulus: params.modulus, length: params.length }, settings.batch, trainingSeed(params.seed, step)),
        onLoss: ({ step, loss }) => {
          for (const kind of MODEL_KINDS) run.emit({ measure: 'training', series: MODEL_SERIES[kind], step, trainingLoss: loss[kind] });
        },
        onEvaluate: async (step) => {
          last = await trainer.evaluate(heldOut);
          lastStep = step;
          for (const row of lengthRows(heldOut, last, [params.length, longest], step, 'held-out')) run.emit(row);
          await emitExample(run);
        },
        onProgress: (done, total, label) => run.progress(done, total + 1, label),
      });
      // A paused run ends between evaluations: read the final accuracies at the step it reached.
      if (!last || lastStep !== trainer.steps) last = await trainer.evaluate(heldOut);
      for (const row of lengthRows(heldOut, last, lengths, trainer.steps, 'length')) run.emit(row);
      if (result.paused || lastExampleStep !== trainer.steps) await emitExample(run);
      run.progress(1, 1, 'done');
      return { paused: result.paused };
    },
    dispose: () => trainer.dispose(),
  };
}

export const sweepStateTracking: Sweep<StateParams, StateRow> = async (context) => {
  if (context.backend.kind === 'cpu') {
    context.notice(
      `The CPU path trains on batches of ${STATE_SETTINGS.cpu.batch} sequences (WebGPU: ${STATE_SETTINGS.webgpu.batch}), so its results differ from a WebGPU run with the same seed.`,
    );
  }
  const session = await createStateTrackingSession(context);
  try {
    await session.run(context.params.steps, context);
  } finally {
    session.dispose();
  }
};
