/**
 * CPU references for gradient decay over distance: the tanh RNN's Jacobian
 * product norms, and the LSTM cell path's forget-gate product (in log space).
 */
import { deriveSeed, normalArray, uniformArray } from '../runtime/prng';

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

/** An LSTM cell's weights for the gradient experiment: input weights W (4d × input), recurrent U (4d × d), biases b (4d), gate blocks in the order i, f, g, o. */
export interface LstmWeights {
  w: Float32Array;
  u: Float32Array;
  b: Float32Array;
}

export interface LstmShape {
  steps: number;
  hidden: number;
  input: number;
}

/** The LSTM's states c_0 … c_T and h_0 … h_T, and its gates at steps 1 … T, each (T + 1)·d or T·d, row per step (float64). */
export interface LstmTrace {
  c: Float64Array;
  h: Float64Array;
  i: Float64Array;
  f: Float64Array;
  g: Float64Array;
  o: Float64Array;
}

const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));

/**
 * The LSTM cell with a forget gate (Hochreiter and Schmidhuber, 1997; Gers, Schmidhuber and
 * Cummins, 2000), in float64 from c_0 = h_0 = 0: for each step, a = W x_t + U h_{t−1} + b, split
 * into i, f, g, o; i, f, o = σ(·), g = tanh(·); c_t = f ⊙ c_{t−1} + i ⊙ g; h_t = o ⊙ tanh(c_t).
 */
export function lstmForwardReference(weights: LstmWeights, x: Float32Array, { steps, hidden: d, input }: LstmShape): LstmTrace {
  const trace: LstmTrace = {
    c: new Float64Array((steps + 1) * d),
    h: new Float64Array((steps + 1) * d),
    i: new Float64Array(steps * d),
    f: new Float64Array(steps * d),
    g: new Float64Array(steps * d),
    o: new Float64Array(steps * d),
  };
  for (let t = 1; t <= steps; t++) {
    for (let unit = 0; unit < d; unit++) {
      const pre = [0, 1, 2, 3].map((gate) => {
        const row = gate * d + unit;
        let sum = weights.b[row]!;
        for (let j = 0; j < input; j++) sum += weights.w[row * input + j]! * x[(t - 1) * input + j]!;
        for (let j = 0; j < d; j++) sum += weights.u[row * d + j]! * trace.h[(t - 1) * d + j]!;
        return sum;
      });
      const at = (t - 1) * d + unit;
      trace.i[at] = sigmoid(pre[0]!);
      trace.f[at] = sigmoid(pre[1]!);
      trace.g[at] = Math.tanh(pre[2]!);
      trace.o[at] = sigmoid(pre[3]!);
      trace.c[t * d + unit] = trace.f[at] * trace.c[(t - 1) * d + unit]! + trace.i[at] * trace.g[at];
    }
    for (let unit = 0; unit < d; unit++) trace.h[t * d + unit] = trace.o[(t - 1) * d + unit]! * Math.tanh(trace.c[t * d + unit]!);
  }
  return trace;
}

/**
 * The Jacobian of one LSTM step's state s_t = (c_t, h_t) with respect to s_{t−1}, a 2d × 2d matrix,
 * row-major, rows and columns ordered c then h:
 *   ∂c_t/∂c_{t−1} = diag(f),   ∂c_t/∂h_{t−1} = B = diag(c_{t−1} f(1−f)) U_f + diag(g i(1−i)) U_i + diag(i(1−g²)) U_g,
 *   ∂h_t/∂c_{t−1} = diag(o(1−tanh² c_t) f),   ∂h_t/∂h_{t−1} = diag(tanh(c_t) o(1−o)) U_o + diag(o(1−tanh² c_t)) B.
 */
export function lstmStepJacobian(weights: LstmWeights, trace: LstmTrace, t: number, d: number): Float64Array {
  const size = 2 * d;
  const jacobian = new Float64Array(size * size);
  for (let row = 0; row < d; row++) {
    const at = (t - 1) * d + row;
    const [i, f, g, o] = [trace.i[at]!, trace.f[at]!, trace.g[at]!, trace.o[at]!];
    const cPrevious = trace.c[(t - 1) * d + row]!;
    const tanhC = Math.tanh(trace.c[t * d + row]!);
    const throughC = o * (1 - tanhC * tanhC);
    jacobian[row * size + row] = f;
    jacobian[(d + row) * size + row] = throughC * f;
    for (let col = 0; col < d; col++) {
      const u = (gate: number) => weights.u[(gate * d + row) * d + col]!;
      const b = cPrevious * f * (1 - f) * u(1) + g * i * (1 - i) * u(0) + i * (1 - g * g) * u(2);
      jacobian[row * size + d + col] = b;
      jacobian[(d + row) * size + d + col] = tanhC * o * (1 - o) * u(3) + throughC * b;
    }
  }
  return jacobian;
}

/**
 * The per-step Jacobians J_T, J_{T−1}, …, J_{T−K+1} in the order the product takes them
 * (∂s_T/∂s_{T−k} = J_T ⋯ J_{T−k+1}), as one f32 array of K matrices of (2d)² numbers.
 */
export function lstmChainJacobians(weights: LstmWeights, trace: LstmTrace, steps: number, d: number, maxDistance: number): Float32Array {
  const size = 2 * d;
  const out = new Float32Array(maxDistance * size * size);
  for (let k = 1; k <= maxDistance; k++) out.set(lstmStepJacobian(weights, trace, steps - k + 1, d), (k - 1) * size * size);
  return out;
}

export interface ChainShape {
  /** Rows and columns of each matrix, D. */
  size: number;
  /** The top-left block whose size is reported, b ≤ D (d, the cell state, for the LSTM). */
  block: number;
  /** Matrices in the chain, K. */
  maxDistance: number;
}

/**
 * log₁₀ ‖top-left b×b block of M_1 M_2 ⋯ M_k‖_F for k = 1 … K, by the same renormalised
 * recurrence as lstm-chain.wgsl, in float64: U_0 = I, U_k = (U_{k−1}/n_{k−1})·M_k,
 * n_k = ‖U_k‖_F, so the block of the product is n_1 ⋯ n_{k−1} · ‖block of U_k‖.
 */
export function chainBlockLog10NormsReference(matrices: Float32Array, { size, block, maxDistance }: ChainShape): Float64Array {
  let previous = new Float64Array(size * size);
  for (let i = 0; i < size; i++) previous[i * size + i] = 1;
  let previousNorm = 1;
  let logSum = 0;
  const out = new Float64Array(maxDistance);
  for (let k = 1; k <= maxDistance; k++) {
    const offset = (k - 1) * size * size;
    const next = new Float64Array(size * size);
    const inverse = previousNorm > 0 ? 1 / previousNorm : 0;
    for (let i = 0; i < size; i++) {
      for (let m = 0; m < size; m++) {
        const left = previous[i * size + m]! * inverse;
        if (left === 0) continue;
        for (let j = 0; j < size; j++) next[i * size + j]! += left * matrices[offset + m * size + j]!;
      }
    }
    let squares = 0;
    let blockSquares = 0;
    for (let i = 0; i < size; i++) {
      for (let j = 0; j < size; j++) {
        const value = next[i * size + j]!;
        squares += value * value;
        if (i < block && j < block) blockSquares += value * value;
      }
    }
    logSum += previousNorm > 0 ? Math.log10(previousNorm) : -Infinity;
    out[k - 1] = logSum + Math.log10(Math.sqrt(blockSquares));
    previous = next;
    previousNorm = Math.sqrt(squares);
  }
  return out;
}

/**
 * Seeded LSTM weights and inputs: recurrent weights uniform in [−1/√d, 1/√d] (PyTorch's
 * default for nn.LSTM), input weights N(0, 1) and inputs uniform in [−1, 1], so every gate
 * moves with its input; the forget gate's bias is
 * logit(f) = ln(f/(1 − f)), so it sits near `forgetGate` and varies around it.
 */
export function lstmInputs(seed: number, shape: LstmShape, forgetGate: number): { weights: LstmWeights; x: Float32Array } {
  const { steps, hidden: d, input } = shape;
  const b = new Float32Array(4 * d);
  b.fill(Math.log(forgetGate / (1 - forgetGate)), d, 2 * d);
  return {
    weights: { w: normalArray(deriveSeed(seed, 31), 4 * d * input), u: uniformArray(deriveSeed(seed, 32), 4 * d * d, -1 / Math.sqrt(d), 1 / Math.sqrt(d)), b },
    x: uniformArray(deriveSeed(seed, 33), steps * input, -1, 1),
  };
}
