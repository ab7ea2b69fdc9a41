/** The recall-training sentences on synthetic rows, one outcome each: solves, fails at large N (a plateau), still learning, attention fails. */
import { describe, expect, test } from 'vitest';
import { ATTENTION_MODEL_SERIES as ATTENTION, LSTM_MODEL_SERIES as LSTM } from '../../../../src/experiments/shared/series';
import {
  evaluationPairs,
  RECALL_SETTINGS,
  recallTraining,
  trainedPairs,
  type TrainingParams,
  type TrainingRow,
} from '../../../../src/experiments/recall-training/definition';
import {
  accuracySentence,
  readPlateau,
  recallOutcome,
  stateSentence,
  summarizeRecall,
  verdictSentence,
} from '../../../../src/experiments/recall-training/summary';
import { accuracyFields } from '../../../../src/experiments/shared/training';

const PARAMS: TrainingParams = { pairs: 8, lstmWidth: 32, steps: 300, learningRate: 0.02, seed: 1 };
const QUERIES = 512;

const model = (series: string, width: number, parameters: number, carriedNumbers: number): TrainingRow => ({
  measure: 'model',
  series,
  width,
  parameters,
  carriedNumbers,
});
const final = (series: string, pairs: number, accuracy: number): TrainingRow => ({
  measure: 'length',
  series,
  pairs,
  step: 300,
  heldOutLoss: 1 - accuracy,
  ...accuracyFields(Math.round(accuracy * QUERIES), QUERIES),
});
/** Ten evaluations at N = 8, the LSTM's accuracy and loss following `curve` (a function of the step). */
const curve = (series: string, accuracy: (step: number) => number, loss: (step: number) => number): TrainingRow[] =>
  Array.from({ length: 10 }, (_, k) => (k + 1) * 30).map((step) => ({
    measure: 'held-out' as const,
    series,
    step,
    pairs: 8,
    heldOutLoss: loss(step),
    ...accuracyFields(Math.round(accuracy(step) * QUERIES), QUERIES),
  }));

const models = [model(LSTM, 32, 10152, 64), model(ATTENTION, 44, 10436, 1408)];
const attentionSolves = [
  final(ATTENTION, 2, 1),
  final(ATTENTION, 4, 1),
  final(ATTENTION, 8, 0.99),
  ...curve(
    ATTENTION,
    () => 0.99,
    () => 0.02,
  ),
];
const lstmCapacity = [final(LSTM, 2, 0.95), final(LSTM, 4, 0.6), final(LSTM, 8, 0.3)];
const plateau = curve(
  LSTM,
  (step) => (step < 150 ? step / 500 : 0.3),
  (step) => (step < 150 ? 2 - step / 200 : 1.25),
);
const stillLearning = curve(
  LSTM,
  (step) => step / 1000,
  (step) => 2 - step / 300,
);

describe('what the run trains and reads', () => {
  test('every power of two from 2 up to N, then twice the largest where the keys allow', () => {
    expect(trainedPairs(8)).toEqual([2, 4, 8]);
    expect(trainedPairs(6)).toEqual([2, 4, 6]);
    expect(evaluationPairs(8, 16)).toEqual([2, 4, 8, 16]);
    expect(evaluationPairs(16, 16)).toEqual([2, 4, 8, 16]);
  });

  test('both backends train on the same batches; the CPU path defaults to steps within its maximum', () => {
    expect(RECALL_SETTINGS.cpu).toEqual(RECALL_SETTINGS.webgpu);
    const steps = recallTraining.params.find((spec) => spec.key === 'steps')!;
    expect(steps.cpuMax).toBeGreaterThanOrEqual(Number(steps.cpuDefault));
  });
});

describe('outcomes', () => {
  test('solves a small N, fails at the largest after a plateau, attention solves: the claim is shown, with intervals', () => {
    const rows = [...models, ...attentionSolves, ...lstmCapacity, ...plateau];
    const summary = summarizeRecall(rows, PARAMS);
    expect(summary.verdict).toBe('shows');
    expect(summary.headline).toBe(
      'With 8 key–value pairs to hold, the attention model answered 99% (95% interval 97.7%–99.6%, 507 of 512) of the held-out queries at N = 8 and the LSTM 30.1% (95% interval 26.3%–34.2%, 154 of 512), ' +
        'after solving N = 2 (94.9%); over the last 40% of training its held-out loss there went from 1.250 to 1.250.',
    );
    expect(summary.sentences[0]).toBe(
      'This run shows the chapter’s claim: the LSTM solved a small N but not N = 8, and had stopped improving there, while attention solved N = 8.',
    );
    expect(summary.sentences.length).toBeLessThanOrEqual(3);
    expect(accuracySentence(rows, LSTM)).toBe(
      'The LSTM solved N up to N = 2: 94.9% (95% interval 92.7%–96.5%, 486 of 512), and fell below 90% at N = 4: 60% (95% interval 55.7%–64.1%, 307 of 512); and N = 8: 30.1% (95% interval 26.3%–34.2%, 154 of 512).',
    );
    expect(summary.details).toContain(accuracySentence(rows, LSTM));
    expect(readPlateau(rows, LSTM, 8)?.state).toBe('plateau');
    expect(summary.sentences.join(' ')).toContain(
      'changed nothing the intervals can see, and the loss fell by less than 10%. More steps were not what it lacked',
    );
  });

  test('still learning at the largest N: the run says it cannot tell capacity from too few steps', () => {
    const rows = [...models, ...attentionSolves, ...lstmCapacity, ...stillLearning];
    expect(readPlateau(rows, LSTM, 8)?.state).toBe('still-learning');
    const summary = summarizeRecall(rows, PARAMS);
    expect(summary.verdict).toBe('noisy');
    expect(summary.sentences[0]).toContain('the LSTM was still learning, so this run cannot yet say its state is the limit');
    expect(summary.sentences.join(' ')).toContain('it was still learning, so this run cannot tell a state too small from too few steps');
  });

  test('the LSTM solving every N contradicts the claim on this device, and says the bottleneck needs a larger N', () => {
    const rows = [...models, ...attentionSolves, final(LSTM, 2, 1), final(LSTM, 4, 0.97), final(LSTM, 8, 0.93), ...plateau];
    expect(recallOutcome(rows, PARAMS)).toBe('lstm-solves-largest');
    expect(summarizeRecall(rows, PARAMS).verdict).toBe('contradicts');
    expect(verdictSentence(rows, PARAMS)).toContain('the LSTM solved N = 8 as well as attention did');
    expect(accuracySentence(rows, LSTM)).toMatch(/^The LSTM solved every N read/);
  });

  test('attention failing says the run cannot show the claim', () => {
    const rows = [...models, final(ATTENTION, 8, 0.5), ...lstmCapacity, ...plateau];
    expect(summarizeRecall(rows, PARAMS).verdict).toBe('noisy');
    expect(verdictSentence(rows, PARAMS)).toContain('the attention model did not solve N = 8 either');
  });

  test('an LSTM that solves no N cannot be said to fail for want of memory', () => {
    const rows = [...models, ...attentionSolves, final(LSTM, 2, 0.55), final(LSTM, 4, 0.4), final(LSTM, 8, 0.3), ...plateau];
    expect(summarizeRecall(rows, PARAMS).verdict).toBe('noisy');
    expect(verdictSentence(rows, PARAMS)).toContain('the LSTM solved no smaller N either');
  });

  test('an LSTM just under 90% at the largest N, its interval reaching 90%, is not called a failure', () => {
    const rows = [...models, ...attentionSolves, final(LSTM, 2, 1), final(LSTM, 4, 0.95), { ...final(LSTM, 8, 0.88), ...accuracyFields(44, 50) }, ...plateau];
    expect(recallOutcome(rows, PARAMS)).toBe('lstm-not-clearly-failing');
    expect(summarizeRecall(rows, PARAMS).verdict).toBe('noisy');
  });

  test('the state sentence sets h and c beside the attention cache', () => {
    expect(stateSentence(models[0]!, models[1]!, 8)).toBe(
      'At N = 8 pairs the LSTM carries 64 numbers from token to token (its h and c, whatever N is); ' +
        "the attention model's cache holds 1,408 (a key and a value of width 44 for each of the 16 pair tokens).",
    );
  });

  test('no rows: no verdict to give, and the headline says why', () => {
    expect(summarizeRecall([], PARAMS)).toEqual({
      headline: 'No accuracies yet: the run has not finished training.',
      verdict: 'noisy',
      sentences: [],
      details: [],
    });
  });
});
