import { describe, expect, test } from 'vitest';
import { scan, type ScanRow } from '../../../../src/experiments/scan/definition';
import { SCAN_CHUNKED_SERIES, SCAN_LOOP_SERIES } from '../../../../src/experiments/shared/series';
import type { DeviceConstants } from '../../../../src/experiments/shared/explain-timing';

// Synthetic rows, one channel: the loop does 2T FLOPs and 3T loads and stores in one dispatch and T dependent
// steps; the scan 5T FLOPs and 5T loads and stores in three dispatches and a chain of 128.
const PARAMS = { maxT: 262_144, channels: 1 };
const LENGTHS = [1024, 4096, 16_384, 65_536, 262_144];
const GPU: DeviceConstants = {
  kind: 'webgpu',
  perDispatchMs: 0.05,
  submitAndWaitMs: 3,
  flopsPerMs: 1e6,
  maxBufferSize: 2 ** 28,
  maxStorageBufferBindingSize: 2 ** 27,
  measured: true,
};
const CPU: DeviceConstants = { kind: 'cpu' };

function rows(loopMs: (t: number) => number, scanMs: (t: number) => number, dispatches = { loop: 1, scan: 3 }, maxDifference = 3e-7): ScanRow[] {
  const timing = { timing: 'wall clock', submits: 1 };
  return LENGTHS.flatMap((T): ScanRow[] => [
    {
      series: SCAN_LOOP_SERIES,
      T,
      medianMs: loopMs(T),
      minMs: loopMs(T),
      ...timing,
      dispatches: dispatches.loop,
      flops: 2 * T,
      memoryOps: 3 * T,
      dependentSteps: T,
    },
    {
      series: SCAN_CHUNKED_SERIES,
      T,
      medianMs: scanMs(T),
      minMs: scanMs(T),
      ...timing,
      dispatches: dispatches.scan,
      flops: 5 * T,
      memoryOps: 5 * T,
      dependentSteps: 128,
      chunk: 64,
      maxDifference,
    },
  ]);
}

const sentence = (summary: string[], start: string) => summary.find((s) => s.startsWith(start));

describe('the scan summary', () => {
  test('says nothing without rows', () => {
    expect(scan.summarize([], PARAMS, GPU)).toEqual([]);
  });

  test('the scan wins everywhere: names it, and explains the win by the rates measured', () => {
    const summary = scan.summarize(
      rows(
        (t) => 0.2 + t * 1e-4,
        (t) => 0.15 + t * 1e-5,
      ),
      PARAMS,
      GPU,
    );
    expect(summary).toContain('The lines never cross: the chunked scan was faster at every T from 1,024 to 262,144.');
    // At T = 262,144: 2.62 ms left for 1.31 MFLOP against the loop's 26.4 ms for 524 kFLOP.
    expect(sentence(summary, 'Taking the measured 50.0 µs per dispatch off each time at T = 262,144')).toBe(
      "Taking the measured 50.0 µs per dispatch off each time at T = 262,144 (150 µs of the scan's 2.77 ms, 50.0 µs of the loop's 26.4 ms), the chunked scan computed at an effective 0.500 GFLOP/s (counted FLOPs ÷ the time left) and the loop at 0.0199 GFLOP/s: 25.1× the loop's rate for 2.50× its arithmetic, so its higher rate more than paid for its extra arithmetic.",
    );
  });

  test('the scan loses everywhere: says so, and that its rate did not make up for its work', () => {
    const summary = scan.summarize(
      rows(
        (t) => 0.05 + t * 1e-5,
        (t) => 0.15 + t * 1e-4,
      ),
      PARAMS,
      GPU,
    );
    expect(summary).toContain('The lines never cross: the loop was faster at every T from 1,024 to 262,144.');
    expect(sentence(summary, 'Taking the measured')).toMatch(/so its rate did not make up for its extra arithmetic and traffic\.$/);
  });

  test('a tie: says the two were within the tie ratio', () => {
    const summary = scan.summarize(
      rows(
        () => 1.05,
        () => 1.05,
      ),
      PARAMS,
      GPU,
    );
    expect(summary).toContain('The two were within 5% of each other at every T from 1,024 to 262,144.');
  });

  test('the scan loses only by its extra dispatches: says so', () => {
    // Time left after dispatches: scan 0.95 ms, loop 1 ms; its two more dispatches at 0.05 ms make it slower.
    const summary = scan.summarize(
      rows(
        () => 1.0 + 0.05,
        () => 0.95 + 0.15,
      ),
      PARAMS,
      GPU,
    );
    expect(sentence(summary, 'Taking the measured')).toMatch(
      /so its arithmetic alone took less time than the loop's, and its 2 more dispatches are what it lost by\.$/,
    );
  });

  test('the lines cross: the loop first, then the scan', () => {
    const summary = scan.summarize(
      rows(
        (t) => t * 1e-4,
        () => 1,
      ),
      PARAMS,
      GPU,
    );
    expect(summary).toContain('The lines cross once: faster was the loop at T = 1,024–4,096 and the chunked scan at T = 16,384–262,144.');
  });

  test('a dispatch cost as long as the whole run: no rate is read from the clock', () => {
    const summary = scan.summarize(
      rows(
        () => 1,
        () => 0.1,
      ),
      PARAMS,
      GPU,
    );
    expect(summary).toContain(
      "At T = 262,144 the measured cost of its dispatches is as long as the chunked scan's whole time, so no arithmetic rate can be read from the clock there.",
    );
  });

  test('counts the scan’s work next to the loop’s', () => {
    const summary = scan.summarize(
      rows(
        () => 1,
        () => 1,
      ),
      PARAMS,
      GPU,
    );
    expect(summary).toContain(
      "Counted at T = 262,144: the chunked scan does 1,310,720 FLOPs and 1,310,720 loads and stores, the loop 524,288 and 786,432: 2.50× the arithmetic and 1.67× the memory traffic, in a longest chain of 128 dependent steps against the loop's 262,144. It folded chunks of L = 64 steps, then replayed each from its carry.",
    );
  });

  test('agreement: the largest difference, and why there is any, with no claim about the device', () => {
    for (const constants of [GPU, CPU]) {
      const summary = scan.summarize(
        rows(
          () => 1,
          () => 2,
          constants.kind === 'cpu' ? { loop: 0, scan: 0 } : { loop: 1, scan: 3 },
        ),
        PARAMS,
        constants,
      );
      expect(summary).toContain(
        'Scan and loop agree to within 3.00e-7. They differ at all because the scan forms products of a over whole chunks, and sums, that the loop never computes, so the two round differently.',
      );
      const text = summary.join(' ');
      expect(text).not.toMatch(/software|CPU cores|hardware|twice the arithmetic|same additions/);
    }
  });

  test('identical outputs: says so, and gives no reason for a difference there is not', () => {
    const summary = scan.summarize(
      rows(
        () => 1,
        () => 2,
        undefined,
        0,
      ),
      PARAMS,
      GPU,
    );
    expect(summary).toContain('Scan and loop gave bit-for-bit the same outputs at every T measured.');
    expect(summary.join(' ')).not.toMatch(/round differently/);
  });

  test('on the CPU path: rates with no dispatches to take off', () => {
    const summary = scan.summarize(
      rows(
        (t) => t * 1e-4,
        (t) => t * 1e-5,
        { loop: 0, scan: 0 },
      ),
      PARAMS,
      CPU,
    );
    expect(sentence(summary, 'At T = 262,144, with no dispatches to take off')).toMatch(/the chunked scan computed at an effective 0\.500 GFLOP\/s/);
  });

  test('reports the fitted constants and their quality', () => {
    const summary = scan.summarize(
      rows(
        (t) => 0.05 + t * 2e-6,
        (t) => 0.15 + t * 5e-6,
      ),
      PARAMS,
      GPU,
    );
    // Exactly 0.05 ms per dispatch plus 1 FLOP per 10⁻⁶ ms (1 GFLOP/s).
    expect(sentence(summary, 'Fitted to both methods at every T')).toMatch(/50\.0 µs per dispatch and 1\.00 GFLOP\/s/);
  });
});
