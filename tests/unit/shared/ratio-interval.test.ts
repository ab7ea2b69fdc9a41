/** The ratio intervals and the rules that turn them into leads, ties and noise, on synthetic repetitions. */
import { describe, expect, test } from 'vitest';
import {
  clocksDisagree,
  compareAt,
  crossings,
  formatInterval,
  offTrend,
  outcome,
  ratioInterval,
  reproduced,
} from '../../../src/experiments/shared/ratio-interval';
import { repetitions, TIGHT, WIDE } from '../experiments/samples';

describe('ratioInterval', () => {
  test('is deterministic for a seed and brackets the ratio of medians', () => {
    const a = repetitions(10, 0.3);
    const b = repetitions(20, 0.3);
    const first = ratioInterval(a, b)!;
    expect(ratioInterval(a, b)).toEqual(first);
    expect(first.ratio).toBe(0.5);
    expect(first.low).toBeLessThanOrEqual(0.5);
    expect(first.high).toBeGreaterThanOrEqual(0.5);
    expect(first.repetitions).toBe(5);
  });

  test('identical constant samples give a zero-width interval at the ratio', () => {
    expect(ratioInterval([2, 2, 2, 2, 2], [1, 1, 1, 1, 1])).toMatchObject({ ratio: 2, low: 2, high: 2 });
  });

  test('no usable repetitions give no interval', () => {
    expect(ratioInterval([], [1])).toBeUndefined();
    expect(ratioInterval([NaN, 0], [1])).toBeUndefined();
  });
});

describe('outcome', () => {
  test('a lead only when the interval excludes 1', () => {
    expect(compareAt(1, repetitions(1, TIGHT), repetitions(2, TIGHT)).outcome).toBe('a');
    expect(compareAt(1, repetitions(2, TIGHT), repetitions(1, TIGHT)).outcome).toBe('b');
  });

  test('a tie only when the whole interval lies within ±10%', () => {
    expect(compareAt(1, repetitions(1, TIGHT), repetitions(1.01, TIGHT)).outcome).toBe('tie');
    expect(outcome({ ratio: 1, low: 0.95, high: 1.05, repetitions: 5 })).toBe('tie');
    expect(outcome({ ratio: 1, low: 0.85, high: 1.05, repetitions: 5 })).toBe('noise');
  });

  test('wide spreads are noise, even with medians 1.5× apart', () => {
    expect(compareAt(1, repetitions(1, WIDE), repetitions(1.5, WIDE)).outcome).toBe('noise');
  });

  test('fewer than five repetitions are noise whatever the interval', () => {
    expect(compareAt(1, [1, 1, 1], [2, 2, 2]).outcome).toBe('noise');
  });
});

describe('crossings', () => {
  const at = (x: number, o: 'a' | 'b' | 'tie' | 'noise') => ({ x, interval: undefined, outcome: o });

  test('need significant leads on both sides', () => {
    expect(crossings([at(1, 'a'), at(2, 'noise'), at(4, 'b')]).map((c) => [c.from.x, c.to.x])).toEqual([[1, 4]]);
    expect(crossings([at(1, 'a'), at(2, 'noise'), at(4, 'tie')])).toEqual([]);
    expect(crossings([at(1, 'a'), at(2, 'b'), at(4, 'a')])).toHaveLength(2);
  });
});

describe('offTrend', () => {
  test('flags a point more than 2× off the line through its neighbours on log–log axes', () => {
    // T² growth with a 3× spike at T = 4.
    const points = [1, 2, 4, 8, 16].map((x) => ({ x, ms: x * x * (x === 4 ? 3 : 1) }));
    expect(offTrend(points)).toEqual([4]);
    expect(offTrend(points.map((p) => ({ x: p.x, ms: p.x * p.x })))).toEqual([]);
  });

  test('judges the first and last points against the line extrapolated from their two nearest neighbours', () => {
    const quadratic = (spike: number, factor: number) => [1, 2, 4, 8, 16].map((x) => ({ x, ms: x * x * (x === spike ? factor : 1) }));
    expect(offTrend(quadratic(16, 3))).toEqual([16]);
    expect(offTrend(quadratic(16, 1 / 3))).toEqual([16]);
    expect(offTrend(quadratic(1, 3))).toEqual([1]);
    // Within 2× of the extrapolated line: not flagged.
    expect(offTrend(quadratic(16, 1.9))).toEqual([]);
    // A spike beside an end puts the end 9× off the line extrapolated through it, yet only the spike is flagged.
    expect(offTrend(quadratic(2, 3))).toEqual([2]);
    expect(offTrend(quadratic(8, 3))).toEqual([8]);
  });

  test('with three points nothing tells which is off, so every point more than 2× off the line through the others is flagged', () => {
    expect(offTrend([1, 2, 4].map((x) => ({ x, ms: x * (x === 4 ? 3 : 1) })))).toEqual([1, 4]);
    expect(offTrend([1, 2, 4].map((x) => ({ x, ms: x * (x === 2 ? 5 : 1) })))).toEqual([1, 2, 4]);
    expect(offTrend([1, 2].map((x) => ({ x, ms: x * (x === 2 ? 5 : 1) })))).toEqual([]);
  });
});

test('reproduced: two measurements within 25% of each other, either way round', () => {
  expect(reproduced(10, 12.5)).toBe(true);
  expect(reproduced(12.5, 10)).toBe(true);
  expect(reproduced(10, 12.6)).toBe(false);
  expect(reproduced(10, 5)).toBe(false);
  expect(reproduced(0, 0)).toBe(false);
});

test('clocksDisagree: GPU timestamps against the wall clock, beyond 2×', () => {
  expect(clocksDisagree(1.8, 0.243)).toBe(true);
  expect(clocksDisagree(1.2, 1)).toBe(false);
  expect(clocksDisagree(1.2, undefined)).toBe(false);
});

test('formatInterval gives the bounds as many digits as the ratio, so the ratio never reads as outside them', () => {
  expect(formatInterval({ ratio: 1.08, low: 1.05, high: 1.42, repetitions: 5 })).toBe('1.08× (95% interval 1.05–1.42×, 5 runs each)');
});
