import { afterEach, describe, expect, test, vi } from 'vitest';
import { Alternation, timeWallClock, widelySpread } from '../../kernels/runtime/timing';
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

describe('more repetitions where they spread wide', () => {
  /** A clock whose measured runs take the given times in turn (after warm-up and calibration at 1 ms each). */
  function scriptedClock(measured: number[]) {
    let calls = 0;
    let clock = 0;
    vi.spyOn(performance, 'now').mockImplementation(() => {
      calls++;
      // Calls 1–6 are warm-up and calibration (three runs); measured run n reads calls 7 + 2n and 8 + 2n.
      if (calls % 2 === 0) clock += calls <= 6 ? 1 : (measured[(calls - 8) / 2] ?? 1);
      return clock;
    });
  }

  test('a tight spread takes exactly the repetitions asked for', async () => {
    scriptedClock([2, 2.1, 2, 2.05, 2]);
    const timing = await timeWallClock(() => {}, { repetitions: 5, targetMs: 1, maxBatch: 1, spreadCapMs: 1000 });
    expect(timing.samplesMs).toHaveLength(5);
  });

  test('a wide spread takes more, up to 3× the repetitions, and the median stays with the majority', async () => {
    // 2 ms and 6 ms are 3× apart, so more are taken; the 6 ms run stays among them, so the spread stays wide up to the cap.
    scriptedClock([2, 6, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2]);
    const timing = await timeWallClock(() => {}, { repetitions: 5, targetMs: 1, maxBatch: 1, spreadCapMs: 1000 });
    expect(timing.samplesMs).toHaveLength(15);
    expect(timing.medianMs).toBe(2);
  });

  test('the time cap stops the extra repetitions', async () => {
    scriptedClock([2, 6, 2, 2, 2, 2, 2, 2]);
    // Five repetitions already took 14 ms, over a 10 ms cap: no more.
    const timing = await timeWallClock(() => {}, { repetitions: 5, targetMs: 1, maxBatch: 1, spreadCapMs: 10 });
    expect(timing.samplesMs).toHaveLength(5);
  });

  test('widelySpread: slowest over 1.5× the fastest', () => {
    expect(widelySpread([1, 1.4])).toBe(false);
    expect(widelySpread([1, 1.6])).toBe(true);
    expect(widelySpread([1])).toBe(false);
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

describe('Alternation: timings taken at once take turns', () => {
  test('measured runs interleave A, B, A, B…, one run at a time, and a finished timing frees the other', async () => {
    const alternation = new Alternation();
    const [a, b] = [alternation.join(), alternation.join()];
    const order: string[] = [];
    let running = 0;
    const participant = async (turn: typeof a, name: string, calibrations: number, measured: number) => {
      const step = async (label: string) => {
        running++;
        expect(running).toBe(1);
        // Let the other participant try to run meanwhile.
        await new Promise((resolve) => setTimeout(resolve, 1));
        order.push(label);
        running--;
      };
      try {
        for (let i = 0; i < calibrations; i++) await alternation.run(turn.id, false, () => step(`${name}c`));
        for (let i = 0; i < measured; i++) await alternation.run(turn.id, true, () => step(name));
      } finally {
        alternation.leave(turn.id);
      }
    };
    // A calibrates less, so it would run all its repetitions first if it did not wait for B's turns.
    await Promise.all([participant(a, 'A', 1, 3), participant(b, 'B', 3, 5)]);
    expect(order.filter((label) => !label.endsWith('c'))).toEqual(['A', 'B', 'A', 'B', 'A', 'B', 'B', 'B']);
  });

  test('two wall-clock timings given turns both finish with their own samples', async () => {
    const alternation = new Alternation();
    const options = { repetitions: 5, targetMs: 0.01, maxBatch: 1 };
    const [first, second] = await Promise.all([
      timeWallClock(() => {}, { ...options, turn: alternation.join() }),
      timeWallClock(() => {}, { ...options, turn: alternation.join() }),
    ]);
    expect(first.samplesMs).toHaveLength(5);
    expect(second.samplesMs).toHaveLength(5);
  });
});
