/**
 * State tracking: the running sum of the tokens modulo m (parity when m = 2).
 * Each token is a digit 0 … m−1, and the answer at every position is the sum so far
 * mod m, so a sequence of length n asks n questions and the last one needs every
 * token. Training batches and held-out batches come from different seed streams
 * (trainingSeed and heldOutSeed of ./task), as in recall.
 */
import { createRandom } from '../runtime/prng';
import type { TaskShape, TokenBatch } from './task';

export interface RunningSumTask {
  /** The modulus m: 2 is parity. */
  modulus: number;
  /** Tokens per sequence. */
  length: number;
}

/** Digits in, a residue out: m tokens and m classes. */
export function runningSumShape(modulus: number): TaskShape {
  return { vocab: modulus, classes: modulus };
}

/** Throws a readable error for a task no sequence can be drawn from. */
export function validateRunningSumTask(task: RunningSumTask): void {
  if (!Number.isInteger(task.modulus) || task.modulus < 2) throw new RangeError(`The running sum needs a whole modulus ≥ 2; got ${task.modulus}.`);
  if (!Number.isInteger(task.length) || task.length < 1) throw new RangeError(`Sequences need a whole length ≥ 1; got ${task.length}.`);
}

/** One batch of uniformly random digits drawn from `seed`, with the running sum mod m as the answer at every position. */
export function runningSumBatch(task: RunningSumTask, batch: number, seed: number): TokenBatch {
  validateRunningSumTask(task);
  const random = createRandom(seed);
  const { modulus, length } = task;
  const tokens = new Int32Array(batch * length);
  const targets = new Int32Array(batch * length);
  for (let b = 0; b < batch; b++) {
    let sum = 0;
    for (let t = 0; t < length; t++) {
      const digit = Math.min(modulus - 1, Math.floor(random() * modulus));
      sum = (sum + digit) % modulus;
      tokens[b * length + t] = digit;
      targets[b * length + t] = sum;
    }
  }
  return { batch, length, answers: length, tokens, targets };
}
