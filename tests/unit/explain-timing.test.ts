/**
 * The shared timing sentences, on synthetic runs whose constants are known: the fit
 * recovers them, and each outcome of a comparison (one leader, one crossing, two, a tie)
 * reads as what the numbers show.
 */
import { formatRate } from '../../src/utils/format';
import { describe, expect, test } from 'vitest';
import {
  constantsSentence,
  describeLeaders,
  explainAt,
  fitRuns,
  fitSentence,
  measuredLeaders,
  projectionSentence,
  type NamedRun,
} from '../../src/experiments/shared/explain-timing';

// A device where a dispatch costs 0.06 ms and arithmetic runs at 0.3 GFLOP/s (3·10⁵ FLOP/ms).
const OVERHEAD_MS = 0.06;
const FLOPS_PER_MS = 3e5;
const exact = (dispatches: number, flops: number) => ({ dispatches, flops, medianMs: dispatches * OVERHEAD_MS + flops / FLOPS_PER_MS });

describe('fit on synthetic timings with known constants', () => {
  const runs = [1, 4, 16, 64, 256].flatMap((t) => [exact(t, 16_384 * t), exact(7, 8_192 * t + 256 * t * t)]);

  test('recovers the cost per dispatch and the rate, with no error', () => {
    const model = fitRuns(runs)!;
    // Exact synthetic data: only floating-point rounding separates the fit from the truth.
    expect(model.overheadMs).toBeCloseTo(OVERHEAD_MS, 9);
    expect(model.flopsPerMs / FLOPS_PER_MS).toBeCloseTo(1, 9);
    expect(model.fit.worstRelativeError).toBeLessThan(1e-9);
  });

  test('the sentence shows both constants and the fit quality', () => {
    const sentence = fitSentence(
      fitRuns(runs),
      {
        kind: 'webgpu',
        perDispatchMs: 0.03,
        submitAndWaitMs: 3,
        flopsPerMs: 1e6,
        maxBufferSize: 2 ** 28,
        maxStorageBufferBindingSize: 2 ** 27,
        measured: true,
      },
      'the runs in one command buffer',
    );
    expect(sentence).toContain('60.0 µs per dispatch');
    expect(sentence).toContain('0.300 GFLOP/s');
    expect(sentence).toContain('(10)');
    expect(sentence).toContain('median error of under 0.1%');
    expect(sentence).toContain('2.00× the measured minimal dispatch');
  });

  test('runs without a FLOP count are left out of the fit, and too few runs say so', () => {
    expect(fitRuns([exact(1, 100), { dispatches: 2, medianMs: 1 }])).toBeUndefined();
    expect(fitSentence(undefined, undefined)).toMatch(/^Too few usable runs/);
  });

  test('measured constants, and the CPU path that has none', () => {
    expect(
      constantsSentence({
        kind: 'webgpu',
        perDispatchMs: 0.06,
        submitAndWaitMs: 3.1,
        flopsPerMs: 1e6,
        maxBufferSize: 2 ** 28,
        maxStorageBufferBindingSize: 2 ** 27,
        measured: true,
      }),
    ).toContain('costs 60.0 µs');
    expect(
      constantsSentence({
        kind: 'webgpu',
        perDispatchMs: 0.06,
        submitAndWaitMs: 3.1,
        flopsPerMs: 1e6,
        maxBufferSize: 2 ** 28,
        maxStorageBufferBindingSize: 2 ** 27,
        measured: true,
      }),
    ).toContain('costs 3.10 ms');
    expect(constantsSentence({ kind: 'cpu' })).toContain('no dispatch cost to measure');
    expect(constantsSentence(undefined)).toBeUndefined();
  });

  test('a rate the fit could not bound reads as such', () => {
    expect(formatRate(Infinity)).toBe('an unmeasurably high rate');
    expect(formatRate(3e5)).toBe('0.300 GFLOP/s');
  });
});

describe('which was faster, for every outcome', () => {
  const names = { a: 'the RNN', b: 'attention' };
  const sizes = [1, 2, 4, 8, 16];
  const spans = (a: number[], b: number[]) =>
    measuredLeaders(
      sizes,
      (x) => a[sizes.indexOf(x)]!,
      (x) => b[sizes.indexOf(x)]!,
    );

  test('never cross', () => {
    expect(describeLeaders(spans([1, 2, 3, 4, 5], [2, 4, 6, 8, 10]), names, 'T')).toBe('The lines never cross: the RNN was faster at every T from 1 to 16.');
  });

  test('cross once', () => {
    expect(describeLeaders(spans([1, 2, 4, 8, 16], [4, 4, 4, 4, 4]), names, 'T')).toBe(
      'The lines cross once: faster was the RNN at T = 1–2, neither (within 5%) at T = 4 and attention at T = 8–16.',
    );
  });

  test('the RNN slower in the middle and faster at both ends: two crossings', () => {
    expect(describeLeaders(spans([1, 8, 8, 8, 5], [2, 2, 2, 2, 10]), names, 'T')).toBe(
      'The lines cross twice: faster was the RNN at T = 1, attention at T = 2–8 and the RNN again at T = 16.',
    );
  });

  test('a tie everywhere', () => {
    expect(describeLeaders(spans([1, 2, 3, 4, 5], [1.01, 2.01, 3.01, 4.01, 5.01]), names, 'T')).toBe(
      'The two were within 5% of each other at every T from 1 to 16.',
    );
  });

  test('nothing to compare', () => {
    expect(describeLeaders([], names, 'T')).toBeUndefined();
  });
});

describe('explaining one size by the fitted constants', () => {
  const model = { overheadMs: OVERHEAD_MS, flopsPerMs: FLOPS_PER_MS, fit: { samples: 10, medianRelativeError: 0, worstRelativeError: 0 } };
  const run = (name: string, dispatches: number, flops: number, medianMs = dispatches * OVERHEAD_MS + flops / FLOPS_PER_MS): NamedRun => ({
    name,
    dispatches,
    flops,
    medianMs,
  });

  test('more arithmetic outweighs more dispatches', () => {
    const sentence = explainAt(model, 'T', 512, run('the RNN', 512, 8.4e6), run('attention', 7, 84e6));
    expect(sentence).toContain("So attention's 10.0× more arithmetic outweighs the RNN's 73.1× more dispatches.");
    expect(sentence).toContain('512 dispatches × 60.0 µs = 30.7 ms');
  });

  test('more dispatches outweigh more arithmetic', () => {
    expect(explainAt(model, 'T', 64, run('the RNN', 64, 1e5), run('attention', 7, 2e5))).toContain(
      "So the RNN's 9.14× more dispatches outweigh attention's 2.00× more arithmetic.",
    );
  });

  test('a fit that orders them against the clock does not pretend to explain', () => {
    // Measured, the RNN took 0.1 ms; the fit predicts 4.2 ms for it against attention's 1.1 ms.
    expect(explainAt(model, 'T', 64, run('the RNN', 64, 1e5, 0.1), run('attention', 7, 2e5))).toContain('does not explain this result');
  });

  test('a measured tie is called a tie', () => {
    expect(explainAt(model, 'T', 8, run('the RNN', 8, 0, 1), run('attention', 7, 0, 1.01))).toContain('within 5% of each other there');
  });

  test('a projection is labelled and shows its inputs', () => {
    const rnnWork = (t: number) => ({ dispatches: t, flops: 16_384 * t });
    const attentionWork = (t: number) => ({ dispatches: 7, flops: 8_192 * t + 256 * t * t });
    const sentence = projectionSentence(model, { rateFactor: 100 }, { a: 'the RNN', b: 'attention' }, rnnWork, attentionWork, [1, 16, 256, 4096], 'T')!;
    expect(sentence).toMatch(/^Projection, not a measurement: with 100× this rate \(30\.0 GFLOP\/s\) and the same cost per dispatch \(60\.0 µs\)/);
    // At 30 GFLOP/s, attention's arithmetic at T = 4096 (4.3 GFLOP) takes 143 ms against the RNN's 246 ms of dispatches.
    expect(sentence).toContain('attention at T = 16–4,096');
  });
});
