/** The sentence that states this device's measured constants, with and without the roofline's rates. */
import { describe, expect, test } from 'vitest';
import { constantsSentence } from '../../src/experiments/shared/explain-timing';
import { formatRate } from '../../src/utils/format';

const GPU = {
  kind: 'webgpu' as const,
  perDispatchMs: 0.06,
  submitAndWaitMs: 3.1,
  flopsPerMs: 1e6,
  maxBufferSize: 2 ** 28,
  maxStorageBufferBindingSize: 2 ** 27,
  measured: true,
};

describe('constantsSentence', () => {
  test('measured dispatch costs, and the CPU path that has none', () => {
    expect(constantsSentence(GPU)).toBe(
      'Measured on this device before the sweep: one minimal dispatch inside a command buffer costs 60.0 µs, and one submit-and-wait round trip costs 3.10 ms.',
    );
    expect(constantsSentence({ kind: 'cpu' })).toBe('The CPU path makes no GPU dispatches, so there is no dispatch cost to measure.');
    expect(constantsSentence(undefined)).toBeUndefined();
  });

  test('with the micro-kernels measured, the roofline constants and its formula, cited', () => {
    const sentence = constantsSentence({ ...GPU, measuredFlopsPerMs: 2.12e6, bytesPerMs: 6.67e5 })!;
    expect(sentence).toContain('2.12 GFLOP/s from an FMA-bound kernel, 0.667 GB/s from a streaming read/write kernel');
    expect(sentence).toContain('max(FLOPs ÷ rate, bytes ÷ bandwidth) (Williams, Waterman and Patterson, CACM 2009');
  });
});

test('a rate reads in GFLOP/s', () => {
  expect(formatRate(Infinity)).toBe('an unmeasurably high rate');
  expect(formatRate(3e5)).toBe('0.300 GFLOP/s');
});
