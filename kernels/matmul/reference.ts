/** CPU reference: C = alpha · A · op(B), in float64 accumulation, returned as float32. */
export interface MatmulShape {
  m: number;
  n: number;
  k: number;
  /** B is stored N×K and used transposed. */
  transposeB?: boolean;
  alpha?: number;
}

export function matmulReference(a: Float32Array, b: Float32Array, { m, n, k, transposeB = false, alpha = 1 }: MatmulShape): Float32Array {
  const c = new Float32Array(m * n);
  for (let row = 0; row < m; row++) {
    for (let col = 0; col < n; col++) {
      let sum = 0;
      for (let i = 0; i < k; i++) sum += a[row * k + i]! * (transposeB ? b[col * k + i]! : b[i * n + col]!);
      c[row * n + col] = alpha * sum;
    }
  }
  return c;
}

/** Floating-point operations of one product: a multiply and an add per term. */
export function matmulFlops({ m, n, k }: MatmulShape): number {
  return 2 * m * n * k;
}

/**
 * Bytes a tiled matmul moves to and from GPU memory when each workgroup computes a
 * tileM × tileN block of C: it reads a tileM-row slice of A and a tileN-column slice
 * of B, each k long, and writes its block once.
 */
export function tiledMatmulTrafficBytes({ m, n, k }: MatmulShape, tileM: number, tileN = tileM): number {
  return 4 * (Math.ceil(n / tileN) * m * k + Math.ceil(m / tileM) * n * k + m * n);
}
