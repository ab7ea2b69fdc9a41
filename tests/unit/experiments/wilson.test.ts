import { describe, expect, test } from 'vitest';
import { intervalsSeparate, wilsonInterval } from '../../../src/experiments/shared/wilson';

describe('Wilson 95% intervals', () => {
  // Reference values: Newcombe, "Two-sided confidence intervals for the single proportion", Statistics in Medicine 17 (1998), table I (method 3).
  test.each([
    [81, 263, 0.2553, 0.3662],
    [15, 148, 0.0624, 0.1605],
    [0, 20, 0, 0.1611],
    [1, 29, 0.0061, 0.1718],
  ])('%i of %i', (correct, counted, low, high) => {
    const interval = wilsonInterval({ correct, counted });
    expect(interval.estimate).toBeCloseTo(correct / counted, 12);
    expect(interval.low).toBeCloseTo(low, 4);
    expect(interval.high).toBeCloseTo(high, 4);
  });

  test('all right stays below 1 only at the bottom: 64 of 64 reads 94.3–100%', () => {
    const interval = wilsonInterval({ correct: 64, counted: 64 });
    expect(interval.high).toBe(1);
    expect(interval.low).toBeCloseTo(0.9434, 4);
  });

  test('separation', () => {
    expect(intervalsSeparate(wilsonInterval({ correct: 10, counted: 64 }), wilsonInterval({ correct: 50, counted: 64 }))).toBe(true);
    expect(intervalsSeparate(wilsonInterval({ correct: 30, counted: 64 }), wilsonInterval({ correct: 34, counted: 64 }))).toBe(false);
  });

  test('impossible counts are refused', () => {
    expect(() => wilsonInterval({ correct: 5, counted: 4 })).toThrow(/0 ≤ correct ≤ counted/);
    expect(() => wilsonInterval({ correct: 0, counted: 0 })).toThrow(/counted ≥ 1/);
  });
});
