import { describe, expect, test, vi } from 'vitest';
import { PREDICTION_MEASURES, comparePrediction, measuredValue, parsePrediction } from '../../src/utils/prediction';
import { announceResult, onResult } from '../../src/utils/result-events';

describe('reading a prediction', () => {
  test('digits with separators, decimals, exponents and a trailing ×', () => {
    expect(parsePrediction('1,024')).toEqual({ ok: true, value: 1024 });
    expect(parsePrediction(' 0.0066 ')).toEqual({ ok: true, value: 0.0066 });
    expect(parsePrediction('6.6e-3')).toEqual({ ok: true, value: 0.0066 });
    expect(parsePrediction('2×')).toEqual({ ok: true, value: 2 });
  });

  test('bad input gets a clear message and is not read as zero', () => {
    expect(parsePrediction('')).toEqual({ ok: false, message: 'Type a number first.' });
    const words = parsePrediction('about a thousand');
    expect(words.ok).toBe(false);
    expect(!words.ok && words.message).toMatch(/is not a number/);
    expect(parsePrediction('1e999')).toEqual({ ok: false, message: 'That number is too large to compare.' });
  });
});

describe('comparing a prediction with the measurement', () => {
  const ratio = { scale: 'ratio', tolerance: 2, unit: '' } as const;
  const difference = { scale: 'difference', tolerance: 0.2, unit: '' } as const;

  test('on a ratio scale: within the factor is close, otherwise too high or too low by how much', () => {
    expect(comparePrediction(1500, 1000, ratio).verdict).toBe('close'); // 1.5 ≤ 2
    expect(comparePrediction(500, 1000, ratio).verdict).toBe('close'); // exactly a factor of 2
    const high = comparePrediction(2700, 1000, ratio);
    expect(high.verdict).toBe('high');
    expect(high.sentence).toContain('2.7 times the measurement');
    const low = comparePrediction(250, 1000, ratio);
    expect(low.verdict).toBe('low');
    expect(low.sentence).toContain('4 times smaller');
  });

  test('on a ratio scale a prediction of zero or less is not divided by', () => {
    expect(comparePrediction(0, 1000, ratio)).toEqual({ verdict: 'low', sentence: expect.stringMatching(/above zero/) });
  });

  test('on a difference scale: a slope of 1.9 against a measured 2.03 is close, 1 is far too low', () => {
    expect(comparePrediction(1.9, 2.03, difference).verdict).toBe('close');
    const low = comparePrediction(1, 2.03, difference);
    expect(low.verdict).toBe('low');
    expect(low.sentence).toContain('1 below');
  });
});

describe('finding the measured value in a saved summary', () => {
  // Sentences in the form each experiment's summarize() writes them.
  const cases: Array<[keyof typeof PREDICTION_MEASURES, string, number]> = [
    ['parallelism-attention-growth', 'Self-attention layer (Q, K, V and output projections): T = 512 took 3.41× as long as T = 1.', 3.41],
    [
      'bottleneck-fixed-state-fails',
      'The fixed state of m = 256 numbers fell below 50% at T = 96; the longest T that held was 64; the estimate T ≈ m/(2 ln T) gives 33.',
      96,
    ],
    [
      'gradients-forget-kept',
      'LSTM cell path: 0.99^500 = 10^(500 · log₁₀ 0.99) = 10^-2.182; this device’s sum of 500 logarithms gave 10^-2.182, that is 0.006570, a 99.3% reduction.',
      0.00657,
    ],
    ['quadratic-memory-slope', "Materialised attention's memory grows as T^2.00 over the upper half of the sweep.", 2],
    ['streaming-clock-position', "By the clock on this device, it first took 10× the RNN step's time at p = 2,048; at p = 4,096 it took 19.7×.", 2048],
  ];
  for (const [name, sentence, value] of cases) {
    test(name, () => {
      const found = measuredValue(['An unrelated sentence with 42 in it.', sentence], PREDICTION_MEASURES[name]);
      expect(found?.value).toBeCloseTo(value, 10);
      expect(found?.sentence).toBe(sentence);
    });
  }

  test('a summary without the sentence gives nothing, not a number from elsewhere', () => {
    expect(
      measuredValue(['The fixed state of m = 256 numbers stayed at or above 50% at every T up to 512.'], PREDICTION_MEASURES['bottleneck-fixed-state-fails']),
    ).toBeUndefined();
  });
});

describe('announcing a result', () => {
  test('a listener hears its own experiment only, and stops when asked', () => {
    const target = new EventTarget();
    const heard = vi.fn();
    const stop = onResult('bottleneck', heard, target);
    announceResult('gradients', target);
    expect(heard).not.toHaveBeenCalled();
    announceResult('bottleneck', target);
    expect(heard).toHaveBeenCalledTimes(1);
    stop();
    announceResult('bottleneck', target);
    expect(heard).toHaveBeenCalledTimes(1);
  });
});
