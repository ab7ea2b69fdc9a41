/**
 * Sweep for experiment 3: the size of ∂(output at T)/∂(position T − k) for
 * k = 1 … K along three paths, all in one norm, ‖·‖_F/√d, and all computed on the
 * backend: the tanh RNN's Jacobian products, the LSTM cell path's forget-gate
 * product (a sum of logarithms), and one attention layer's weight on the key a
 * query matches.
 */
import { rnnForward } from '../../../kernels/rnn/host';
import { rnnInputs } from '../../../kernels/rnn/reference';
import { forgetGateLog10Products, gradientNorms } from '../../../kernels/gradient/host';
import { largestSingularValue } from '../../../kernels/gradient/reference';
import { attentionWeights } from '../../../kernels/attention/host';
import { deriveSeed, normalArray } from '../../../kernels/runtime';
import { ATTENTION_GRADIENT_SERIES, FORGET_GRADIENT_SERIES, TANH_GRADIENT_SERIES } from '../shared/series';
import type { Sweep } from '../shared/definition';
import type { GradientParams, GradientRow } from './definition';
import { SEED, checkpoint } from '../shared/sweep-steps';

/** W_hh from the seeded RNN, scaled so its measured largest singular value is `sigma`. */
export function recurrentWeightsWithSingularValue(wHh: Float32Array, width: number, sigma: number): Float32Array {
  const scale = sigma / largestSingularValue(wHh, width);
  return wHh.map((weight) => weight * scale);
}

/**
 * Queries that each match one planted key: query k (k = 1 … K) is the key at
 * position T − k of K + 1 random keys, as a recall question is the key it asks about.
 */
export function plantedQueries(keys: Float32Array, distance: number, width: number): Float32Array {
  const queries = new Float32Array(distance * width);
  for (let k = 1; k <= distance; k++) queries.set(keys.subarray((distance - k) * width, (distance - k + 1) * width), (k - 1) * width);
  return queries;
}

export const sweepGradients: Sweep<GradientParams, GradientRow> = async (context) => {
  const { backend, params, signal } = context;
  const { distance, width, forgetGate } = params;
  // ‖·‖_F/√d: the RNN's product is measured in the Frobenius norm; the gate product and α are already per unit.
  const perUnit = Math.log10(Math.sqrt(width));
  const emitSeries = (series: string, log10Norms: ArrayLike<number>) => {
    for (let k = 1; k <= distance; k++) {
      const log10Norm = log10Norms[k - 1]!;
      context.emit({ series, k, norm: 10 ** log10Norm, log10Norm });
    }
  };

  checkpoint(signal);
  context.progress(0, 3, TANH_GRADIENT_SERIES);
  const shape = { steps: distance, hidden: width, input: 4 };
  const { weights: seeded, x } = rnnInputs(SEED, shape);
  const weights = { ...seeded, wHh: recurrentWeightsWithSingularValue(seeded.wHh, width, params.singularValue) };
  const forward = await rnnForward(backend, weights, x, shape, { signal });
  const tanh = await gradientNorms(backend, weights.wHh, forward.output, { steps: distance, hidden: width, maxDistance: distance }, { signal });
  emitSeries(
    TANH_GRADIENT_SERIES,
    Array.from(tanh.output.log10Norms, (log10Norm) => log10Norm - perUnit),
  );

  checkpoint(signal);
  context.progress(1, 3, FORGET_GRADIENT_SERIES);
  // ∂c_T/∂c_{T−k} along the direct path is diag(f^k), whose size in ‖·‖_F/√d is f^k.
  const products = await forgetGateLog10Products(backend, new Float32Array(distance).fill(forgetGate), { signal });
  emitSeries(FORGET_GRADIENT_SERIES, products.output);

  checkpoint(signal);
  context.progress(2, 3, ATTENTION_GRADIENT_SERIES);
  // Along the value path ∂z_T/∂v_{T−k} = α·I, of size α in ‖·‖_F/√d; α is the weight the
  // query that matches the key at T − k puts on that key, among all K + 1 positions.
  const positions = distance + 1;
  const keys = normalArray(deriveSeed(SEED, 22), positions * width);
  const queries = plantedQueries(keys, distance, width);
  const alphas = await attentionWeights(backend, queries, keys, { sequenceLength: positions, queries: distance, keyDim: width }, { signal });
  const log10Norms = Array.from({ length: distance }, (_, index) => Math.log10(alphas.output[index * positions + (distance - (index + 1))]!));
  emitSeries(ATTENTION_GRADIENT_SERIES, log10Norms);
  context.progress(3, 3, 'done');
};
