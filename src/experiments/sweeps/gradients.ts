/**
 * Sweep for experiment 3: ‖∂h_T/∂h_{T−k}‖ for k = 1 … K from the tanh RNN's
 * Jacobian products, the LSTM cell path's forget-gate product, and the weights
 * of one attention layer, all computed on the backend.
 */
import { rnnForward } from '../../../kernels/rnn/host';
import { rnnInputs } from '../../../kernels/rnn/reference';
import { forgetGateProducts, gradientNorms } from '../../../kernels/gradient/host';
import { attentionWeights } from '../../../kernels/attention/host';
import { deriveSeed, normalArray } from '../../../kernels/runtime';
import { ATTENTION_GRADIENT_SERIES, FORGET_GRADIENT_SERIES, TANH_GRADIENT_SERIES } from '../definitions/names';
import type { Sweep, GradientParams, GradientRow } from '../definitions';
import { SEED, checkpoint } from './sweep-steps';

export const sweepGradients: Sweep<GradientParams, GradientRow> = async (context) => {
  const { backend, params, signal } = context;
  const distance = params.distance;
  const width = params.width;
  const forgetGate = params.forgetGate;
  const emitSeries = (series: string, log10Norms: ArrayLike<number>) => {
    for (let k = 1; k <= distance; k++) {
      const log10Norm = log10Norms[k - 1]!;
      context.emit({ series, k, norm: 10 ** log10Norm, log10Norm });
    }
  };

  checkpoint(signal);
  context.progress(0, 3, TANH_GRADIENT_SERIES);
  const shape = { steps: distance, hidden: width, input: 4 };
  const { weights, x } = rnnInputs(SEED, shape, params.radius);
  const forward = await rnnForward(backend, weights, x, shape, { signal });
  const tanh = await gradientNorms(backend, weights.wHh, forward.output, { steps: distance, hidden: width, maxDistance: distance }, { signal });
  emitSeries(TANH_GRADIENT_SERIES, tanh.output.log10Norms);

  checkpoint(signal);
  context.progress(1, 3, FORGET_GRADIENT_SERIES);
  const products = await forgetGateProducts(backend, new Float32Array(distance).fill(forgetGate), { signal });
  emitSeries(
    FORGET_GRADIENT_SERIES,
    Array.from(products.output, (product) => Math.log10(product)),
  );

  checkpoint(signal);
  context.progress(2, 3, ATTENTION_GRADIENT_SERIES);
  // One query at the last position attends over all K + 1 positions; the value path's
  // gradient from output to position T − k is α·I, whose Frobenius norm is α·√d.
  const positions = distance + 1;
  const query = normalArray(deriveSeed(SEED, 21), width);
  const keys = normalArray(deriveSeed(SEED, 22), positions * width);
  const weightsRow = await attentionWeights(backend, query, keys, { sequenceLength: positions, queries: 1, keyDim: width }, { signal });
  const log10Norms = Array.from({ length: distance }, (_, index) => Math.log10(weightsRow.output[positions - 2 - index]! * Math.sqrt(width)));
  emitSeries(ATTENTION_GRADIENT_SERIES, log10Norms);
  context.progress(3, 3, 'done');
};
