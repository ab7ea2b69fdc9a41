/**
 * The two models as named tensors in one flat parameter array, their seeded
 * initialisation, parameter counts and width matching, and the float64 forward
 * and backward pass of each through the ops in reference.ts.
 *
 * LSTM: x = E[tok] + S[prev]; z = x·Wxᵀ + b + U·h_{t−1}; logits = h·Rᵀ + r.
 * Attention: x = E[tok] + S[prev] + P; qkv = x·Wᵀ + b; y = x + attn(qkv)·Woᵀ + bo; logits = y·Rᵀ + r.
 */
import { deriveSeed, normalArray } from '../runtime/prng';
import {
  attentionBackward,
  attentionForward,
  crossEntropy,
  embedBackward,
  embedForward,
  linearBackward,
  linearForward,
  lstmBackward,
  lstmForward,
  sinusoidalPositions,
  type Numbers,
} from './reference';
import type { TaskShape, TokenBatch } from './task';

export type ModelKind = 'lstm' | 'attention';

export interface ModelShape {
  kind: ModelKind;
  /** Input tokens. */
  vocab: number;
  /** Output classes. */
  classes: number;
  /** Hidden size h of the LSTM, or model width d of attention. */
  width: number;
  /** Attention heads (d must be a multiple); 1 for the LSTM. */
  heads: number;
}

export interface TensorSlot {
  rows: number;
  cols: number;
  /** First element in the flat array; a multiple of TENSOR_ALIGNMENT so the GPU can bind each tensor on its own. */
  offset: number;
  size: number;
}

/** 64 floats = 256 bytes, WebGPU's default minStorageBufferOffsetAlignment. */
export const TENSOR_ALIGNMENT = 64;

export interface ModelLayout {
  shape: ModelShape;
  tensors: Record<string, TensorSlot>;
  /** Length of the flat array, padding included. */
  flatLength: number;
  /** Trainable numbers, padding excluded. */
  parameterCount: number;
}

function tensorShapes({ kind, vocab, classes, width: d }: ModelShape): Array<[string, number, number]> {
  const input: Array<[string, number, number]> = [
    ['embed', vocab, d],
    ['shift', vocab + 1, d],
  ];
  const readout: Array<[string, number, number]> = [
    ['readout', classes, d],
    ['readoutBias', 1, classes],
  ];
  if (kind === 'lstm') {
    return [...input, ['inputWeight', 4 * d, d], ['inputBias', 1, 4 * d], ['recurrent', 4 * d, d], ...readout];
  }
  return [...input, ['qkv', 3 * d, d], ['qkvBias', 1, 3 * d], ['output', d, d], ['outputBias', 1, d], ...readout];
}

export function validateShape(shape: ModelShape): void {
  if (!Number.isInteger(shape.width) || shape.width < 1) throw new RangeError(`Model width must be a whole number ≥ 1; got ${shape.width}.`);
  if (!Number.isInteger(shape.heads) || shape.heads < 1 || shape.width % shape.heads !== 0) {
    throw new RangeError(`The width (${shape.width}) must be a multiple of the number of heads (${shape.heads}).`);
  }
}

export function modelLayout(shape: ModelShape): ModelLayout {
  validateShape(shape);
  const tensors: Record<string, TensorSlot> = {};
  let offset = 0;
  let parameterCount = 0;
  for (const [name, rows, cols] of tensorShapes(shape)) {
    tensors[name] = { rows, cols, offset, size: rows * cols };
    parameterCount += rows * cols;
    offset += Math.ceil((rows * cols) / TENSOR_ALIGNMENT) * TENSOR_ALIGNMENT;
  }
  return { shape, tensors, flatLength: offset, parameterCount };
}

export function modelShape(kind: ModelKind, task: TaskShape, width: number, heads = 1): ModelShape {
  return { kind, vocab: task.vocab, classes: task.classes, width, heads: kind === 'lstm' ? 1 : heads };
}

/** Parameters of a model, counted from its tensors. */
export function parameterCount(kind: ModelKind, task: TaskShape, width: number, heads = 1): number {
  return modelLayout(modelShape(kind, task, width, heads)).parameterCount;
}

export interface MatchedWidths {
  lstm: { width: number; parameters: number };
  attention: { width: number; parameters: number; heads: number };
  /** |attention − lstm| / lstm. */
  relativeDifference: number;
  /** Whether the counts are matched within the 10% the experiment promises. */
  withinTenPercent: boolean;
}

/** Below this LSTM width the attention width's step (the number of heads) is too coarse to match within 10%. */
export const MIN_LSTM_WIDTH = 8;

/** The attention width (a multiple of `heads`) whose parameter count is closest to the LSTM's at `lstmWidth`. */
export function matchWidths(task: TaskShape, lstmWidth: number, heads = 1): MatchedWidths {
  const target = parameterCount('lstm', task, lstmWidth);
  let best = heads;
  for (let d = heads; d <= 4 * lstmWidth + heads; d += heads) {
    if (Math.abs(parameterCount('attention', task, d, heads) - target) < Math.abs(parameterCount('attention', task, best, heads) - target)) best = d;
  }
  const parameters = parameterCount('attention', task, best, heads);
  return {
    lstm: { width: lstmWidth, parameters: target },
    attention: { width: best, parameters, heads },
    relativeDifference: Math.abs(parameters - target) / target,
    withinTenPercent: Math.abs(parameters - target) <= 0.1 * target,
  };
}

/** Numbers the LSTM carries from one token to the next: h and c. */
export function lstmStateNumbers(width: number): number {
  return 2 * width;
}

/** Numbers in the attention model's cache after a number of tokens: a key and a value of width d for each. */
export function attentionCacheNumbersAfter(tokens: number, width: number): number {
  return 2 * tokens * width;
}

/** Numbers in the attention model's cache after the N pairs: 2N tokens. */
export function attentionCacheNumbers(pairs: number, width: number): number {
  return attentionCacheNumbersAfter(2 * pairs, width);
}

/**
 * The LSTM's initial forget-gate bias. Jozefowicz, Zaremba and Sutskever (2015) recommend 1, which starts each
 * gate at σ(1) ≈ 0.73, a half-life of about two tokens; 3 starts it at σ(3) ≈ 0.95, a half-life of about 14 tokens,
 * so from the first step the cell holds what it stored across a recall sequence's pairs (a larger bias lengthens the
 * initial memory, as chrono initialisation does; Tallec & Ollivier, 2018). It gives the LSTM the benefit of the doubt:
 * on recall it reaches the level where it stops improving in fewer steps (measured on the CPU path: about 600
 * instead of about 1,000 at N = 8), so a run of the default length can tell its capacity from too few steps.
 */
export const LSTM_FORGET_BIAS = 3;

/** Seeded initial parameters: embeddings N(0, 1), weights N(0, 1/fan-in), biases 0 except the LSTM forget gate's, LSTM_FORGET_BIAS. */
export function initialParameters(layout: ModelLayout, seed: number): Float64Array {
  const flat = new Float64Array(layout.flatLength);
  Object.entries(layout.tensors).forEach(([name, slot], index) => {
    if (name.endsWith('Bias')) return;
    const deviation = name === 'embed' || name === 'shift' ? 1 : 1 / Math.sqrt(slot.cols);
    flat.set(normalArray(deriveSeed(seed, 100 + index), slot.size, deviation), slot.offset);
  });
  if (layout.shape.kind === 'lstm') {
    const bias = layout.tensors.inputBias!;
    flat.fill(LSTM_FORGET_BIAS, bias.offset + layout.shape.width, bias.offset + 2 * layout.shape.width);
  }
  return flat;
}

/** A view of one tensor in a flat array. */
export function tensor<T extends Numbers>(layout: ModelLayout, flat: T, name: string): T {
  const slot = layout.tensors[name];
  if (!slot) throw new Error(`No tensor "${name}" in a ${layout.shape.kind} model.`);
  return flat.subarray(slot.offset, slot.offset + slot.size) as T;
}

export interface ModelPass {
  loss: number;
  correct: number;
  counted: number;
  /** batch × length × classes. */
  logits: Float64Array;
  /** Attention probabilities (batch × heads × length × length); empty for the LSTM. */
  probs: Float64Array;
  /** Gradient of the loss in the flat layout; only when asked for. */
  grads?: Float64Array;
}

/** Forward pass, and backward when `withGradients`, in float64. */
export function modelPass(layout: ModelLayout, params: Numbers, data: TokenBatch, withGradients: boolean): ModelPass {
  const { kind, vocab, classes, width: d, heads } = layout.shape;
  const { batch, length, tokens, targets } = data;
  const rows = batch * length;
  const p = (name: string) => tensor(layout, params, name);
  const positions = kind === 'attention' ? sinusoidalPositions(length, d) : null;
  const x = embedForward(tokens, batch, length, vocab, p('embed'), p('shift'), positions, d);
  let features: Float64Array;
  let backToInput: (dFeatures: Float64Array, grads: Float64Array) => Float64Array;
  let probs: Float64Array = new Float64Array(0);
  const put = (grads: Float64Array, name: string, values: Float64Array) => grads.set(values, layout.tensors[name]!.offset);

  if (kind === 'lstm') {
    const preX = linearForward(x, rows, d, p('inputWeight'), p('inputBias'), 4 * d);
    const trace = lstmForward(preX, batch, length, d, p('recurrent'));
    features = trace.H;
    backToInput = (dH, grads) => {
      const { dZ, dU } = lstmBackward(dH, trace, batch, length, d, p('recurrent'));
      put(grads, 'recurrent', dU);
      const input = linearBackward(x, dZ, rows, d, p('inputWeight'), 4 * d);
      put(grads, 'inputWeight', input.dW);
      put(grads, 'inputBias', input.db);
      return input.dx;
    };
  } else {
    const qkv = linearForward(x, rows, d, p('qkv'), p('qkvBias'), 3 * d);
    const attention = attentionForward(qkv, batch, length, d, heads);
    probs = attention.probs;
    const mixed = linearForward(attention.out, rows, d, p('output'), p('outputBias'), d);
    features = mixed.map((value, i) => value + x[i]!);
    backToInput = (dY, grads) => {
      const output = linearBackward(attention.out, dY, rows, d, p('output'), d);
      put(grads, 'output', output.dW);
      put(grads, 'outputBias', output.db);
      const dQkv = attentionBackward(qkv, attention.probs, output.dx, batch, length, d, heads);
      const projection = linearBackward(x, dQkv, rows, d, p('qkv'), 3 * d);
      put(grads, 'qkv', projection.dW);
      put(grads, 'qkvBias', projection.db);
      return projection.dx.map((value, i) => value + dY[i]!);
    };
  }
  const logits = linearForward(features, rows, d, p('readout'), p('readoutBias'), classes);
  const { loss, dLogits, correct, counted } = crossEntropy(logits, targets, rows, classes);
  if (!withGradients) return { loss, correct, counted, logits, probs };

  const grads = new Float64Array(layout.flatLength);
  const readout = linearBackward(features, dLogits, rows, d, p('readout'), classes);
  put(grads, 'readout', readout.dW);
  put(grads, 'readoutBias', readout.db);
  const dx = backToInput(readout.dx, grads);
  const { dE, dS } = embedBackward(tokens, batch, length, vocab, dx, d);
  put(grads, 'embed', dE);
  put(grads, 'shift', dS);
  return { loss, correct, counted, logits, probs, grads };
}
