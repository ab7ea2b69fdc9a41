/** The bottleneck experiment's headline, verdict and longest-T rule, from synthetic rows, for each outcome: shows, contradicts, noisy. */
import { describe, expect, test } from 'vitest';
import { longestHolding, HELD_EVERYWHERE, type BottleneckParams, type BottleneckRow } from '../../../../src/experiments/bottleneck/definition';
import { summarizeBottleneck } from '../../../../src/experiments/bottleneck/summary';
import { drawsAt, holdingAt, tallyInterval } from '../../../../src/experiments/bottleneck/holding';
import {
  ATTENTION_RECALL_SERIES,
  CAPACITY_ESTIMATE_SERIES,
  CAPACITY_MEASURED_SERIES,
  FIXED_STATE_SERIES,
  WINDOW_RECALL_SERIES,
} from '../../../../src/experiments/shared/series';

const params: BottleneckParams = { stateSize: 256, maxT: 128 };

/** Accuracy rows of one method at one state size, from [T, right answers] with 64 questions each. */
function accuracyRows(series: string, stateSize: number | undefined, byT: Array<[number, number]>, questions = 64): BottleneckRow[] {
  return byT.map(([T, correct]) => {
    const { estimate, low, high } = tallyInterval({ correct: correct, questions: questions });
    return { series, stateSize, T, accuracy: estimate, low, high, correct, questions, storedNumbers: stateSize ?? 2 * T * 64 };
  });
}

const tallies = (entries: Array<[number, number]>, questions = 64) => new Map(entries.map(([t, correct]) => [t, { correct, questions }]));

const attentionHolds = accuracyRows(ATTENTION_RECALL_SERIES, undefined, [
  [8, 64],
  [16, 62],
  [32, 64],
  [64, 63],
  [128, 64],
]);

describe('the Wilson interval', () => {
  test('matches a worked value and stays inside [0, 1]', () => {
    // 32 of 64: p = 0.5, centre 0.5, half-width 1.96·√(0.25/64 + 3.84/16384)/(1 + 3.84/64) = 0.1190.
    const { low, high } = tallyInterval({ correct: 32, questions: 64 });
    expect(low).toBeCloseTo(0.381, 3);
    expect(high).toBeCloseTo(0.619, 3);
    expect(tallyInterval({ correct: 64, questions: 64 }).high).toBe(1);
    expect(tallyInterval({ correct: 64, questions: 64 }).low).toBeGreaterThan(0.94);
    expect(tallyInterval({ correct: 0, questions: 64 }).low).toBe(0);
  });
  test('no questions: nothing is known', () => {
    expect(tallyInterval({ correct: 0, questions: 0 })).toMatchObject({ low: 0, high: 1 });
  });
});

describe('at least 64 questions at every T', () => {
  test('short sequences are drawn several times', () => {
    expect(drawsAt(8, 128)).toBe(8);
    expect(drawsAt(45, 128)).toBe(2);
    expect(drawsAt(64, 128)).toBe(1);
    expect(drawsAt(1024, 128)).toBe(1);
  });
});

describe('the longest T that holds 50%, decided on the interval', () => {
  test('27 of 64 (42%) straddles 50%: neither held nor fell', () => {
    expect(holdingAt({ correct: 27, questions: 64 })).toBe('undecided');
    expect(holdingAt({ correct: 20, questions: 64 })).toBe('fell');
    expect(holdingAt({ correct: 42, questions: 64 })).toBe('held');
  });
  test('the T before the first clear fall, even if a later T recovers; a straddling T is not counted as held', () => {
    expect(
      longestHolding(
        tallies([
          [8, 60],
          [16, 45],
          [32, 30],
          [64, 10],
          [128, 50],
        ]),
      ),
    ).toEqual({ longest: 16, fellAt: 64, heldEverywhere: false, isCapacity: true });
  });
  test('held at every T: the longest tried is only a lower bound', () => {
    expect(
      longestHolding(
        tallies([
          [8, 64],
          [16, 50],
        ]),
      ),
    ).toEqual({ longest: 16, fellAt: undefined, heldEverywhere: true, isCapacity: false });
  });
  test('held only at the shortest T: not a capacity', () => {
    expect(
      longestHolding(
        tallies([
          [8, 60],
          [16, 5],
        ]),
      ),
    ).toEqual({ longest: 8, fellAt: 16, heldEverywhere: false, isCapacity: false });
  });
});

describe('the bottleneck summary', () => {
  test('no rows: no headline', () => {
    expect(summarizeBottleneck([], params)).toEqual({ headline: '', verdict: 'noisy', sentences: [], details: [] });
  });

  test('shows the claim: the fixed state falls at your m on its interval while attention over all pairs holds', () => {
    const rows = [
      ...attentionHolds,
      ...accuracyRows(FIXED_STATE_SERIES, 256, [
        [8, 64],
        [16, 60],
        [32, 40],
        [64, 12],
        [128, 3],
      ]),
      ...accuracyRows(WINDOW_RECALL_SERIES, 256, [
        [8, 16],
        [16, 8],
        [32, 4],
        [64, 2],
        [128, 1],
      ]),
      // Another state size's rows must not leak into the sentences about m = 256.
      ...accuracyRows(FIXED_STATE_SERIES, 4096, [
        [8, 64],
        [16, 64],
      ]),
    ];
    const summary = summarizeBottleneck(rows, params);
    expect(summary.verdict).toBe('shows');
    expect(summary.headline).toBe(
      'The fixed state of m = 256 numbers fell below 50% at T = 64, with 18.8% (95% interval 11.1–30.0%); the longest T that held was 32, while attention over all T pairs answered between 96.9% and 100.0% right, lowest 96.9% (95% interval 89.3–99.1%) at T = 16.',
    );
    expect(summary.sentences).toEqual([
      'The estimate T ≈ m/(2 ln T) gives 35 for m = 256.',
      'Attention given the same 256 numbers (a window of the last pairs) fell below 50% at T = 8, with 25.0% (95% interval 16.0–36.8%), and no T before it held.',
    ]);
    expect(summary.details[0]).toContain('Wilson 95% interval');
  });

  test('contradicts the claim: attention over all pairs falls clearly below 50%', () => {
    const rows = [
      ...accuracyRows(ATTENTION_RECALL_SERIES, undefined, [
        [8, 64],
        [16, 10],
      ]),
      ...accuracyRows(FIXED_STATE_SERIES, 256, [
        [8, 64],
        [16, 10],
      ]),
    ];
    expect(summarizeBottleneck(rows, params).verdict).toBe('contradicts');
  });

  test('contradicts the claim: the fixed state holds at every T up to twice its estimate and beyond', () => {
    const rows = [
      ...attentionHolds,
      ...accuracyRows(FIXED_STATE_SERIES, 256, [
        [8, 64],
        [16, 64],
        [32, 60],
        [64, 55],
        [128, 50],
      ]),
    ];
    const summary = summarizeBottleneck(rows, params);
    expect(summary.verdict).toBe('contradicts');
    expect(summary.headline).toContain('held at or above 50% at every T up to 128 (95% intervals)');
  });

  test('too noisy to tell: the fixed state straddles 50% and never falls clearly', () => {
    const rows = [
      ...attentionHolds,
      ...accuracyRows(FIXED_STATE_SERIES, 256, [
        [8, 64],
        [16, 40],
        [32, 30],
        [64, 29],
        [128, 31],
      ]),
    ];
    const summary = summarizeBottleneck(rows, params);
    expect(summary.verdict).toBe('noisy');
    expect(summary.headline).toContain('never fell clearly below 50% up to T = 128, but its interval reached below 50% at 3 of 5 lengths');
    expect(summary.sentences.at(-1)).toContain('neither "held" nor "fell" is claimed');
  });

  test('a run too short to reach the estimate says so', () => {
    const rows = [
      ...attentionHolds.slice(0, 2),
      ...accuracyRows(FIXED_STATE_SERIES, 4096, [
        [8, 64],
        [16, 64],
      ]),
    ];
    const summary = summarizeBottleneck(rows, { stateSize: 4096, maxT: 16 });
    expect(summary.verdict).toBe('noisy');
    expect(summary.sentences[0]).toBe('The estimate for m = 4,096 is T ≈ 349; this run stopped at T = 16, too short to see the state fill.');
  });

  test('one accuracy everywhere is stated once, never "between 100.0% and 100.0%"', () => {
    const rows = accuracyRows(ATTENTION_RECALL_SERIES, undefined, [
      [8, 64],
      [16, 64],
    ]);
    const { headline } = summarizeBottleneck(rows, params);
    expect(headline).toBe('Attention over all T pairs answered 100.0% right at every T.');
    expect(headline).not.toContain('between');
  });

  test('across state sizes: measured against the estimate; the ratio range counts only bracketed capacities', () => {
    const rows: BottleneckRow[] = [
      { series: CAPACITY_MEASURED_SERIES, stateSize: 1024, T: 54, fellAt: 64 },
      { series: CAPACITY_ESTIMATE_SERIES, stateSize: 1024, T: 109 },
      // Held only at the shortest T tried: 8/4 = 2.00× would say more about where the sweep began than about the state.
      { series: CAPACITY_MEASURED_SERIES, stateSize: 16, T: 8, fellAt: 10, note: 'held only at the shortest T, or not at all' },
      { series: CAPACITY_MEASURED_SERIES, stateSize: 256, T: 16, fellAt: 19 },
      { series: CAPACITY_MEASURED_SERIES, stateSize: 4096, T: 1024, note: HELD_EVERYWHERE },
    ];
    const { details } = summarizeBottleneck(rows, params);
    expect(details).toContain(
      'Longest T held at 50% or more, measured against the estimate T ≈ m/(2 ln T): m = 16: 8 (fell at 10), estimate 4; m = 256: 16 (fell at 19), estimate 35; m = 1,024: 54 (fell at 64), estimate 109; m = 4,096: at least 1,024, estimate 349.',
    );
    // 16/35 = 0.457, 54/109 = 0.495; m = 16 and the lower bound at m = 4,096 are left out.
    expect(details.at(-1)).toBe(
      'Where a capacity was bracketed (2 of 4 state sizes; a length that held only at the shortest T tried, or never fell, is not one), the measured length was between 0.46× and 0.50× the estimate.',
    );
  });
});
