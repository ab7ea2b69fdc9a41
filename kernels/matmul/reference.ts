/** CPU reference: C = alpha · A · op(B), in float64 accumulation, returned as float32. */
import type { MatmulShape } from './cost';

export type { MatmulShape };

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
