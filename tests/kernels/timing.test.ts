import { afterEach, describe, expect, test, vi } from 'vitest';
import { timeWallClock } from '../../kernels/runtime/timing';
import { resolveNearTies } from '../../kernels/recall/reference';

afterEach(() => {
  vi.restoreAllMocks();
});

describe('timing at the edge of the clock', () => {
  test('a median that rounds to zero is reported as below the clock’s resolution', async () => {
    // A clock that never advances: every repetition measures 0 ms, even at the largest batch.
    vi.spyOn(performance, 'now').mockReturnValue(1000);
    const timing = await timeWallClock(() => {}, { repetitions: 3, targetMs: 1, maxBatch: 4 });
    expect(timing.medianMs).toBe(0);
    expect(timing.belowResolution).toBe(true);
    expect(timing.note).toMatch(/below the clock's resolution/);
  });

  test('negative deltas are discarded, not averaged in', async () => {
    // Each run reads the clock twice; the second measured run goes backwards by 5 ms, the others take 2 ms.
    let calls = 0;
    let clock = 0;
    vi.spyOn(performance, 'now').mockImplementation(() => {
      calls++;
      // Calls 1–6 are warm-up and calibration; measured runs start at call 7.
      const backwards = calls === 10;
      clock += calls % 2 === 0 ? (backwards ? -5 : 2) : 0;
      return clock;
    });
    const timing = await timeWallClock(() => {}, { repetitions: 3, targetMs: 1, maxBatch: 1 });
    expect(timing.samplesMs).toEqual([2, 2, 2]);
    expect(timing.belowResolution).toBe(false);
  });
});

describe('recall near-ties', () => {
  // Two questions over three stored values; the reference picks 0 and 2.
  const similarity = Float32Array.from([1, 0.99995, 0.2, 0.1, 0.5, 0.9]);
  const reference = Float32Array.from([0, 2]);

  test('an answer within the tie tolerance counts as the reference’s', () => {
    expect(Array.from(resolveNearTies(similarity, 3, reference, Float32Array.from([1, 2]), 1e-4))).toEqual([0, 2]);
  });

  test('a clearly worse answer stays wrong', () => {
    expect(Array.from(resolveNearTies(similarity, 3, reference, Float32Array.from([0, 1]), 1e-4))).toEqual([0, 1]);
  });
});
