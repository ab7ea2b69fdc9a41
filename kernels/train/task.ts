/**
 * Multi-query associative recall, generated on the fly from the one seeded PRNG:
 * N key–value pairs, then Q of the keys again; the target at each query is the
 * value that followed that key. Training batches and held-out batches come from
 * different seed streams, so no held-out sequence is ever trained on by design.
 *
 * Tokens: keys are 0 … keys−1, values are keys … keys+values−1. Targets are value
 * classes 0 … values−1 at query positions and −1 (no loss) everywhere else.
 */
import { createRandom, deriveSeed } from '../runtime/prng';

export interface RecallTask {
  /** Key–value pairs per sequence (N). */
  pairs: number;
  /** Queries after the pairs (Q ≤ N); each asks for a different key. */
  queries: number;
  /** Distinct key tokens (≥ N). */
  keys: number;
  /** Distinct value tokens; also the number of output classes. */
  values: number;
}

/** What every training task hands the models: token sequences and the answer asked for at some positions. */
export interface TokenBatch {
  batch: number;
  /** Tokens per sequence. */
  length: number;
  /** Answers asked for per sequence (targets ≥ 0); the loss is the mean over batch × answers of them. */
  answers: number;
  /** batch × length input tokens. */
  tokens: Int32Array;
  /** batch × length answer classes, −1 where no answer is asked for. */
  targets: Int32Array;
}

/** The models' input and output sizes, which is all they need to know of a task. */
export interface TaskShape {
  /** Input tokens. */
  vocab: number;
  /** Output classes. */
  classes: number;
}

export interface RecallBatch extends TokenBatch {
  pairs: number;
  queries: number;
}

export function sequenceLength(task: Pick<RecallTask, 'pairs' | 'queries'>): number {
  return 2 * task.pairs + task.queries;
}

/** Input tokens the embedding must hold (keys and values). */
export function inputVocabulary(task: Pick<RecallTask, 'keys' | 'values'>): number {
  return task.keys + task.values;
}

/** The recall task as the models see it: keys and values in, a value class out. */
export function recallShape(task: Pick<RecallTask, 'keys' | 'values'>): TaskShape {
  return { vocab: inputVocabulary(task), classes: task.values };
}

/** Throws a readable error for a task no sequence can be drawn from. */
export function validateTask(task: RecallTask): void {
  const whole = (name: string, value: number, least: number) => {
    if (!Number.isInteger(value) || value < least) throw new RangeError(`The recall task needs ${name} to be a whole number ≥ ${least}; got ${value}.`);
  };
  whole('pairs', task.pairs, 1);
  whole('queries', task.queries, 1);
  whole('keys', task.keys, 1);
  whole('values', task.values, 2);
  if (task.queries > task.pairs) throw new RangeError(`Each query asks for a different key, so queries (${task.queries}) cannot exceed pairs (${task.pairs}).`);
  if (task.pairs > task.keys) throw new RangeError(`Keys in a sequence are distinct, so pairs (${task.pairs}) cannot exceed keys (${task.keys}).`);
}

/** One batch of sequences drawn from `seed`. */
export function recallBatch(task: RecallTask, batch: number, seed: number): RecallBatch {
  validateTask(task);
  const random = createRandom(seed);
  const length = sequenceLength(task);
  const tokens = new Int32Array(batch * length);
  const targets = new Int32Array(batch * length).fill(-1);
  const keyOrder = Array.from({ length: task.keys }, (_, i) => i);
  const pick = (n: number) => Math.min(n - 1, Math.floor(random() * n));
  for (let b = 0; b < batch; b++) {
    // A partial Fisher–Yates shuffle draws N distinct keys.
    for (let i = 0; i < task.pairs; i++) {
      const j = i + pick(task.keys - i);
      [keyOrder[i], keyOrder[j]] = [keyOrder[j]!, keyOrder[i]!];
    }
    const row = b * length;
    const values: number[] = [];
    for (let i = 0; i < task.pairs; i++) {
      const value = pick(task.values);
      values.push(value);
      tokens[row + 2 * i] = keyOrder[i]!;
      tokens[row + 2 * i + 1] = task.keys + value;
    }
    // Queries: Q distinct pairs in random order.
    const pairOrder = Array.from({ length: task.pairs }, (_, i) => i);
    for (let q = 0; q < task.queries; q++) {
      const j = q + pick(task.pairs - q);
      [pairOrder[q], pairOrder[j]] = [pairOrder[j]!, pairOrder[q]!];
      const position = row + 2 * task.pairs + q;
      tokens[position] = keyOrder[pairOrder[q]!]!;
      targets[position] = values[pairOrder[q]!]!;
    }
  }
  return { batch, pairs: task.pairs, queries: task.queries, answers: task.queries, length, tokens, targets };
}

/** Seed streams: training batch `step` and held-out batch `index` never share a stream. */
export function trainingSeed(seed: number, step: number): number {
  return deriveSeed(seed, 2 * step);
}

export function heldOutSeed(seed: number, index: number): number {
  return deriveSeed(seed, 2 * index + 1);
}
