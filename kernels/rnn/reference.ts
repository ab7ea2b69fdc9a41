/** CPU reference for the Elman RNN forward pass, h_t = tanh(W_hh h_{t−1} + W_xh x_t + b). */
import { deriveSeed, normalArray, uniformArray } from '../runtime/prng';

export interface RnnShape {
  /** Number of steps T. */
  steps: number;
  /** Hidden size d. */
  hidden: number;
  /** Input size d_in. */
  input: number;
}

export interface RnnWeights {
  /** d×d, row-major. */
  wHh: Float32Array;
  /** d×d_in, row-major. */
  wXh: Float32Array;
  /** d. */
  bias: Float32Array;
}

/** Returns h_0 … h_T as (T+1)×d values, row t being h_t; h_0 = initial (zeros by default). */
export function rnnForwardReference(weights: RnnWeights, x: Float32Array, shape: RnnShape, initial?: Float32Array): Float32Array {
  const { steps, hidden: d, input } = shape;
  const states = new Float32Array((steps + 1) * d);
  if (initial) states.set(initial.subarray(0, d));
  for (let t = 0; t < steps; t++) {
    for (let row = 0; row < d; row++) {
      let acc = weights.bias[row]!;
      for (let j = 0; j < d; j++) acc += weights.wHh[row * d + j]! * states[t * d + j]!;
      for (let j = 0; j < input; j++) acc += weights.wXh[row * input + j]! * x[t * input + j]!;
      states[(t + 1) * d + row] = Math.tanh(acc);
    }
  }
  return states;
}

/** A decode step's widths: d hidden units, d_in inputs. */
export interface RnnStepShape {
  hidden: number;
  input: number;
}

/** One decode step from state h: the forward pass's step, h' = tanh(W_hh h + W_xh x + b). */
export function rnnDecodeStepReference(weights: RnnWeights, h: Float32Array, x: Float32Array, shape: RnnStepShape): Float32Array {
  return rnnForwardReference(weights, x, { steps: 1, ...shape }, h).slice(shape.hidden);
}

/**
 * Seeded weights and inputs. W_hh has normal entries scaled so its spectral
 * radius is about `spectralRadius` (a random d×d matrix with N(0, 1/d) entries
 * has radius close to 1).
 */
export function rnnInputs(seed: number, shape: RnnShape, spectralRadius = 0.9): { weights: RnnWeights; x: Float32Array } {
  const { steps, hidden: d, input } = shape;
  return {
    weights: {
      wHh: normalArray(deriveSeed(seed, 0), d * d, spectralRadius / Math.sqrt(d)),
      wXh: normalArray(deriveSeed(seed, 1), d * input, 1 / Math.sqrt(Math.max(1, input))),
      bias: uniformArray(deriveSeed(seed, 2), d, -0.1, 0.1),
    },
    x: uniformArray(deriveSeed(seed, 3), steps * input, -1, 1),
  };
}
