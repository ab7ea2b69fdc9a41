import { describe, expect, test } from 'vitest';
import {
  breakdown,
  fitQuality,
  fitTimeModel,
  gflopsPerSecond,
  leaderSpans,
  predictMs,
  predictedLeaders,
  scaledModel,
  type TimedWork,
} from '../../src/experiments/shared/time-model';

/** Runs timed by a device with known constants, optionally with multiplicative noise. */
function synthetic(overheadMs: number, flopsPerMs: number, work: Array<[number, number]>, noise: (i: number) => number = () => 1): TimedWork[] {
  return work.map(([dispatches, flops], i) => ({ dispatches, flops, ms: (dispatches * overheadMs + flops / flopsPerMs) * noise(i) }));
}

// A sweep like the parallelism experiment's: an RNN (T dispatches, little arithmetic per step)
// and attention (a few dispatches, T²-scaled arithmetic).
const sweepWork: Array<[number, number]> = [1, 2, 4, 8, 16, 32, 64, 128, 256, 512].flatMap((t): Array<[number, number]> => [
  [t, 4 * t * 64 * 64],
  [6, 4 * t * t * 64 + 8 * t * 64 * 64],
]);

describe('fitting overhead and rate', () => {
  test('recovers known constants from exact timings', () => {
    // 60 µs a dispatch, 0.3 GFLOP/s = 3·10⁵ FLOP/ms.
    const model = fitTimeModel(synthetic(0.06, 3e5, sweepWork))!;
    expect(model.overheadMs).toBeCloseTo(0.06, 10);
    expect(gflopsPerSecond(model.flopsPerMs)).toBeCloseTo(0.3, 8);
    expect(model.fit.samples).toBe(sweepWork.length);
    expect(model.fit.worstRelativeError).toBeLessThan(1e-9);
  });

  test('stays close under ±10% noise, and reports the error it leaves', () => {
    const noisy = synthetic(0.06, 3e5, sweepWork, (i) => (i % 2 === 0 ? 1.1 : 0.9));
    const model = fitTimeModel(noisy)!;
    // With alternating ±10% errors the constants cannot be off by more than about that much.
    expect(model.overheadMs / 0.06).toBeGreaterThan(0.85);
    expect(model.overheadMs / 0.06).toBeLessThan(1.15);
    expect(model.flopsPerMs / 3e5).toBeGreaterThan(0.85);
    expect(model.flopsPerMs / 3e5).toBeLessThan(1.15);
    expect(model.fit.medianRelativeError).toBeGreaterThan(0.05);
    expect(model.fit.worstRelativeError).toBeLessThan(0.25);
  });

  test('a sweep with no arithmetic at all fits overhead alone and an infinite rate', () => {
    const model = fitTimeModel(
      synthetic(0.5, 1, [
        [1, 0],
        [2, 0],
        [8, 0],
      ]),
    )!;
    expect(model.overheadMs).toBeCloseTo(0.5, 10);
    expect(model.flopsPerMs).toBe(Infinity);
  });

  test('constants never go negative, even when the data would prefer it', () => {
    // Time falls as dispatches rise: an unconstrained fit would give a negative overhead.
    const model = fitTimeModel([
      { dispatches: 1, flops: 1e6, ms: 10 },
      { dispatches: 100, flops: 1e6, ms: 9 },
      { dispatches: 1, flops: 2e6, ms: 20 },
    ])!;
    expect(model.overheadMs).toBeGreaterThanOrEqual(0);
    expect(model.flopsPerMs).toBeGreaterThan(0);
  });

  test('proportional columns cannot be told apart: a one-term fit that still reproduces the runs', () => {
    const model = fitTimeModel(
      synthetic(0.01, 1e4, [
        [1, 1000],
        [2, 2000],
        [4, 4000],
      ]),
    )!;
    expect(model.fit.worstRelativeError).toBeLessThan(1e-9);
    expect(model.overheadMs === 0 || model.flopsPerMs === Infinity).toBe(true);
  });

  test('too little data, or unusable timings, give no model', () => {
    expect(fitTimeModel([])).toBeUndefined();
    expect(fitTimeModel([{ dispatches: 1, flops: 1, ms: 1 }])).toBeUndefined();
    expect(
      fitTimeModel([
        { dispatches: 1, flops: 1, ms: 0 },
        { dispatches: 1, flops: 1, ms: NaN },
        { dispatches: 2, flops: 2, ms: -1 },
      ]),
    ).toBeUndefined();
  });
});

describe('using a model', () => {
  const model = { overheadMs: 0.06, flopsPerMs: 3e5 };

  test('breaks a run into its dispatch and arithmetic parts', () => {
    // 512 dispatches × 0.06 ms = 30.72 ms; 3·10⁶ FLOPs ÷ 3·10⁵ FLOP/ms = 10 ms.
    expect(breakdown(model, { dispatches: 512, flops: 3e6 })).toEqual({ overheadMs: 30.72, arithmeticMs: 10, totalMs: 40.72 });
    expect(predictMs(model, { dispatches: 0, flops: 0 })).toBe(0);
  });

  test('fit quality of a given model against runs it was not fitted to', () => {
    const quality = fitQuality(model, [
      { dispatches: 1, flops: 0, ms: 0.06 },
      { dispatches: 1, flops: 0, ms: 0.12 },
    ]);
    expect(quality.samples).toBe(2);
    expect(quality.worstRelativeError).toBeCloseTo(0.5, 12);
    expect(quality.medianRelativeError).toBeCloseTo(0.25, 12);
    expect(fitQuality(model, []).samples).toBe(0);
  });

  test('projects which series leads on a device with a faster rate', () => {
    const rnn = (t: number) => ({ dispatches: t, flops: 4 * t * 64 * 64 });
    const attention = (t: number) => ({ dispatches: 6, flops: 4 * t * t * 64 });
    const ts = [1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024, 2048, 4096];
    // By hand: attention takes 0.36 + 256·T²/3·10⁵ ms and the RNN 0.114613·T ms. They are equal
    // near T ≈ 3.2 and T ≈ 131, so the RNN leads at T = 1, 2, attention from 4 to 128, the RNN from 256.
    expect(predictedLeaders(model, attention, rnn, ts)).toEqual([
      { leader: 'b', from: 1, to: 2 },
      { leader: 'a', from: 4, to: 128 },
      { leader: 'b', from: 256, to: 4096 },
    ]);
    // 100× the rate, same overhead: attention 0.36 + 256·T²/3·10⁷, the RNN 0.0605461·T; equal near
    // T ≈ 6 and T ≈ 7,090, so within T ≤ 4096 the RNN leads only up to T = 4.
    expect(predictedLeaders(scaledModel(model, 100), attention, rnn, ts)).toEqual([
      { leader: 'b', from: 1, to: 4 },
      { leader: 'a', from: 8, to: 4096 },
    ]);
    // Same rate, no dispatch cost: 4T²d against 4Td² (d = 64) ties exactly at T = d.
    expect(predictedLeaders(scaledModel(model, 1, 0), attention, rnn, ts)).toEqual([
      { leader: 'a', from: 1, to: 32 },
      { leader: 'tie', from: 64, to: 64 },
      { leader: 'b', from: 128, to: 4096 },
    ]);
  });

  test('leader spans read measured times: never cross, tie within tolerance, cross twice', () => {
    const xs = [1, 2, 4, 8];
    const times = (values: number[]) => (x: number) => values[xs.indexOf(x)]!;
    expect(leaderSpans(xs, times([1, 1, 1, 1]), times([2, 2, 2, 2]))).toEqual([{ leader: 'a', from: 1, to: 8 }]);
    expect(leaderSpans(xs, times([1, 1.04, 3, 1]), times([2, 1, 1, 2]), 0.05)).toEqual([
      { leader: 'a', from: 1, to: 1 },
      { leader: 'tie', from: 2, to: 2 },
      { leader: 'b', from: 4, to: 4 },
      { leader: 'a', from: 8, to: 8 },
    ]);
    expect(leaderSpans(xs, times([1, NaN, 1, 1]), times([2, 2, 2, 2]))).toEqual([{ leader: 'a', from: 1, to: 8 }]);
    expect(leaderSpans([], times([]), times([]))).toEqual([]);
  });
});
