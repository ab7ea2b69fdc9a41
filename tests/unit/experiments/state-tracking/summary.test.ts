/** The state-tracking sentences on synthetic rows, one outcome each: the LSTM generalises, attention fails, attention generalises, still learning. */
import { describe, expect, test } from 'vitest';
import { ATTENTION_MODEL_SERIES as ATTENTION, LSTM_MODEL_SERIES as LSTM } from '../../../../src/experiments/shared/series';
import { stateTracking, testedLengths, type StateParams, type StateRow } from '../../../../src/experiments/state-tracking/definition';
import { stateOutcome, stillLearningSentence, summarizeStateTracking, verdictSentence, WHY_SENTENCE } from '../../../../src/experiments/state-tracking/summary';
import { correctAtLength } from '../../../../src/experiments/state-tracking/sweep';
import { accuracyFields } from '../../../../src/experiments/shared/training';

const PARAMS: StateParams = { length: 16, modulus: 2, lstmWidth: 16, steps: 120, learningRate: 0.01, seed: 1 };
const SEQUENCES = 64;
const final = (series: string, length: number, accuracy: number): StateRow => ({
  measure: 'length',
  series,
  length,
  step: 120,
  ...accuracyFields(Math.round(accuracy * SEQUENCES), SEQUENCES),
});
const finals = (series: string, accuracy: (length: number) => number) => testedLengths(16).map((length) => final(series, length, accuracy(length)));
const models: StateRow[] = [
  { measure: 'model', series: LSTM, width: 16, parameters: 2226, carriedNumbers: 32 },
  { measure: 'model', series: ATTENTION, width: 22, parameters: 2180, carriedNumbers: 2816 },
];

describe('lengths', () => {
  test('half of L to 4L', () => {
    expect(testedLengths(16)).toEqual([8, 16, 24, 32, 48, 64]);
    expect(testedLengths(3)).toEqual([2, 3, 5, 6, 9, 12]);
  });

  test('the CPU path has smaller, stated defaults', () => {
    for (const key of ['length', 'steps']) {
      const spec = stateTracking.params.find((candidate) => candidate.key === key)!;
      expect(spec.cpuDefault).toBeLessThan(spec.defaultValue as number);
    }
  });

  test('accuracy after n tokens reads the answer at position n of each sequence', () => {
    const data = { batch: 2, length: 3, answers: 3, tokens: new Int32Array(6), targets: Int32Array.from([0, 1, 1, 1, 1, 0]) };
    expect(correctAtLength(data, Int32Array.from([0, 1, 0, 1, 1, 0]), 3)).toBe(1);
    expect(correctAtLength(data, Int32Array.from([0, 1, 0, 1, 1, 0]), 2)).toBe(2);
  });
});

describe('outcomes', () => {
  test('the LSTM generalises and attention falls to chance beyond L: the claim is shown', () => {
    const rows = [...models, ...finals(LSTM, () => 1), ...finals(ATTENTION, (length) => (length <= 16 ? 0.95 : 0.5))];
    const summary = summarizeStateTracking(rows, PARAMS);
    expect(summary.verdict).toBe('shows');
    expect(summary.headline).toBe(
      'Trained on sequences of up to 16 digits, the LSTM kept the running sum mod 2 right after 64 digits on 100% (95% interval 94.3%–100%, 64 of 64) of held-out sequences ' +
        'and the attention model on 50% (95% interval 38.1%–61.9%, 32 of 64); chance is 50%.',
    );
    const [sentences, details] = [summary.sentences, summary.details];
    expect(sentences[0]).toBe(
      'This run shows the chapter’s claim: the LSTM, whose state is updated token by token, kept the running sum right out to 64 digits; the attention model did not.',
    );
    expect(details[0]).toBe('The LSTM generalised: 100% (95% interval 94.3%–100%, 64 of 64) right after 64 digits, 4 times the 16 digits it was trained on.');
    expect(details[1]).toContain('The attention model learnt the trained length (95.3% (95% interval 87.1%–98.4%, 61 of 64) right after 16 digits)');
    expect(details[1]).toContain('at chance (chance is 50%, inside the interval)');
    expect(stateOutcome(rows, ATTENTION, 16)).toBe('fits-only-trained-lengths');
    expect(sentences.at(-1)).toBe(WHY_SENTENCE);
    expect(sentences.length).toBeLessThanOrEqual(3);
  });

  test('attention that never fits the trained length either says so', () => {
    const rows = [...models, ...finals(LSTM, () => 1), ...finals(ATTENTION, () => 0.5)];
    expect(stateOutcome(rows, ATTENTION, 16)).toBe('fails-at-trained-length');
    expect(summarizeStateTracking(rows, PARAMS).verdict).toBe('shows');
    expect(summarizeStateTracking(rows, PARAMS).details[1]).toMatch(/^The attention model did not learn the sum even at the trained length/);
  });

  test('attention that generalises is reported honestly', () => {
    const rows = [...models, ...finals(LSTM, () => 1), ...finals(ATTENTION, () => 0.97)];
    const summary = summarizeStateTracking(rows, PARAMS);
    expect(summary.verdict).toBe('contradicts');
    expect(summary.sentences).not.toContain(WHY_SENTENCE);
    expect(verdictSentence(rows, PARAMS)).toBe(
      'On this device attention generalised to 64 digits too, with sinusoidal positions; this run does not show the gap the chapter describes.',
    );
  });

  test('an LSTM that does not reach 4L means the run cannot show the claim', () => {
    const rows = [...models, ...finals(LSTM, (length) => (length <= 32 ? 0.95 : 0.7)), ...finals(ATTENTION, () => 0.5)];
    expect(verdictSentence(rows, PARAMS)).toMatch(/^This run cannot show the chapter’s claim/);
    expect(summarizeStateTracking(rows, PARAMS).verdict).toBe('noisy');
  });

  test('still learning: the last two evaluations at 4L apart by more than their intervals', () => {
    const evaluation = (step: number, accuracy: number): StateRow => ({
      measure: 'held-out',
      series: LSTM,
      step,
      length: 64,
      ...accuracyFields(Math.round(accuracy * SEQUENCES), SEQUENCES),
    });
    expect(stillLearningSentence([evaluation(108, 0.55), evaluation(120, 0.95)], LSTM, PARAMS)).toContain('was still learning at the end');
    expect(stillLearningSentence([evaluation(108, 0.94), evaluation(120, 0.95)], LSTM, PARAMS)).toBeUndefined();
    const rows = [...models, ...finals(LSTM, () => 1), ...finals(ATTENTION, () => 0.5), evaluation(108, 0.55), evaluation(120, 0.95)];
    const summary = summarizeStateTracking(rows, PARAMS);
    expect(summary.sentences[1]).toContain('The LSTM was still learning at the end');
    expect(summary.sentences.length).toBe(3);
  });
});
