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
