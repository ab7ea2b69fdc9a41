/**
 * CPU reference for scaled dot-product attention, softmax(QKᵀ/√d_k)·V, with an
 * optional causal mask. Float64 accumulation; the T×T scores are materialised.
 */
export interface AttentionShape {
  /** Sequence length T (rows of Q, K and V). */
  sequenceLength: number;
  /** Width d_k of queries and keys. */
  keyDim: number;
  /** Width d_v of values. */
  valueDim: number;
  causal?: boolean;
}

export function attentionReference(q: Float32Array, k: Float32Array, v: Float32Array, shape: AttentionShape): Float32Array {
  const { sequenceLength: t, keyDim, valueDim, causal = false } = shape;
  const scale = 1 / Math.sqrt(keyDim);
  const out = new Float32Array(t * valueDim);
  const weights = new Float64Array(t);
  for (let row = 0; row < t; row++) {
    const live = causal ? row + 1 : t;
    let largest = -Infinity;
    for (let col = 0; col < live; col++) {
      let dot = 0;
      for (let i = 0; i < keyDim; i++) dot += q[row * keyDim + i]! * k[col * keyDim + i]!;
      weights[col] = dot * scale;
      largest = Math.max(largest, weights[col]!);
    }
    let total = 0;
    for (let col = 0; col < live; col++) {
      weights[col] = Math.exp(weights[col]! - largest);
      total += weights[col]!;
    }
    for (let j = 0; j < valueDim; j++) {
      let sum = 0;
      for (let col = 0; col < live; col++) sum += weights[col]! * v[col * valueDim + j]!;
      out[row * valueDim + j] = sum / total;
    }
  }
  return out;
}

/** Bytes of the materialised fp32 score matrix: exactly 4·T². */
export function scoreMatrixBytes(sequenceLength: number): number {
  return 4 * sequenceLength * sequenceLength;
}

/** FLOPs of one attention head: QKᵀ and P·V, two per multiply-add (the softmax is not counted). */
export function attentionFlops({ sequenceLength: t, keyDim, valueDim }: AttentionShape): number {
  return 2 * t * t * keyDim + 2 * t * t * valueDim;
}
