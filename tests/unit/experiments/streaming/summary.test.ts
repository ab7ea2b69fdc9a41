import { describe, expect, test } from 'vitest';
import { streaming, type StreamingRow } from '../../../../src/experiments/streaming/definition';
import { KV_STEP_SERIES, RNN_STEP_SERIES } from '../../../../src/experiments/shared/series';
import type { DeviceConstants } from '../../../../src/experiments/shared/explain-timing';

// Synthetic rows at width 64: the RNN step is 4·64² = 16,384 FLOPs, the KV step 4·p·64 = 256·p.
const WIDTH = 64;
const PARAMS = { maxPosition: 1024, width: WIDTH, multiple: 10 };
const RNN_FLOPS = 16_384;
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
const CPU: DeviceConstants = { kind: 'cpu' };

function row(series: string, position: number, medianMs: number, flops: number, dispatches: number): StreamingRow {
  return { series, position, medianMs, minMs: medianMs, timing: 'wall clock', dispatches, submits: dispatches > 0 ? 1 : 0, flops, bytesRead: 0, stateBytes: 0 };
}

/** Both series at every position, timed by the given functions of position; the KV step splits (2 dispatches) from p = 1024. */
function rows(rnnMs: (p: number) => number, kvMs: (p: number) => number, dispatches = (p: number): number => (p >= 1024 ? 2 : 1)): StreamingRow[] {
  return POSITIONS.flatMap((p) => [row(RNN_STEP_SERIES, p, rnnMs(p), RNN_FLOPS, dispatches(1)), row(KV_STEP_SERIES, p, kvMs(p), 256 * p, dispatches(p))]);
}

describe('the streaming summary', () => {
  test('says nothing without rows', () => {
    expect(streaming.summarize([], PARAMS, GPU)).toEqual([]);
  });

  test('the measured multiple never reached: says so, with the ratio at the last position', () => {
    // Both steps cost about one dispatch: time barely grows with p.
    const summary = streaming.summarize(
      rows(
        () => 0.06,
        (p) => 0.06 + p * 1e-5,
      ),
      PARAMS,
      GPU,
    );
    expect(summary).toContain("By the clock on this device, it never took 10× the RNN step's time up to p = 1,024; there it took 1.17×.");
  });

  test('the measured multiple reached: names the first position', () => {
    const summary = streaming.summarize(
      rows(
        () => 0.1,
        (p) => 0.01 * p,
      ),
      PARAMS,
      GPU,
    );
    expect(summary).toContain("By the clock on this device, it first took 10× the RNN step's time at p = 256; at p = 1,024 it took 102×.");
  });

  test('the counted multiple: from p = k·d, or beyond the last position measured', () => {
    const summary = streaming.summarize(
      rows(
        () => 1,
        () => 1,
      ),
      PARAMS,
      GPU,
    );
    expect(summary).toContain("By count, the attention step does 10× the RNN step's arithmetic from position 640 (4·p·d ≥ 10 · 16,384).");
    const far = streaming.summarize(
      rows(
        () => 1,
        () => 1,
      ),
      { ...PARAMS, multiple: 100 },
      GPU,
    );
    expect(far).toContain(
      "By count, the attention step does 100× the RNN step's arithmetic from position 6,400 (4·p·d ≥ 100 · 16,384), beyond the last position measured (p = 1,024).",
    );
  });

  test('counted dispatches, with the split cache named where the count changes', () => {
    const summary = streaming.summarize(
      rows(
        () => 1,
        () => 1,
      ),
      PARAMS,
      GPU,
    );
    expect(summary).toContain('Counted dispatches: the RNN step records 1 dispatch, the KV-cache step 1 dispatch at p = 1–256, 2 dispatches at p = 1,024.');
    const cpu = streaming.summarize(
      rows(
        () => 1,
        () => 1,
        () => 0,
      ),
      PARAMS,
      CPU,
    );
    expect(cpu).toContain('Both steps ran as the CPU reference, which records no GPU dispatches.');
  });

  test('clock and count agree: times proportional to FLOPs', () => {
    const summary = streaming.summarize(
      rows(
        () => RNN_FLOPS * 1e-6,
        (p) => 256 * p * 1e-6,
      ),
      PARAMS,
      GPU,
    );
    expect(summary).toContain(
      "Clock and count agree within 2× at every position measured: the ratio of the two steps' times stays within 2× of the ratio of their FLOPs.",
    );
    expect(summary.some((s) => s.startsWith('Clock and count disagree'))).toBe(false);
  });

  test('clock and count disagree: by how much, and what the measured dispatch cost accounts for', () => {
    // One dispatch costs 0.05 ms; the RNN step takes 0.06 ms and the KV step 0.07 ms at p = 1.
    const summary = streaming.summarize(
      rows(
        () => 0.06,
        (p) => 0.07 + p * 1e-4,
      ),
      PARAMS,
      GPU,
    );
    // Counted ratio at p = 1: 256 / 16,384 = 0.0156; measured 0.0701 / 0.06 = 1.17; 74.8× apart.
    expect(summary).toContain(
      "Clock and count disagree most at p = 1: the attention step took 1.17× the RNN step's time, while by count it does 0.0156× its arithmetic, 74.8× apart.",
    );
    // Without 0.05 ms per dispatch: 0.0201 / 0.01 = 2.01, still 129× from the count.
    expect(summary).toContain(
      "At the 50.0 µs measured for a minimal dispatch, at p = 1 the RNN step's 1 dispatch accounts for 83% of its 60.0 µs, and the attention step's 1 dispatch accounts for 71% of its 70.1 µs. Taking that cost off both times leaves a ratio of 2.01×, still 129× from the count.",
    );
  });

  test('a dispatch cost as long as a whole step: says the clock cannot see the arithmetic there', () => {
    const summary = streaming.summarize(
      rows(
        () => 0.04,
        (p) => 0.07 + p * 1e-4,
      ),
      PARAMS,
      GPU,
    );
    expect(summary.join(' ')).toContain(
      "That cost alone is as long as the RNN step's whole measured time, so at this position the clock cannot see the arithmetic.",
    );
  });

  test('a dispatch cost far below a step: reads "under 1%", not "0%"', () => {
    const summary = streaming.summarize(
      rows(
        () => 1,
        () => 100,
      ),
      PARAMS,
      {
        kind: 'webgpu',
        perDispatchMs: 0.001,
        submitAndWaitMs: 1,
        flopsPerMs: 1e6,
        maxBufferSize: 2 ** 28,
        maxStorageBufferBindingSize: 2 ** 27,
        measured: true,
      },
    );
    expect(summary.find((s) => s.startsWith('At the '))).toMatch(/the attention step's 1 dispatch accounts for under 1% of its 100 ms/);
  });

  test('on the CPU path: no dispatch-cost sentence, and the constants say why', () => {
    const summary = streaming.summarize(
      rows(
        () => 0.06,
        (p) => 0.07 + p * 1e-4,
        () => 0,
      ),
      PARAMS,
      CPU,
    );
    expect(summary.some((s) => s.startsWith('Clock and count disagree most at p = 1'))).toBe(true);
    expect(summary.some((s) => s.startsWith('At the '))).toBe(false);
    expect(summary.join(' ')).not.toMatch(/software|CPU cores|hardware/);
  });

  test('fits the two constants to the rows and reports the fit', () => {
    // Exactly 0.05 ms per dispatch plus 1 GFLOP/s (10⁶ FLOP per ms).
    const exact = (flops: number, dispatches: number) => 0.05 * dispatches + flops / 1e6;
    const summary = streaming.summarize(
      rows(
        () => exact(RNN_FLOPS, 1),
        (p) => exact(256 * p, p >= 1024 ? 2 : 1),
      ),
      PARAMS,
      GPU,
    );
    expect(summary.find((s) => s.startsWith('Fitted to both steps at every position'))).toMatch(/50\.0 µs per dispatch and 1\.00 GFLOP\/s/);
  });
});
