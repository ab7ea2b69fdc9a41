/**
 * The scan summary on synthetic rows, for each outcome: the chunked scan faster at the largest T
 * (shows the claim), the loop faster (contradicts it on this device), a tie, and noise; plus a
 * single-point spike that cannot become a crossing, and the details.
 */
import { describe, expect, test } from 'vitest';
import type { ScanRow } from '../../../../src/experiments/scan/definition';
import { summarizeScan } from '../../../../src/experiments/scan/summary';
import { SCAN_CHUNKED_SERIES, SCAN_LOOP_SERIES } from '../../../../src/experiments/shared/series';
import type { DeviceConstants } from '../../../../src/experiments/shared/explain-timing';
import { repetitions, TIGHT, WIDE } from '../samples';

// One channel: the loop does 2T FLOPs and 3T loads and stores in one dispatch; the scan 5T and 5T in three.
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

function rows(loopMs: (t: number) => number, scanMs: (t: number) => number, spread = TIGHT): ScanRow[] {
  const timing = { timing: 'wall clock', submits: 1 };
  return LENGTHS.flatMap((T): ScanRow[] => [
    {
      series: SCAN_LOOP_SERIES,
      T,
      medianMs: loopMs(T),
      minMs: loopMs(T),
      samplesMs: repetitions(loopMs(T), spread),
      ...timing,
      dispatches: 1,
      flops: 2 * T,
      memoryOps: 3 * T,
      dependentSteps: T,
    },
    {
      series: SCAN_CHUNKED_SERIES,
      T,
      medianMs: scanMs(T),
      minMs: scanMs(T),
      samplesMs: repetitions(scanMs(T), spread),
      ...timing,
      dispatches: 3,
      flops: 5 * T,
      memoryOps: 5 * T,
      dependentSteps: 128,
      chunk: 64,
      maxDifference: 3e-7,
    },
  ]);
}

describe('the scan summary', () => {
  test('no rows: an empty headline', () => {
    expect(summarizeScan([], PARAMS, GPU).headline).toBe('');
  });

  test('the scan faster at the largest T shows the claim, with both times in the headline', () => {
    const summary = summarizeScan(
      rows(
        (t) => t / 1000,
        (t) => 0.2 + t / 20_000,
      ),
      PARAMS,
      GPU,
    );
    expect(summary.verdict).toBe('shows');
    expect(summary.headline).toMatch(
      /^At T = 262,144 the chunked scan took 13\.3 ms and the loop 262 ms \(scan ÷ loop 0\.0508× \(95% interval .*\)\): the scan was faster/,
    );
    expect(summary.sentences.length).toBeLessThanOrEqual(3);
  });

  test('the loop faster at every T contradicts the claim on this device', () => {
    const summary = summarizeScan(
      rows(
        (t) => t / 10_000,
        (t) => t / 1000,
      ),
      PARAMS,
      GPU,
    );
    expect(summary.verdict).toBe('contradicts');
    expect(summary.headline).toContain('on this device the loop was faster');
    expect(summary.sentences.join(' ')).toContain('The lines never cross significantly.');
  });

  test('a tie is not a win for the scan', () => {
    const summary = summarizeScan(
      rows(
        (t) => t / 1000,
        (t) => (1.01 * t) / 1000,
      ),
      PARAMS,
      GPU,
    );
    expect(summary.verdict).toBe('contradicts');
    expect(summary.headline).toContain('tied within ±10%');
  });

  test('wide repetitions are too noisy to tell', () => {
    const summary = summarizeScan(
      rows(
        (t) => t / 1000,
        (t) => (1.5 * t) / 1000,
        WIDE,
      ),
      PARAMS,
      GPU,
    );
    expect(summary.verdict).toBe('noisy');
    expect(summary.headline).toContain('the difference is within noise.');
  });

  test('one loop point 2.5× off its trend cannot make the lines cross (like the issue’s single 1.80 ms point at T = 4,096)', () => {
    const loopMs = (t: number) => (t === 4096 ? 2.6 : t / 4000);
    const scanMs = (t: number) => t / 2000;
    const summary = summarizeScan(rows(loopMs, scanMs), PARAMS, GPU);
    expect(summary.sentences.join(' ')).not.toMatch(/cross (once|twice|\d+ times)/);
    expect(summary.sentences.join(' ')).toContain('The lines never cross significantly.');
    expect(summary.details.some((line) => line.includes("the loop's time at T = 4,096 is more than 2× off the trend"))).toBe(true);
  });

  test('GPU timestamps far from the wall clock hold a point back and say so', () => {
    const withGpu = rows(
      (t) => t / 1000,
      (t) => t / 2000,
    ).map((row) => (row.T === 4096 && row.series === SCAN_LOOP_SERIES ? { ...row, gpuMs: (0.243 * (row.medianMs / 1.8)) / 2.5 } : row));
    const summary = summarizeScan(withGpu, PARAMS, GPU);
    expect(summary.details.some((line) => /at T = 4,096, the loop's GPU timestamps .* and wall clock .* disagree by more than 2×/.test(line))).toBe(true);
  });

  test('the details keep the counts, the rates and the interval at every T', () => {
    const summary = summarizeScan(
      rows(
        (t) => t / 1000,
        (t) => 0.2 + t / 20_000,
      ),
      PARAMS,
      GPU,
    );
    expect(summary.details.filter((line) => /^T = [\d,]+: /.test(line))).toHaveLength(LENGTHS.length);
    expect(summary.details.some((line) => line.startsWith('Counted at T = 262,144'))).toBe(true);
    expect(summary.sentences).toContain(
      'Scan and loop agree to within 3.00e-7. They differ at all because the scan forms products of a over whole chunks, and sums, that the loop never computes, so the two round differently.',
    );
  });
});
