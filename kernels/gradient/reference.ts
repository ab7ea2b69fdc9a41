/**
 * CPU references for gradient decay over distance: the tanh RNN's Jacobian
 * product norms, and the LSTM cell path's forget-gate product (in log space).
 */
export interface GradientShape {
  /** Steps in the forward pass, T; the product reaches back at most T steps. */
  steps: number;
  hidden: number;
  /** How far back to go: k = 1 … maxDistance (≤ steps). */
  maxDistance: number;
}

export interface GradientNorms {
  /** ‖∂h_T/∂h_{T−k}‖ (Frobenius) for k = 1 … K; may underflow to 0 far back. */
  norms: Float64Array;
  /** log10 of the same, finite even where `norms` underflows. */
  log10Norms: Float64Array;
}

/**
 * Same renormalised recurrence as jacobian.wgsl, in float64: U_0 = I, n_0 = 1,
 * U_k = (U_{k−1}/n_{k−1})·J_{T−k+1}, n_k = ‖U_k‖, ‖P_k‖ = n_1⋯n_k. Once some n_k
 * is exactly zero, every later product is zero too: its log10 is −∞, never NaN.
 */
export function gradientNormsReference(wHh: Float32Array, states: Float32Array, shape: GradientShape): GradientNorms {
  const { steps, hidden: d, maxDistance } = shape;
  let previous = new Float64Array(d * d);
  for (let i = 0; i < d; i++) previous[i * d + i] = 1;
  let previousNorm = 1;
  let logSum = 0;
  const norms = new Float64Array(maxDistance);
  const log10Norms = new Float64Array(maxDistance);
  for (let k = 1; k <= maxDistance; k++) {
    const h = (steps - k + 1) * d;
    const next = new Float64Array(d * d);
    for (let i = 0; i < d; i++) {
      for (let j = 0; j < d; j++) {
        let sum = 0;
        for (let m = 0; m < d; m++) {
          const hm = states[h + m]!;
          sum += previous[i * d + m]! * (1 - hm * hm) * wHh[m * d + j]!;
        }
        // A product that reached exactly zero stays zero (as in jacobian.wgsl), never 0/0.
        next[i * d + j] = previousNorm === 0 ? 0 : sum / previousNorm;
      }
    }
    let squares = 0;
    for (const value of next) squares += value * value;
    const norm = Math.sqrt(squares);
    logSum += Math.log10(norm);
    log10Norms[k - 1] = logSum;
    norms[k - 1] = 10 ** logSum;
    previous = next;
    previousNorm = norm;
  }
  return { norms, log10Norms };
}

/**
 * log₁₀ ∏_{t ≤ k} f_t for k = 1 … K: the forget gates' share of ∂c_T/∂c_{T−k},
 * as a sum of logarithms, so it stays finite where the product itself underflows.
 */
export function forgetGateLog10ProductsReference(gates: Float32Array): Float64Array {
  const out = new Float64Array(gates.length);
  let sum = 0;
  gates.forEach((gate, index) => {
    sum += Math.log10(gate);
    out[index] = sum;
  });
  return out;
}

/**
 * The largest singular value σ₁ of a d×d row-major matrix W, by power iteration
 * on WᵀW in float64 (the chapter's criterion: ‖∂h_T/∂h_{T−k}‖₂ ≤ σ₁^k).
 * Iterates until σ₁ changes by less than `tolerance` relative, or `maxIterations`.
 */
export function largestSingularValue(matrix: Float32Array, d: number, { tolerance = 1e-12, maxIterations = 10_000 } = {}): number {
  // Start from a vector with no special structure, so it is not orthogonal to the top singular vector.
  let v = Float64Array.from({ length: d }, (_, i) => 1 + i / d);
  let sigma = 0;
  for (let iteration = 0; iteration < maxIterations; iteration++) {
    const wv = new Float64Array(d);
    for (let i = 0; i < d; i++) for (let j = 0; j < d; j++) wv[i]! += matrix[i * d + j]! * v[j]!;
    const next = new Float64Array(d);
    for (let i = 0; i < d; i++) for (let j = 0; j < d; j++) next[j]! += matrix[i * d + j]! * wv[i]!;
    const length = Math.hypot(...next);
    if (length === 0) return 0;
    const estimate = Math.sqrt(length / Math.hypot(...v));
    v = next.map((value) => value / length);
    if (Math.abs(estimate - sigma) <= tolerance * estimate) return estimate;
    sigma = estimate;
  }
  return sigma;
}
