/** The roofline's prediction and its agreement test, with synthetic constants. */
import { describe, expect, test } from 'vitest';
import { agrees, explainGap, predict, rooflineOf, whyAt, type RooflineConstants } from '../../../src/experiments/shared/roofline';

// 0.1 ms per dispatch, 1 GFLOP/s (1e6 FLOP/ms), 1 GB/s (1e6 bytes/ms).
const CONSTANTS: RooflineConstants = { overheadMs: 0.1, flopsPerMs: 1e6, bytesPerMs: 1e6 };

describe('predict', () => {
  test('dispatches × overhead + max(FLOPs ÷ rate, bytes ÷ bandwidth), naming the largest term', () => {
    expect(predict(CONSTANTS, { dispatches: 10, flops: 2e6, bytes: 5e6 })).toEqual({
      dispatchMs: 1,
      arithmeticMs: 2,
      memoryMs: 5,
      totalMs: 6,
      dominant: 'memory traffic',
    });
    expect(predict(CONSTANTS, { dispatches: 100, flops: 1e6, bytes: 1e6 }).dominant).toBe('dispatches');
    expect(predict(CONSTANTS, { dispatches: 1, flops: 9e6, bytes: 1e6 })).toMatchObject({ totalMs: 9.1, dominant: 'arithmetic' });
  });
});

describe('agrees', () => {
  test('within 25% of the measured ratio, and not beyond', () => {
    expect(agrees(1.25, 1)).toBe(true);
    expect(agrees(0.75, 1)).toBe(true);
    expect(agrees(1.26, 1)).toBe(false);
    expect(agrees(6.8, 3)).toBe(false);
    expect(agrees(NaN, 1)).toBe(false);
  });
});

describe('explainGap', () => {
  // Materialised: scores written and read back, 3× the dispatches; tiled: the same FLOPs, little traffic.
  const materialised = { name: 'materialised attention', dispatches: 3, flops: 1e6, bytes: 8e6 };
  const tiled = { name: 'tiled attention', dispatches: 1, flops: 1e6, bytes: 1e5 };

  test('explains a gap the terms account for, naming the term that dominates each', () => {
    // Predicted 8.3 ms against 1.1 ms: a ratio of 7.55×; measured 7.0×.
    const result = explainGap(CONSTANTS, 'T', 8192, { ...materialised, medianMs: 7 }, { ...tiled, medianMs: 1 });
    expect(result.explained).toBe(true);
    expect(result.sentence).toContain('dominated by memory traffic');
    expect(result.sentence).toContain('by arithmetic');
    expect(result.sentence).toContain('measured materialised attention ÷ tiled attention = 7.00×, predicted 7.55×');
  });

  test('says the terms do not account for a gap beyond 25%, with both ratios', () => {
    const result = explainGap(CONSTANTS, 'T', 8192, { ...materialised, medianMs: 20 }, { ...tiled, medianMs: 1 });
    expect(result.explained).toBe(false);
    expect(result.sentence).toBe(
      'At T = 8,192, dispatches, arithmetic and memory traffic do not account for the gap: measured materialised attention ÷ tiled attention = 20.0×, predicted 7.55×.',
    );
  });
});

describe('whyAt and rooflineOf', () => {
  test('no constants measured, or rows without bytes: no "why" at all', () => {
    const run = { name: 'a', medianMs: 1, dispatches: 1, flops: 1 };
    expect(whyAt(undefined, 'T', 1, run, run).explained).toBe(false);
    expect(whyAt(CONSTANTS, 'T', 1, run, run).sentence).toContain('do not carry both counted FLOPs and counted bytes');
  });

  test('reads measured rate and bandwidth only; the CPU path has no dispatch term', () => {
    expect(rooflineOf({ kind: 'webgpu', perDispatchMs: 0.05 })).toBeUndefined();
    expect(rooflineOf({ kind: 'webgpu', perDispatchMs: 0.05, measuredFlopsPerMs: 1e6, bytesPerMs: 2e6 })).toEqual({
      overheadMs: 0.05,
      flopsPerMs: 1e6,
      bytesPerMs: 2e6,
    });
    expect(rooflineOf({ kind: 'cpu', measuredFlopsPerMs: 1e6, bytesPerMs: 2e6 })).toMatchObject({ overheadMs: 0 });
  });
});
