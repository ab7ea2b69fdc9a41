/**
 * The training family's costs: FLOPs, dispatches, submits and bytes of one
 * training step of both models (forward, backward and Adam), and of one held-out
 * evaluation (forward only), as the WGSL in this folder does them. Counted per
 * kernel below; a multiply-add is 2 FLOPs. The estimates and the bench read
 * them from here.
 */
import type { MatchedWidths } from './models';

export interface TrainingCost {
  flops: number;
  /** Compute dispatches recorded (buffer copies and clears are not counted). */
  dispatches: number;
  /** Command buffers submitted, each waited on. */
  submits: number;
  /** Bytes held on the device at once: parameters, gradients, Adam's moments, and the activations kept for backward. */
  bytes: number;
}

/** FLOPs of y = x·Wᵀ + b over `rows` rows. */
const linearFlops = (rows: number, inputs: number, outputs: number) => 2 * rows * inputs * outputs + rows * outputs;
/** A linear layer's backward: dx = dy·W, and dW = dyᵀ·x with db = Σ dy. */
const linearBackwardFlops = (rows: number, inputs: number, outputs: number) => 2 * rows * inputs * outputs + (2 * rows * inputs * outputs + rows * outputs);
/** Softmax cross-entropy over `classes` per row: max, exponentials, sum, log, and the gradient. */
const crossEntropyFlops = (rows: number, classes: number) => 5 * rows * classes;
/** The LSTM cell's element-wise work per unit: four activations, c = f·c + i·g, h = o·tanh(c). */
const LSTM_CELL_FLOPS = 10;
/** Its backward per unit: the cell's chain rule, about twice the forward's element-wise work. */
const LSTM_CELL_BACKWARD_FLOPS = 20;
/** Adam per parameter: two moment updates, the bias-corrected step and the update. */
const ADAM_FLOPS = 10;

/** One forward pass of the LSTM on batch × length tokens: FLOPs and dispatches. */
export function lstmForwardCost(width: number, batch: number, length: number, classes: number): { flops: number; dispatches: number } {
  const rows = batch * length;
  const flops =
    2 * rows * width + // embedding: E[token] + S[previous]
    linearFlops(rows, width, 4 * width) + // input projection, all positions at once
    2 * rows * width * 4 * width + // recurrent projection, one position at a time
    rows * width * LSTM_CELL_FLOPS +
    linearFlops(rows, width, classes) +
    crossEntropyFlops(rows, classes);
  // embed, input projection, one step per position, readout, cross-entropy
  return { flops, dispatches: 4 + length };
}

/** One forward pass of the one-layer causal attention model: FLOPs and dispatches. */
export function attentionForwardCost(width: number, heads: number, batch: number, length: number, classes: number): { flops: number; dispatches: number } {
  const rows = batch * length;
  // Query t scores and mixes the t + 1 positions up to it: Σ (t + 1) = L(L + 1)/2 per sequence and head, over d/heads channels.
  const pairs = (batch * heads * length * (length + 1)) / 2;
  const headWidth = width / heads;
  const flops =
    3 * rows * width + // embedding with positions
    linearFlops(rows, width, 3 * width) +
    pairs * (2 * headWidth + 4 + 2 * headWidth) + // scores, softmax, weighted sum of values
    linearFlops(rows, width, width) +
    rows * width + // residual
    linearFlops(rows, width, classes) +
    crossEntropyFlops(rows, classes);
  // embed, qkv, attention, output projection, readout, cross-entropy
  return { flops, dispatches: 6 };
}

function backwardExtra(widths: MatchedWidths, batch: number, length: number, classes: number, heads: number) {
  const rows = batch * length;
  const { width: h } = widths.lstm;
  const { width: d } = widths.attention;
  const pairs = (batch * heads * length * (length + 1)) / 2;
  const lstm =
    linearBackwardFlops(rows, h, classes) +
    2 * rows * h * 4 * h + // dh through the recurrent weights, position by position
    2 * rows * h * 4 * h + // the recurrent weights' gradient
    rows * h * LSTM_CELL_BACKWARD_FLOPS +
    linearBackwardFlops(rows, h, 4 * h) +
    2 * rows * h; // the embeddings' gradients
  const attention =
    linearBackwardFlops(rows, d, classes) +
    linearBackwardFlops(rows, d, d) +
    pairs * (4 * (d / heads) + 4) + // d scores: dP = dO·V, softmax's Jacobian
    pairs * (6 * (d / heads)) + // dQ, dK, dV
    linearBackwardFlops(rows, d, 3 * d) +
    2 * rows * d + // residual
    2 * rows * d;
  return {
    flops: { lstm, attention },
    // readout weight and input, the steps back, the recurrent and input gradients, embedding (LSTM);
    // readout weight and input, output weight and input, two attention kernels, qkv weight and input, embedding (attention)
    dispatches: { lstm: 6 + length, attention: 9 },
  };
}

/** Bytes held: four copies of each model's parameters (values, gradients, two moments) and the activations of a batch. */
function heldBytes(widths: MatchedWidths, batch: number, length: number, classes: number, heads: number, withBackward: boolean): number {
  const rows = batch * length;
  const { width: h } = widths.lstm;
  const { width: d } = widths.attention;
  const parameters = 4 * (widths.lstm.parameters + widths.attention.parameters);
  const lstmActivations = rows * (h + 4 * h + h + h + 4 * h + classes * 2) * (withBackward ? 2 : 1);
  const attentionActivations = (rows * (d + 3 * d + d + d + classes * 2) + batch * heads * length * length) * (withBackward ? 2 : 1);
  return 4 * (parameters + lstmActivations + attentionActivations + 4 * rows);
}

/** One training step of both models on the same batch: forward, backward and Adam; one submit each. */
export function trainingStepCost(widths: MatchedWidths, batch: number, length: number, classes: number, heads: number): TrainingCost {
  const lstm = lstmForwardCost(widths.lstm.width, batch, length, classes);
  const attention = attentionForwardCost(widths.attention.width, heads, batch, length, classes);
  const backward = backwardExtra(widths, batch, length, classes, heads);
  const adam = ADAM_FLOPS * (widths.lstm.parameters + widths.attention.parameters);
  return {
    flops: lstm.flops + attention.flops + backward.flops.lstm + backward.flops.attention + adam,
    dispatches: lstm.dispatches + attention.dispatches + backward.dispatches.lstm + backward.dispatches.attention + 2,
    submits: 2,
    bytes: heldBytes(widths, batch, length, classes, heads, true),
  };
}

/** One held-out evaluation of both models on `batch` sequences of `length` tokens: forward only, one submit each. */
export function evaluationCost(widths: MatchedWidths, batch: number, length: number, classes: number, heads: number): TrainingCost {
  const lstm = lstmForwardCost(widths.lstm.width, batch, length, classes);
  const attention = attentionForwardCost(widths.attention.width, heads, batch, length, classes);
  return {
    flops: lstm.flops + attention.flops,
    dispatches: lstm.dispatches + attention.dispatches,
    submits: 2,
    bytes: heldBytes(widths, batch, length, classes, heads, false),
  };
}
