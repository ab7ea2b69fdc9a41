/**
 * Float64 CPU references for training both models on the recall task, forward
 * and backward, op by op: the oracle for every WGSL kernel in this family and
 * the CPU training path. Every matrix is row-major; a linear layer stores its
 * weight as out×in, so y = x·Wᵀ + b.
 *
 * Both models read the same input layer, x_t = E[token_t] + S[token_{t−1}]: a
 * one-token shift (the short convolution of H3, Fu et al., "Hungry Hungry Hippos",
 * 2023) that lets a single attention layer match a query against the key stored
 * just before each value. The LSTM gets it too, so the inputs are identical.
 */
export type Numbers = Float64Array | Float32Array;

/** x[b,t] = E[tok[b,t]] + S[prev] (+ P[t]); prev is the token before, or `vocab` (start) at t = 0. */
export function embedForward(
  tokens: Int32Array,
  batch: number,
  length: number,
  vocab: number,
  E: Numbers,
  S: Numbers,
  P: Numbers | null,
  d: number,
): Float64Array {
  const x = new Float64Array(batch * length * d);
  for (let b = 0; b < batch; b++) {
    for (let t = 0; t < length; t++) {
      const row = b * length + t;
      const token = tokens[row]!;
      const prev = t === 0 ? vocab : tokens[row - 1]!;
      for (let c = 0; c < d; c++) x[row * d + c] = E[token * d + c]! + S[prev * d + c]! + (P ? P[t * d + c]! : 0);
    }
  }
  return x;
}

/** Gradients of the two tables: dE is vocab×d, dS is (vocab+1)×d. */
export function embedBackward(
  tokens: Int32Array,
  batch: number,
  length: number,
  vocab: number,
  dx: Numbers,
  d: number,
): { dE: Float64Array; dS: Float64Array } {
  const dE = new Float64Array(vocab * d);
  const dS = new Float64Array((vocab + 1) * d);
  for (let b = 0; b < batch; b++) {
    for (let t = 0; t < length; t++) {
      const row = b * length + t;
      const token = tokens[row]!;
      const prev = t === 0 ? vocab : tokens[row - 1]!;
      for (let c = 0; c < d; c++) {
        dE[token * d + c] += dx[row * d + c]!;
        dS[prev * d + c] += dx[row * d + c]!;
      }
    }
  }
  return { dE, dS };
}

/** Sinusoidal positions (Vaswani et al., "Attention Is All You Need", 2017): defined at any length, so N can grow after training. */
export function sinusoidalPositions(length: number, d: number): Float64Array {
  const P = new Float64Array(length * d);
  for (let t = 0; t < length; t++) {
    for (let c = 0; c < d; c++) {
      const angle = t / Math.pow(10000, (2 * Math.floor(c / 2)) / d);
      P[t * d + c] = c % 2 === 0 ? Math.sin(angle) : Math.cos(angle);
    }
  }
  return P;
}

/** y = x·Wᵀ + b for M rows; W is out×in. */
export function linearForward(x: Numbers, rows: number, inputs: number, W: Numbers, bias: Numbers, outputs: number): Float64Array {
  const y = new Float64Array(rows * outputs);
  for (let m = 0; m < rows; m++) {
    for (let o = 0; o < outputs; o++) {
      let acc = bias[o]!;
      for (let i = 0; i < inputs; i++) acc += x[m * inputs + i]! * W[o * inputs + i]!;
      y[m * outputs + o] = acc;
    }
  }
  return y;
}

export function linearBackward(
  x: Numbers,
  dy: Numbers,
  rows: number,
  inputs: number,
  W: Numbers,
  outputs: number,
): { dx: Float64Array; dW: Float64Array; db: Float64Array } {
  const dx = new Float64Array(rows * inputs);
  const dW = new Float64Array(outputs * inputs);
  const db = new Float64Array(outputs);
  for (let m = 0; m < rows; m++) {
    for (let o = 0; o < outputs; o++) {
      const g = dy[m * outputs + o]!;
      db[o] += g;
      for (let i = 0; i < inputs; i++) {
        dx[m * inputs + i] += g * W[o * inputs + i]!;
        dW[o * inputs + i] += g * x[m * inputs + i]!;
      }
    }
  }
  return { dx, dW, db };
}

const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

export interface LstmTrace {
  /** batch × length × h: h_t after each step (h_{−1} = 0). */
  H: Float64Array;
  /** batch × length × h: the cell c_t. */
  C: Float64Array;
  /** batch × length × 4h: i, f, g, o after their nonlinearities, in that order. */
  gates: Float64Array;
}

/**
 * The LSTM recurrence (Hochreiter & Schmidhuber, 1997, with a forget gate): z_t = preX_t + U·h_{t−1},
 * where preX = x·Wxᵀ + b is computed for all t at once; c_t = f⊙c_{t−1} + i⊙g, h_t = o⊙tanh(c_t).
 */
export function lstmForward(preX: Numbers, batch: number, length: number, h: number, U: Numbers): LstmTrace {
  const H = new Float64Array(batch * length * h);
  const C = new Float64Array(batch * length * h);
  const gates = new Float64Array(batch * length * 4 * h);
  for (let b = 0; b < batch; b++) {
    for (let t = 0; t < length; t++) {
      const row = b * length + t;
      for (let j = 0; j < h; j++) {
        const z = [0, 1, 2, 3].map((gate) => {
          const r = gate * h + j;
          let acc = preX[row * 4 * h + r]!;
          if (t > 0) for (let k = 0; k < h; k++) acc += U[r * h + k]! * H[(row - 1) * h + k]!;
          return acc;
        });
        const [i, f, g, o] = [sigmoid(z[0]!), sigmoid(z[1]!), Math.tanh(z[2]!), sigmoid(z[3]!)];
        const cPrev = t > 0 ? C[(row - 1) * h + j]! : 0;
        const c = f * cPrev + i * g;
        C[row * h + j] = c;
        H[row * h + j] = o * Math.tanh(c);
        for (let gate = 0; gate < 4; gate++) gates[row * 4 * h + gate * h + j] = [i, f, g, o][gate]!;
      }
    }
  }
  return { H, C, gates };
}

/** BPTT: from dL/dh_t (the readout's gradient) to dL/dz_t for every t, and dL/dU. */
export function lstmBackward(dH: Numbers, trace: LstmTrace, batch: number, length: number, h: number, U: Numbers): { dZ: Float64Array; dU: Float64Array } {
  const { C, gates } = trace;
  const dZ = new Float64Array(batch * length * 4 * h);
  const dU = new Float64Array(4 * h * h);
  for (let b = 0; b < batch; b++) {
    const dCarry = new Float64Array(h);
    for (let t = length - 1; t >= 0; t--) {
      const row = b * length + t;
      for (let j = 0; j < h; j++) {
        let dh = dH[row * h + j]!;
        if (t + 1 < length) for (let r = 0; r < 4 * h; r++) dh += U[r * h + j]! * dZ[(row + 1) * 4 * h + r]!;
        const base = row * 4 * h;
        const [i, f, g, o] = [gates[base + j]!, gates[base + h + j]!, gates[base + 2 * h + j]!, gates[base + 3 * h + j]!];
        const tc = Math.tanh(C[row * h + j]!);
        const cPrev = t > 0 ? C[(row - 1) * h + j]! : 0;
        const dc = dh * o * (1 - tc * tc) + dCarry[j]!;
        dZ[base + j] = dc * g * i * (1 - i);
        dZ[base + h + j] = dc * cPrev * f * (1 - f);
        dZ[base + 2 * h + j] = dc * i * (1 - g * g);
        dZ[base + 3 * h + j] = dh * tc * o * (1 - o);
        dCarry[j] = dc * f;
      }
    }
  }
  for (let b = 0; b < batch; b++) {
    for (let t = 1; t < length; t++) {
      const row = b * length + t;
      for (let r = 0; r < 4 * h; r++) {
        const g = dZ[row * 4 * h + r]!;
        for (let k = 0; k < h; k++) dU[r * h + k] += g * trace.H[(row - 1) * h + k]!;
      }
    }
  }
  return { dZ, dU };
}

/**
 * Causal multi-head attention on packed projections: qkv is batch × length × 3d
 * (q, then k, then v, each split into `heads` slices of d/heads). Returns the
 * concatenated head outputs (batch × length × d) and the probabilities (batch × heads × length × length, zero above the diagonal).
 */
export function attentionForward(qkv: Numbers, batch: number, length: number, d: number, heads: number): { out: Float64Array; probs: Float64Array } {
  const dh = d / heads;
  const scale = 1 / Math.sqrt(dh);
  const out = new Float64Array(batch * length * d);
  const probs = new Float64Array(batch * heads * length * length);
  for (let b = 0; b < batch; b++) {
    for (let head = 0; head < heads; head++) {
      for (let t = 0; t < length; t++) {
        const q = (b * length + t) * 3 * d + head * dh;
        const p = ((b * heads + head) * length + t) * length;
        let max = -Infinity;
        for (let s = 0; s <= t; s++) {
          const k = (b * length + s) * 3 * d + d + head * dh;
          let dot = 0;
          for (let c = 0; c < dh; c++) dot += qkv[q + c]! * qkv[k + c]!;
          probs[p + s] = dot * scale;
          max = Math.max(max, dot * scale);
        }
        let sum = 0;
        for (let s = 0; s <= t; s++) sum += probs[p + s] = Math.exp(probs[p + s]! - max);
        for (let s = 0; s <= t; s++) {
          probs[p + s] = probs[p + s]! / sum;
          const v = (b * length + s) * 3 * d + 2 * d + head * dh;
          for (let c = 0; c < dh; c++) out[(b * length + t) * d + head * dh + c] += probs[p + s]! * qkv[v + c]!;
        }
      }
    }
  }
  return { out, probs };
}

export function attentionBackward(qkv: Numbers, probs: Numbers, dOut: Numbers, batch: number, length: number, d: number, heads: number): Float64Array {
  const dh = d / heads;
  const scale = 1 / Math.sqrt(dh);
  const dQkv = new Float64Array(batch * length * 3 * d);
  const dScore = new Float64Array(length);
  for (let b = 0; b < batch; b++) {
    for (let head = 0; head < heads; head++) {
      for (let t = 0; t < length; t++) {
        const p = ((b * heads + head) * length + t) * length;
        const o = (b * length + t) * d + head * dh;
        let weighted = 0;
        for (let s = 0; s <= t; s++) {
          const v = (b * length + s) * 3 * d + 2 * d + head * dh;
          let dp = 0;
          for (let c = 0; c < dh; c++) {
            dp += dOut[o + c]! * qkv[v + c]!;
            dQkv[v + c] += probs[p + s]! * dOut[o + c]!;
          }
          dScore[s] = dp;
          weighted += probs[p + s]! * dp;
        }
        const q = (b * length + t) * 3 * d + head * dh;
        for (let s = 0; s <= t; s++) {
          const ds = probs[p + s]! * (dScore[s]! - weighted) * scale;
          const k = (b * length + s) * 3 * d + d + head * dh;
          for (let c = 0; c < dh; c++) {
            dQkv[q + c] += ds * qkv[k + c]!;
            dQkv[k + c] += ds * qkv[q + c]!;
          }
        }
      }
    }
  }
  return dQkv;
}

/** Mean softmax cross-entropy over the rows whose target is ≥ 0, and its gradient (zero on the other rows). */
export function crossEntropy(
  logits: Numbers,
  targets: Int32Array,
  rows: number,
  classes: number,
): { loss: number; dLogits: Float64Array; correct: number; counted: number } {
  const dLogits = new Float64Array(rows * classes);
  let counted = 0;
  for (let m = 0; m < rows; m++) if (targets[m]! >= 0) counted++;
  let loss = 0;
  let correct = 0;
  for (let m = 0; m < rows; m++) {
    const target = targets[m]!;
    if (target < 0) continue;
    let max = -Infinity;
    let best = 0;
    for (let k = 0; k < classes; k++) {
      if (logits[m * classes + k]! > max) [max, best] = [logits[m * classes + k]!, k];
    }
    let sum = 0;
    for (let k = 0; k < classes; k++) sum += Math.exp(logits[m * classes + k]! - max);
    loss += Math.log(sum) + max - logits[m * classes + target]!;
    if (best === target) correct++;
    for (let k = 0; k < classes; k++) dLogits[m * classes + k] = (Math.exp(logits[m * classes + k]! - max) / sum - (k === target ? 1 : 0)) / counted;
  }
  return { loss: loss / Math.max(counted, 1), dLogits, correct, counted };
}

export interface AdamSettings {
  learningRate: number;
  beta1: number;
  beta2: number;
  epsilon: number;
}

export const ADAM_DEFAULTS: Omit<AdamSettings, 'learningRate'> = { beta1: 0.9, beta2: 0.999, epsilon: 1e-8 };

/** One Adam step (Kingma & Ba, 2015) in place; `step` counts from 1. */
export function adamUpdate(params: Numbers, grads: Numbers, m: Numbers, v: Numbers, step: number, settings: AdamSettings): void {
  const { learningRate, beta1, beta2, epsilon } = settings;
  const correction1 = 1 - Math.pow(beta1, step);
  const correction2 = 1 - Math.pow(beta2, step);
  for (let i = 0; i < params.length; i++) {
    const g = grads[i]!;
    m[i] = beta1 * m[i]! + (1 - beta1) * g;
    v[i] = beta2 * v[i]! + (1 - beta2) * g * g;
    params[i] = params[i]! - (learningRate * (m[i]! / correction1)) / (Math.sqrt(v[i]! / correction2) + epsilon);
  }
}
