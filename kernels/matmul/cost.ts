/** The matrix product's counted work, for the bench and the attention cost. */

/** The shape of C = alpha · A · op(B): A is m×k, B is k×n (n×k when transposed). */
export interface MatmulShape {
  m: number;
  n: number;
  k: number;
  /** B is stored N×K and used transposed. */
  transposeB?: boolean;
  alpha?: number;
}

/** Floating-point operations of one product: a multiply and an add per term. */
export function matmulFlops({ m, n, k }: MatmulShape): number {
  return 2 * m * n * k;
}

/** FLOPs per token of a dense layer's weights applied to one input vector: each weight takes part in one multiply-add. */
export function weightFlopsPerToken(weights: number): number {
  return 2 * weights;
}

/**
 * Bytes a tiled matmul moves to and from GPU memory when each workgroup computes a
 * tileM × tileN block of C: it reads a tileM-row slice of A and a tileN-column slice
 * of B, each k long, and writes its block once.
 */
export function tiledMatmulTrafficBytes({ m, n, k }: MatmulShape, tileM: number, tileN = tileM): number {
  return 4 * (Math.ceil(n / tileN) * m * k + Math.ceil(m / tileM) * n * k + m * n);
}
