/**
 * Sweep for experiment 3: the size of ∂(state at T)/∂(state at T − k) for k = 1 … K
 * along four paths, all in one norm, ‖·‖_F/√d, computed on the backend: the tanh
 * RNN's Jacobian products; a real LSTM cell's ∂c_T/∂c_{T−k}, its gates moving with
 * its inputs; beside it the constant-gate formula f^k as a labelled reference; and
 * one causal attention layer with positional encodings, its weight on a fact k back.
 */
import { rnnForward } from '../../../kernels/rnn/host';
import { rnnInputs } from '../../../kernels/rnn/reference';
import { forgetGateLog10Products, gradientNorms, lstmCellGradientLog10Norms } from '../../../kernels/gradient/host';
import { largestSingularValue, lstmChainJacobians, lstmForwardReference, lstmInputs } from '../../../kernels/gradient/reference';
import { attentionWeights } from '../../../kernels/attention/host';
import { deriveSeed, normalArray } from '../../../kernels/runtime';
import { ATTENTION_GRADIENT_SERIES, FORGET_GRADIENT_SERIES, LSTM_CELL_GRADIENT_SERIES, TANH_GRADIENT_SERIES } from '../shared/series';
import type { Sweep } from '../shared/definition';
import type { GradientParams, GradientRow } from './definition';
import { SEED, checkpoint } from '../shared/sweep-steps';

/** Inputs per step, for the tanh RNN and the LSTM alike. */
const INPUT_WIDTH = 4;

/** W_hh from the seeded RNN, scaled so its measured largest singular value is `sigma`. */
export function recurrentWeightsWithSingularValue(wHh: Float32Array, width: number, sigma: number): Float32Array {
  const scale = sigma / largestSingularValue(wHh, width);
  return wHh.map((weight) => weight * scale);
}

/** The sinusoidal positional encoding of Vaswani et al., "Attention is all you need" (2017), §3.5: sin and cos of position/10000^(2i/d). */
export function sinusoidalPosition(position: number, width: number): Float32Array {
  return Float32Array.from({ length: width }, (_, index) => {
    const angle = position / 10000 ** ((2 * Math.floor(index / 2)) / width);
    return index % 2 === 0 ? Math.sin(angle) : Math.cos(angle);
  });
}

/**
 * One causal attention layer over positions 0 … 2K whose inputs are random contents plus
 * positional encodings. A fact stands at position K; the query at position K + k (k = 1 … K)
 * asks for it: its content is the fact's, its position its own. The causal mask lets that query
 * see positions 0 … K + k only. Returns the keys (2K + 1 rows) and the K queries, the last K rows.
 */
export function plantedCausalInputs(distance: number, width: number, seed: number): { keys: Float32Array; queries: Float32Array; positions: number } {
  const positions = 2 * distance + 1;
  const contents = normalArray(deriveSeed(seed, 22), positions * width);
  const keys = new Float32Array(positions * width);
  for (let p = 0; p < positions; p++) {
    const position = sinusoidalPosition(p, width);
    for (let i = 0; i < width; i++) keys[p * width + i] = contents[p * width + i]! + position[i]!;
  }
  const fact = contents.subarray(distance * width, (distance + 1) * width);
  const queries = new Float32Array(distance * width);
  for (let k = 1; k <= distance; k++) {
    const position = sinusoidalPosition(distance + k, width);
    for (let i = 0; i < width; i++) queries[(k - 1) * width + i] = fact[i]! + position[i]!;
  }
  return { keys, queries, positions };
}

export const sweepGradients: Sweep<GradientParams, GradientRow> = async (context) => {
  const { backend, params, signal } = context;
  const { distance, width, forgetGate } = params;
  // ‖·‖_F/√d: the Jacobian products are measured in the Frobenius norm; the gate product and α are already per unit.
  const perUnit = Math.log10(Math.sqrt(width));
  const emitSeries = (series: string, log10Norms: ArrayLike<number>) => {
    for (let k = 1; k <= distance; k++) {
      const log10Norm = log10Norms[k - 1]!;
      context.emit({ series, k, norm: 10 ** log10Norm, log10Norm });
    }
  };

  checkpoint(signal);
  context.progress(0, 4, TANH_GRADIENT_SERIES);
  const shape = { steps: distance, hidden: width, input: INPUT_WIDTH };
  const { weights: seeded, x } = rnnInputs(SEED, shape);
  const weights = { ...seeded, wHh: recurrentWeightsWithSingularValue(seeded.wHh, width, params.singularValue) };
  const forward = await rnnForward(backend, weights, x, shape, { signal });
  const tanh = await gradientNorms(backend, weights.wHh, forward.output, { steps: distance, hidden: width, maxDistance: distance }, { signal });
  emitSeries(
    TANH_GRADIENT_SERIES,
    Array.from(tanh.output.log10Norms, (log10Norm) => log10Norm - perUnit),
  );

  checkpoint(signal);
  context.progress(1, 4, LSTM_CELL_GRADIENT_SERIES);
  // A real cell: its forward pass and per-step Jacobians in float64 here, their product on the backend.
  const lstm = lstmInputs(SEED, shape, forgetGate);
  const trace = lstmForwardReference(lstm.weights, lstm.x, shape);
  const jacobians = lstmChainJacobians(lstm.weights, trace, distance, width, distance);
  const cell = await lstmCellGradientLog10Norms(backend, jacobians, { size: 2 * width, block: width, maxDistance: distance }, { signal });
  emitSeries(
    LSTM_CELL_GRADIENT_SERIES,
    Array.from(cell.output, (log10Norm) => log10Norm - perUnit),
  );
  // A loop, not Math.min(...gates): at K = 2,000 the gates are too many for a spread's arguments (the call stack overflows).
  let gateSum = 0;
  let lowest = Infinity;
  let highest = -Infinity;
  for (const gate of trace.f) {
    gateSum += gate;
    lowest = Math.min(lowest, gate);
    highest = Math.max(highest, gate);
  }
  context.notice(
    `The LSTM's forget gates moved with its inputs: from ${lowest.toFixed(3)} to ${highest.toFixed(3)}, mean ${(gateSum / trace.f.length).toFixed(4)}, around the f = ${forgetGate} its bias was set to.`,
  );

  checkpoint(signal);
  context.progress(2, 4, FORGET_GRADIENT_SERIES);
  // The reference: with f constant and the path through h ignored, ∂c_T/∂c_{T−k} = diag(f^k), of size f^k in ‖·‖_F/√d.
  const products = await forgetGateLog10Products(backend, new Float32Array(distance).fill(forgetGate), { signal });
  emitSeries(FORGET_GRADIENT_SERIES, products.output);

  checkpoint(signal);
  context.progress(3, 4, ATTENTION_GRADIENT_SERIES);
  // Along the value path ∂z_{K+k}/∂v_K = α·I, of size α in ‖·‖_F/√d: α is the weight the query k
  // positions after the fact puts on it, under the causal mask, among the K + k + 1 positions it sees.
  const { keys, queries, positions } = plantedCausalInputs(distance, width, SEED);
  const alphas = await attentionWeights(backend, queries, keys, { sequenceLength: positions, queries: distance, keyDim: width, causal: true }, { signal });
  const log10Norms = Array.from({ length: distance }, (_, index) => Math.log10(alphas.output[index * positions + distance]!));
  emitSeries(ATTENTION_GRADIENT_SERIES, log10Norms);
  context.progress(4, 4, 'done');
};
