/** The state-tracking task's generator, and the seed streams both tasks draw from. */
import { describe, expect, test } from 'vitest';
import { runningSumBatch, runningSumShape, validateRunningSumTask } from '../../kernels/train/running-sum';
import { heldOutSeed, recallBatch, trainingSeed } from '../../kernels/train/task';

describe('the running sum mod m', () => {
  test.each([2, 3, 5])('m = %i: lengths, digits in range, and the answer at every position is the sum so far mod m', (modulus) => {
    const data = runningSumBatch({ modulus, length: 37 }, 11, 5);
    expect(data.batch).toBe(11);
    expect(data.length).toBe(37);
    expect(data.answers).toBe(37);
    expect(data.tokens).toHaveLength(11 * 37);
    for (let b = 0; b < data.batch; b++) {
      let sum = 0;
      for (let t = 0; t < data.length; t++) {
        const digit = data.tokens[b * 37 + t]!;
        expect(digit).toBeGreaterThanOrEqual(0);
        expect(digit).toBeLessThan(modulus);
        sum += digit;
        expect(data.targets[b * 37 + t]).toBe(sum % modulus);
      }
    }
  });

  test('parity is balanced: about half of the final answers are 1', () => {
    const data = runningSumBatch({ modulus: 2, length: 20 }, 2000, 3);
    let ones = 0;
    for (let b = 0; b < data.batch; b++) ones += data.targets[b * 20 + 19]!;
    expect(ones / data.batch).toBeGreaterThan(0.45);
    expect(ones / data.batch).toBeLessThan(0.55);
  });

  test('the same seed gives the same batch; a longer held-out batch starts as a different sequence', () => {
    expect(runningSumBatch({ modulus: 2, length: 8 }, 4, 9).tokens).toEqual(runningSumBatch({ modulus: 2, length: 8 }, 4, 9).tokens);
    expect(runningSumShape(3)).toEqual({ vocab: 3, classes: 3 });
  });

  test('bad tasks are refused with a reason', () => {
    expect(() => validateRunningSumTask({ modulus: 1, length: 4 })).toThrow(/modulus ≥ 2/);
    expect(() => validateRunningSumTask({ modulus: 2, length: 0 })).toThrow(/length ≥ 1/);
  });
});

describe('held-out seeds are disjoint from training seeds', () => {
  test('no held-out stream among the first thousand equals a training stream among the first hundred thousand', () => {
    const training = new Set(Array.from({ length: 100_000 }, (_, step) => trainingSeed(1, step + 1)));
    for (let index = 0; index < 1000; index++) expect(training.has(heldOutSeed(1, index))).toBe(false);
    expect(training.has(heldOutSeed(1, 1_000_000))).toBe(false);
  });

  test('no held-out parity sequence of the evaluation batch appears among the training batches of a default run', () => {
    const length = 16;
    const seen = new Set<string>();
    for (let step = 1; step <= 400; step++) {
      const batch = runningSumBatch({ modulus: 2, length }, 16, trainingSeed(1, step));
      for (let b = 0; b < batch.batch; b++) seen.add(batch.tokens.subarray(b * length, (b + 1) * length).join(''));
    }
    const heldOut = runningSumBatch({ modulus: 2, length: 4 * length }, 64, heldOutSeed(1, 0));
    // 2^16 possible training sequences and 6,400 drawn: a held-out prefix can coincide by chance (about 10%), but not most.
    let repeated = 0;
    for (let b = 0; b < heldOut.batch; b++) if (seen.has(heldOut.tokens.subarray(b * 4 * length, b * 4 * length + length).join(''))) repeated++;
    expect(repeated).toBeLessThan(20);
  });

  test('recall held-out batches differ from the training batch of every step they could share a number with', () => {
    const task = { pairs: 4, queries: 4, keys: 16, values: 8 };
    for (let index = 0; index < 5; index++) {
      expect(recallBatch(task, 8, heldOutSeed(1, index)).tokens).not.toEqual(recallBatch(task, 8, trainingSeed(1, index)).tokens);
    }
  });
});
