/**
 * Associative recall: T key→value pairs, then questions "what was stored with
 * key j?". Two ways to answer, computed here on the CPU exactly as recall/host.ts
 * computes them on the GPU:
 *
 * - A fixed-size state: keys and values are projected to n = √S dimensions and
 *   summed into an outer-product memory M = Σ ṽ_i k̃_iᵀ of S = n² numbers. The
 *   answer is M k̃_j, decoded as the stored value with the largest dot product.
 * - Attention over all T stored keys: softmax(q Kᵀ/√d) V, decoded the same way.
 * - Attention over a window of the last W pairs only, W = m/(2d), so that it keeps
 *   the same m numbers as the fixed state; decoded the same way, against all T values.
 *
 * The questions ask about pairs spread evenly over the sequence, so a method that
 * favours recent pairs (the window) is measured fairly.
 */
import { matmulReference } from '../matmul/reference';
import { attentionReference } from '../attention/reference';
import { deriveSeed, normalArray } from '../runtime/prng';
import { windowPairs } from './capacity';

export interface RecallShape {
  /** Stored pairs T. */
  pairs: number;
  /** Width d of keys and values. */
  width: number;
  /** Questions asked, about pairs spread evenly over the sequence (see `askedPairs`). */
  queries: number;
}

export interface RecallInputs {
  keys: Float32Array;
  values: Float32Array;
  /** n×d random projection into the state's n = ⌊√m⌋ dimensions. */
  projection: Float32Array;
  stateSide: number;
  /** The index of the pair each question asks about. */
  asked: Uint32Array;
  /** The keys of those pairs: the questions, queries × d. */
  questions: Float32Array;
  /** Pairs the window baseline keeps: the last W = n²/(2d), the same numbers as the fixed state. */
  window: number;
}

/** Question q asks about pair ⌊(q + ½)·T/Q⌋: evenly spread, first to last. */
export function askedPairs(pairs: number, queries: number): Uint32Array {
  return Uint32Array.from({ length: queries }, (_, q) => Math.floor(((q + 0.5) * pairs) / queries));
}

/** Seeded keys and values with N(0, 1) entries, and a projection scaled so projected vectors have about unit length. */
export function recallInputs(seed: number, shape: RecallShape, stateSize: number): RecallInputs {
  const stateSide = Math.max(1, Math.floor(Math.sqrt(stateSize)));
  const keys = normalArray(deriveSeed(seed, 11), shape.pairs * shape.width);
  const asked = askedPairs(shape.pairs, shape.queries);
  const questions = new Float32Array(shape.queries * shape.width);
  asked.forEach((pair, q) => questions.set(keys.subarray(pair * shape.width, (pair + 1) * shape.width), q * shape.width));
  return {
    keys,
    values: normalArray(deriveSeed(seed, 12), shape.pairs * shape.width),
    projection: normalArray(deriveSeed(seed, 13), stateSide * shape.width, 1 / Math.sqrt(stateSide * shape.width)),
    stateSide,
    asked,
    questions,
    window: Math.min(shape.pairs, windowPairs(stateSide * stateSide, shape.width)),
  };
}

export function rowArgmax(values: Float32Array, rows: number, cols: number): Float32Array {
  const out = new Float32Array(rows);
  for (let row = 0; row < rows; row++) {
    let best = -Infinity;
    let index = 0;
    for (let col = 0; col < cols; col++) {
      if (values[row * cols + col]! > best) {
        best = values[row * cols + col]!;
        index = col;
      }
    }
    out[row] = index;
  }
  return out;
}

/** Decoded answers of the fixed-size state: the index of the stored value with the largest dot product with M k̃_j, per question. */
export function fixedStateAnswersReference(inputs: RecallInputs, shape: RecallShape): Float32Array {
  return rowArgmax(fixedStateSimilarityReference(inputs, shape), shape.queries, shape.pairs);
}

/** The fixed-size state's similarity of each recalled value to every stored value, queries × pairs. */
export function fixedStateSimilarityReference(inputs: RecallInputs, shape: RecallShape): Float32Array {
  const { pairs: t, width: d, queries } = shape;
  const n = inputs.stateSide;
  const keysT = matmulReference(inputs.projection, inputs.keys, { m: n, n: t, k: d, transposeB: true });
  const valuesT = matmulReference(inputs.projection, inputs.values, { m: n, n: t, k: d, transposeB: true });
  const memoryT = matmulReference(keysT, valuesT, { m: n, n, k: t, transposeB: true });
  const questions = matmulReference(inputs.questions, inputs.projection, { m: queries, n, k: d, transposeB: true });
  const recalled = matmulReference(questions, memoryT, { m: queries, n, k: n });
  return matmulReference(recalled, valuesT, { m: queries, n: t, k: n });
}

/** Decoded answers of attention over all stored pairs, or over the last `window` of them. */
export function attentionAnswersReference(inputs: RecallInputs, shape: RecallShape, window = shape.pairs): Float32Array {
  return rowArgmax(attentionSimilarityReference(inputs, shape, window), shape.queries, shape.pairs);
}

/** Attention's similarity of each answer to every stored value, queries × pairs (over the last `window` pairs). */
export function attentionSimilarityReference(inputs: RecallInputs, shape: RecallShape, window = shape.pairs): Float32Array {
  const { pairs: t, width: d, queries } = shape;
  const from = (t - window) * d;
  const answers = attentionReference(inputs.questions, inputs.keys.subarray(from), inputs.values.subarray(from), {
    sequenceLength: window,
    queries,
    keyDim: d,
    valueDim: d,
  });
  return matmulReference(answers, inputs.values, { m: queries, n: t, k: d, transposeB: true });
}

/**
 * Accepts a decoded answer that differs from the reference's only by a near-tie:
 * where the reference scores the answer within `relative` × the row's largest |score|
 * of its own best, the answer counts as the reference's. Returns the answers with
 * such ties resolved to the reference's, for an exact comparison.
 */
export function resolveNearTies(similarity: Float32Array, cols: number, reference: Float32Array, answers: Float32Array, relative: number): Float32Array {
  return answers.map((answer, row) => {
    const expected = reference[row]!;
    if (answer === expected || !(answer >= 0 && answer < cols)) return answer;
    let scale = 0;
    for (let col = 0; col < cols; col++) scale = Math.max(scale, Math.abs(similarity[row * cols + col]!));
    const gap = similarity[row * cols + expected]! - similarity[row * cols + answer]!;
    return gap <= relative * scale ? expected : answer;
  });
}

/** The fraction of questions whose decoded answer is the pair asked about. */
export function accuracy(answers: Float32Array, asked: Uint32Array): number {
  let correct = 0;
  answers.forEach((answer, question) => {
    if (answer === asked[question]) correct++;
  });
  return answers.length === 0 ? 0 : correct / answers.length;
}

export { recallCapacityEstimate, windowPairs } from './capacity';
