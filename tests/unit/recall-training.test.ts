/** The training experiment's sentences, each outcome on synthetic rows, and its pure helpers. */
import { describe, expect, test } from 'vitest';
import { TRAINING_DEFAULTS } from '../../kernels/train/host';
import {
  evaluationLengths,
  exampleSentence,
  outcomeSentence,
  parameterSentence,
  recallTraining,
  stateSentence,
  summarizeTraining,
  TASK_KEYS,
  thresholdSentence,
  type TrainingParams,
  type TrainingRow,
} from '../../src/experiments/definitions/recall-training';
import { ATTENTION_MODEL_SERIES, LSTM_MODEL_SERIES } from '../../src/experiments/shared/series';
import { exampleRows, trainingConfig } from '../../src/experiments/sweeps/recall-training';

const PARAMS: TrainingParams = { pairs: 8, lstmWidth: 32, steps: 200, learningRate: 0.01, seed: 1 };

const model = (series: string, width: number, parameters: number, carriedNumbers: number): TrainingRow => ({
  measure: 'model',
  series,
  width,
  parameters,
  carriedNumbers,
});
const evaluation = (series: string, step: number, heldOutAccuracy: number): TrainingRow => ({
  measure: 'training',
  series,
  step,
  trainingLoss: 1,
  heldOutAccuracy,
});
const atLength = (series: string, pairs: number, accuracyAtPairs: number): TrainingRow => ({ measure: 'length', series, pairs, accuracyAtPairs });

describe('the parameter-matching sentence', () => {
  test('counts within 10% are said to be matched, with the difference', () => {
    expect(parameterSentence(model(LSTM_MODEL_SERIES, 32, 11952, 64), model(ATTENTION_MODEL_SERIES, 42, 11986, 1344))).toBe(
      'The LSTM (width 32) has 11,952 parameters and the attention model (width 42) 11,986: within 0.284% of each other, so neither wins by size.',
    );
  });

  test('counts more than 10% apart are said to be, with a warning', () => {
    const sentence = parameterSentence(model(LSTM_MODEL_SERIES, 8, 1000, 16), model(ATTENTION_MODEL_SERIES, 10, 1200, 320));
    expect(sentence).toContain('they differ by 20%, more than the 10% this comparison needs');
  });
});

test('the state sentence sets the LSTM’s h and c beside the attention cache at the trained N', () => {
  expect(stateSentence(model(LSTM_MODEL_SERIES, 32, 11952, 64), model(ATTENTION_MODEL_SERIES, 42, 11986, 1344), 8)).toBe(
    'At N = 8 pairs the LSTM carries 64 numbers from token to token (its h and c, whatever N is); ' +
      "the attention model's cache holds 1,344 (a key and a value of width 42 for each of the 16 pair tokens).",
  );
});

describe('the outcome at the trained N', () => {
  test('a settled accuracy at or above 90% says the model solves the task', () => {
    const rows = [evaluation(LSTM_MODEL_SERIES, 180, 0.95), evaluation(LSTM_MODEL_SERIES, 200, 0.96)];
    expect(outcomeSentence(LSTM_MODEL_SERIES, rows, 8)).toBe(
      'After 200 steps, the LSTM answered 96% of held-out queries at N = 8: the LSTM solves the task at this N (at least 90%).',
    );
  });

  test('a settled accuracy below 90% says so', () => {
    const rows = [evaluation(ATTENTION_MODEL_SERIES, 180, 0.41), evaluation(ATTENTION_MODEL_SERIES, 200, 0.4)];
    expect(outcomeSentence(ATTENTION_MODEL_SERIES, rows, 8)).toBe(
      'After 200 steps, the attention model answered 40% of held-out queries at N = 8: below the 90% this page counts as solving it.',
    );
  });

  test('an accuracy still changing at the end says more steps may change it', () => {
    const rows = [evaluation(LSTM_MODEL_SERIES, 180, 0.5), evaluation(LSTM_MODEL_SERIES, 200, 0.7)];
    expect(outcomeSentence(LSTM_MODEL_SERIES, rows, 8)).toContain(
      'Its accuracy was still changing at the end (50% at step 180), so more steps may change this.',
    );
  });

  test('rows without a held-out evaluation make no sentence', () => {
    expect(outcomeSentence(LSTM_MODEL_SERIES, [{ measure: 'training', series: LSTM_MODEL_SERIES, step: 1, trainingLoss: 2 }], 8)).toBeUndefined();
  });
});

describe('the N at which a model fell below 90%', () => {
  test('named when it is more than the trained N', () => {
    const rows = [atLength(LSTM_MODEL_SERIES, 4, 1), atLength(LSTM_MODEL_SERIES, 8, 0.95), atLength(LSTM_MODEL_SERIES, 16, 0.3)];
    expect(thresholdSentence(LSTM_MODEL_SERIES, rows, 8)).toBe('The LSTM first fell below 90% at N = 16 (30%), more pairs than the 8 it was trained on.');
  });

  test('named without that clause at or below the trained N', () => {
    const rows = [atLength(LSTM_MODEL_SERIES, 2, 1), atLength(LSTM_MODEL_SERIES, 8, 0.5)];
    expect(thresholdSentence(LSTM_MODEL_SERIES, rows, 8)).toBe('The LSTM first fell below 90% at N = 8 (50%).');
  });

  test('below already at the smallest N read', () => {
    const rows = [atLength(ATTENTION_MODEL_SERIES, 1, 0.2), atLength(ATTENTION_MODEL_SERIES, 2, 0.1)];
    expect(thresholdSentence(ATTENTION_MODEL_SERIES, rows, 8)).toBe('The attention model was below 90% already at N = 1, the smallest N read (20%).');
  });

  test('never below: up to the largest N read', () => {
    const rows = [atLength(ATTENTION_MODEL_SERIES, 32, 0.99), atLength(ATTENTION_MODEL_SERIES, 1, 1)];
    expect(thresholdSentence(ATTENTION_MODEL_SERIES, rows, 8)).toBe('The attention model stayed at or above 90% at every N read, up to N = 32.');
  });
});

test('the example sentence counts right answers for each model', () => {
  const query = (lstmAnswer: string, attentionAnswer: string): TrainingRow => ({
    measure: 'example',
    series: 'example',
    rightValue: 'v1',
    lstmAnswer,
    attentionAnswer,
  });
  expect(exampleSentence([query('v1', 'v1'), query('v2', 'v1'), query('v3', 'v0')])).toBe(
    'On the example sequence, the LSTM answered 1 of 3 queries right and the attention model 2.',
  );
  expect(exampleSentence([])).toBeUndefined();
});

test('the summary reads every kind of row, in order, and says nothing without rows', () => {
  expect(summarizeTraining([], PARAMS)).toEqual([]);
  const rows = [
    model(LSTM_MODEL_SERIES, 32, 11952, 64),
    model(ATTENTION_MODEL_SERIES, 42, 11986, 1344),
    evaluation(LSTM_MODEL_SERIES, 200, 0.3),
    evaluation(ATTENTION_MODEL_SERIES, 200, 1),
    atLength(LSTM_MODEL_SERIES, 8, 0.3),
    atLength(ATTENTION_MODEL_SERIES, 8, 1),
  ];
  const summary = summarizeTraining(rows, PARAMS);
  expect(summary).toHaveLength(6);
  expect(summary[2]).toContain('the LSTM answered 30%');
  expect(summary[3]).toContain('the attention model solves the task');
});

test('accuracy after training is read at powers of two up to the keys, and at the trained N', () => {
  expect(evaluationLengths(6, 32)).toEqual([1, 2, 4, 6, 8, 16, 32]);
  expect(evaluationLengths(8, 16)).toEqual([1, 2, 4, 8, 16]);
});

test('the experiment’s WebGPU defaults are the trainer’s, the ones npm run bench:train measures', () => {
  const defaults = Object.fromEntries(recallTraining.params.map((spec) => [spec.key, spec.defaultValue]));
  const { task, lstmWidth, steps, learningRate, seed } = TRAINING_DEFAULTS;
  expect(defaults).toEqual({ pairs: task.pairs, lstmWidth, steps, learningRate, seed });
});

test('the definition’s N range leaves room to read accuracy at twice the trained N', () => {
  expect(TASK_KEYS).toBe(TRAINING_DEFAULTS.task.keys);
  const pairs = recallTraining.params.find((spec) => spec.key === 'pairs')!;
  expect(2 * pairs.max!).toBeLessThanOrEqual(TASK_KEYS);
});

test('the configuration takes the reader’s parameters over the backend’s defaults', () => {
  const gpu = trainingConfig({ ...PARAMS, pairs: 3, learningRate: 0.002 }, 'webgpu');
  expect(gpu.task).toEqual({ ...TRAINING_DEFAULTS.task, pairs: 3, queries: 3 });
  expect(gpu.learningRate).toBe(0.002);
  expect(trainingConfig(PARAMS, 'cpu').batch).toBeLessThan(gpu.batch);
});

test('the example’s rows: each query’s answers, and each head’s weight on the value after the key asked for', () => {
  // Keys 0–3, values 4–5 (v0, v1); pairs k2 v1, k0 v0; then the query k0, whose answer v0 sits at position 3.
  const tokens = Int32Array.from([2, 5, 0, 4, 0]);
  const targets = Int32Array.from([-1, -1, -1, -1, 0]);
  const length = tokens.length;
  const attentionWeights = new Float64Array(length * length);
  attentionWeights.set([0.1, 0.1, 0.1, 0.6, 0.1], 4 * length);
  const rows = exampleRows(
    { tokens, targets, answers: { lstm: Int32Array.from([0, 0, 0, 0, 1]), attention: Int32Array.from([0, 0, 0, 0, 0]) }, attentionWeights, heads: 1 },
    4,
    2,
  );
  expect(rows).toEqual([
    { measure: 'example', series: 'example', query: 1, key: 'k0', rightValue: 'v0', lstmAnswer: 'v1', attentionAnswer: 'v0' },
    {
      measure: 'weights',
      series: 'example',
      head: 1,
      query: 1,
      key: 'k0',
      weightOnRightValue: 0.6,
      weights: 'v0 at position 4: 0.60; k2 at position 1: 0.10; v1 at position 2: 0.10',
    },
  ]);
});
