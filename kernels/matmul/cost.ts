/** The matrix product's counted work, for the bench and the attention cost. */
import type { MatmulShape } from './reference';

/** Floating-point operations of one product: a multiply and an add per term. */
export function matmulFlops({ m, n, k }: MatmulShape): number {
  return 2 * m * n * k;
}
