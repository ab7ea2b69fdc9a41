/** The bottleneck experiment's sentences and its longest-T rule, from synthetic rows, for each outcome the rows can show. */
import { describe, expect, test } from 'vitest';
import { longestHolding, HELD_EVERYWHERE, type BottleneckParams, type BottleneckRow } from '../../../../src/experiments/bottleneck/definition';
import { summarizeBottleneck } from '../../../../src/experiments/bottleneck/summary';
import {
  ATTENTION_RECALL_SERIES,
  CAPACITY_ESTIMATE_SERIES,
  CAPACITY_MEASURED_SERIES,
  FIXED_STATE_SERIES,
  WINDOW_RECALL_SERIES,
} from '../../../../src/experiments/shared/series';

const params: BottleneckParams = { stateSize: 256, maxT: 32, position: 3 };

/** Accuracy rows of one method at one state size, from accuracy by T. */
function accuracyRows(series: string, stateSize: number | undefined, byT: Array<[number, number]>): BottleneckRow[] {
  return byT.map(([T, accuracy]) => ({ series, stateSize, T, accuracy, questions: T, storedNumbers: stateSize ?? 2 * T * 64 }));
}

const attention = accuracyRows(ATTENTION_RECALL_SERIES, undefined, [
  [8, 1],
  [16, 0.9375],
  [32, 1],
]);

describe('the longest T that holds 50%', () => {
  test('the T before the first failure, even if a later T recovers', () => {
    expect(
      longestHolding(
        new Map([
          [8, 0.9],
          [16, 0.5],
          [32, 0.4],
          [64, 0.6],
        ]),
      ),
    ).toEqual({ longest: 16, held: false });
  });
  test('held at every T: the longest tried, marked as a lower bound', () => {
    expect(
      longestHolding(
        new Map([
          [8, 1],
          [16, 0.75],
        ]),
      ),
    ).toEqual({ longest: 16, held: true });
  });
  test('failed at the shortest T: no length', () => {
    expect(
      longestHolding(
        new Map([
          [8, 0.25],
          [16, 0.1],
        ]),
      ),
    ).toEqual({ longest: undefined, held: false });
  });
});

describe('the bottleneck summary', () => {
  test('no rows, no sentences', () => {
    expect(summarizeBottleneck([], params)).toEqual([]);
  });

  test('the fixed state falls at your m; the window fails at once; attention holds; the path of a pair is a sum without order', () => {
    const rows = [
      ...attention,
      ...accuracyRows(FIXED_STATE_SERIES, 256, [
        [8, 0.75],
        [16, 0.5],
        [32, 0.34],
      ]),
      ...accuracyRows(WINDOW_RECALL_SERIES, 256, [
        [8, 0.25],
        [16, 0.125],
        [32, 0.0625],
      ]),
      // Another state size's rows must not leak into the sentences about m = 256.
      ...accuracyRows(FIXED_STATE_SERIES, 4096, [
        [8, 1],
        [16, 1],
        [32, 1],
      ]),
    ];
    expect(summarizeBottleneck(rows, params)).toEqual([
      'The fixed state of m = 256 numbers fell below 50% at T = 32; the longest T that held was 16; the estimate T ≈ m/(2 ln T) gives 35.',
      'Attention given the same 256 numbers (a window of the last pairs) fell below 50% at T = 8 (already at the shortest T).',
      'Attention over all T pairs, whose memory grows with T, stayed between 93.8% and 100.0% at every T.',
      'The pair at position 3 of 32: attention reads it in one hop; the fixed state holds it only as one term of a sum of 32 outer products, which has no order, so reading it back returns it with the crosstalk of the other 31 pairs, wherever it stood.',
    ]);
  });

  test('a fixed state that holds at every T says so, and a non-square m is read as the square it keeps', () => {
    const rows = accuracyRows(FIXED_STATE_SERIES, 25, [
      [8, 1],
      [16, 0.5],
    ]);
    // m = 32 keeps a 5 × 5 state, 25 numbers: 2·6·ln 6 = 21.5 ≤ 25 < 2·7·ln 7 = 27.2, so the estimate is 6.
    expect(summarizeBottleneck(rows, { ...params, stateSize: 32 })[0]).toBe(
      'The fixed state of m = 25 numbers stayed at or above 50% at every T up to 16; the estimate T ≈ m/(2 ln T) gives 6.',
    );
  });

  test('the position is clamped to the longest T measured', () => {
    expect(summarizeBottleneck(attention, { ...params, position: 4096 }).at(-1)).toContain('The pair at position 32 of 32:');
  });

  test('across state sizes: measured against the estimate, a lower bound marked "at least", a failure at the shortest T, and the ratio range', () => {
    const rows: BottleneckRow[] = [
      { series: CAPACITY_MEASURED_SERIES, stateSize: 1024, T: 54 },
      { series: CAPACITY_ESTIMATE_SERIES, stateSize: 1024, T: 109 },
      { series: CAPACITY_MEASURED_SERIES, stateSize: 16, T: undefined },
      { series: CAPACITY_MEASURED_SERIES, stateSize: 256, T: 16 },
      { series: CAPACITY_MEASURED_SERIES, stateSize: 4096, T: 1024, note: HELD_EVERYWHERE },
    ];
    expect(summarizeBottleneck(rows, params)).toEqual([
      'Longest T at 50% or more, measured against the estimate T ≈ m/(2 ln T): m = 16: below 50% at the shortest T (estimate 4); m = 256: 16 (estimate 35); m = 1,024: 54 (estimate 109); m = 4,096: at least 1,024 (estimate 349).',
      // 16/35 = 0.457, 54/109 = 0.495; the lower bound at m = 4,096 is left out of the ratio.
      'Where it fell, the measured length was between 0.46× and 0.50× the estimate.',
    ]);
  });

  test('one ratio is stated as one number', () => {
    const rows: BottleneckRow[] = [{ series: CAPACITY_MEASURED_SERIES, stateSize: 256, T: 35 }];
    expect(summarizeBottleneck(rows, params).at(-1)).toBe('Where it fell, the measured length was 1.00× the estimate.');
  });
});
