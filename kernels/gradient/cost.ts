/**
 * The gradient kernels' counted work: the one home of these formulas for the gradients
 * experiment's estimate and the bench.
 */
import type { GradientShape } from './reference';

/**
 * FLOPs of the renormalised Jacobian product U_k = (U_{k−1}/n_{k−1})·diag(1 − h²)·W_hh for
 * k = 1 … K: one d×d by d×d product a step, two per multiply-add (the tanh derivative,
 * the division and the norm are not counted).
 */
export function jacobianProductFlops({ hidden: d, maxDistance }: Pick<GradientShape, 'hidden' | 'maxDistance'>): number {
  return 2 * maxDistance * d ** 3;
}

/**
 * FLOPs of the LSTM cell's chain (lstm-chain.wgsl): one 2d×2d by 2d×2d product a step for
 * k = 1 … K, two per multiply-add; building the K Jacobians (about 12 per entry of a d×d block)
 * is counted with it.
 */
export function lstmChainFlops({ hidden: d, maxDistance }: Pick<GradientShape, 'hidden' | 'maxDistance'>): number {
  return 2 * maxDistance * (2 * d) ** 3 + 12 * maxDistance * d * d;
}

/** Bytes the LSTM chain holds: K Jacobians of (2d)² f32 numbers, two products and the norms. */
export function lstmChainBytes({ hidden: d, maxDistance }: Pick<GradientShape, 'hidden' | 'maxDistance'>): number {
  return 4 * (maxDistance * (2 * d) ** 2 + 2 * (2 * d) ** 2 + 2 * (maxDistance + 1));
}
