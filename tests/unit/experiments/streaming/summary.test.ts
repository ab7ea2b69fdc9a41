/**
 * The streaming summary on synthetic rows, for each outcome: the attention step dearer than the
 * RNN step at the last position (shows the claim), cheaper (contradicts it on this device), and
 * noise; plus the counted work and the clock-against-count details.
 */
import { describe, expect, test } from 'vitest';
import type { StreamingRow } from '../../../../src/experiments/streaming/definition';
import { summarizeStreaming } from '../../../../src/experiments/streaming/summary';
import { KV_STEP_SERIES, RNN_STEP_SERIES } from '../../../../src/experiments/shared/series';
import type { DeviceConstants } from '../../../../src/experiments/shared/explain-timing';
import { repetitions, TIGHT, WIDE } from '../samples';

// Width 64: the RNN step is 4·64² = 16,384 FLOPs, the KV step 4·p·64 = 256·p.
const WIDTH = 64;
const PARAMS = { maxPosition: 1024, width: WIDTH, multiple: 10 };
const POSITIONS = [1, 4, 16, 64, 256, 1024];
const GPU: DeviceConstants = {
  kind: 'webgpu',
  perDispatchMs: 0.05,
  submitAndWaitMs: 3,
  flopsPerMs: 1e6,
  maxBufferSize: 2 ** 28,
  maxStorageBufferBindingSize: 2 ** 27,
  measured: true,
};

function row(series: string, position: number, medianMs: number, flops: number, spread: number): StreamingRow {
  const samplesMs = repetitions(medianMs, spread);
  return { series, position, medianMs, minMs: samplesMs[0]!, samplesMs, timing: 'wall clock', dispatches: 1, submits: 1, flops, bytesRead: 0, stateBytes: 0 };
}

function rows(rnnMs: (p: number) => number, kvMs: (p: number) => number, spread = TIGHT): StreamingRow[] {
  return POSITIONS.flatMap((p) => [row(RNN_STEP_SERIES, p, rnnMs(p), 16_384, spread), row(KV_STEP_SERIES, p, kvMs(p), 256 * p, spread)]);
}

describe('the streaming summary', () => {
  test('no rows: an empty headline', () => {
    expect(summarizeStreaming([], PARAMS, GPU).headline).toBe('');
  });

  test('the attention step dearer at the last position shows the claim', () => {
    const summary = summarizeStreaming(
      rows(
        () => 0.1,
        (p) => 0.05 + p * 0.002,
      ),
      PARAMS,
      GPU,
    );
    expect(summary.verdict).toBe('shows');
    expect(summary.headline).toMatch(
      /^At position p = 1,024 the attention step with its KV cache took 2\.10 ms and the RNN step 100 µs \(attention ÷ RNN 21\.0× .*\): the attention step/,
    );
    expect(summary.headline).toContain('the RNN step, whose state stays at d numbers');
    expect(summary.sentences).toContain("By the clock on this device, it first took 10× the RNN step's time at p = 1,024; at p = 1,024 it took 21.0×.");
  });

  test('the attention step still cheaper at the last position contradicts the claim on this device', () => {
    const summary = summarizeStreaming(
      rows(
        () => 1,
        (p) => 0.1 + p * 1e-4,
      ),
      PARAMS,
      GPU,
    );
    expect(summary.verdict).toBe('contradicts');
    expect(summary.headline).toContain('on this device the attention step was still faster there');
    expect(summary.sentences).toContain("By the clock on this device, it never took 10× the RNN step's time up to p = 1,024; there it took 0.202×.");
  });

  test('wide repetitions are too noisy to tell', () => {
    const summary = summarizeStreaming(
      rows(
        () => 1,
        () => 1.4,
        WIDE,
      ),
      PARAMS,
      GPU,
    );
    expect(summary.verdict).toBe('noisy');
    expect(summary.headline).toContain('the difference is within noise.');
  });

  test('the details keep the counted work and the measured constants', () => {
    const summary = summarizeStreaming(
      rows(
        () => 0.1,
        (p) => 0.05 + p * 0.002,
      ),
      PARAMS,
      GPU,
    );
    expect(summary.details).toContain(
      'Counted work: the RNN step is 16,384 FLOPs at every position; the KV-cache step is 4·p·d (plus a combine where its cache is split), 262,144 FLOPs at p = 1,024.',
    );
    expect(summary.details.some((line) => line.startsWith('Measured on this device before the sweep'))).toBe(true);
  });
});
