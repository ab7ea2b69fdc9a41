// The LSTM cell's gradient path: its per-step Jacobian against finite differences of the forward
// pass (float64), the renormalised chain against a direct product, and lstm-chain.wgsl on a real
// adapter (Dawn in Node) against the CPU reference.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  chainBlockLog10NormsReference,
  lstmChainJacobians,
  lstmForwardReference,
  lstmInputs,
  lstmStepJacobian,
  type LstmShape,
} from '../../kernels/gradient/reference';
import { lstmCellGradientLog10Norms } from '../../kernels/gradient/host';
import { CPU_BACKEND, type GpuRuntime } from '../../kernels/runtime';
import { dawnRuntime } from '../support/dawn';

const SEED = 20260;

/** s_t = (c_t, h_t) after one step from a given s_{t−1}, in float64. */
function stepFrom(shape: LstmShape, weights: ReturnType<typeof lstmInputs>['weights'], x: Float32Array, t: number, c: Float64Array, h: Float64Array) {
  const d = shape.hidden;
  const sigmoid = (v: number) => 1 / (1 + Math.exp(-v));
  const next = new Float64Array(2 * d);
  const gates = (gate: number, unit: number) => {
    const row = gate * d + unit;
    let sum = weights.b[row]!;
    for (let j = 0; j < shape.input; j++) sum += weights.w[row * shape.input + j]! * x[(t - 1) * shape.input + j]!;
    for (let j = 0; j < d; j++) sum += weights.u[row * d + j]! * h[j]!;
    return sum;
  };
  for (let unit = 0; unit < d; unit++) {
    const [i, f, g, o] = [sigmoid(gates(0, unit)), sigmoid(gates(1, unit)), Math.tanh(gates(2, unit)), sigmoid(gates(3, unit))];
    next[unit] = f * c[unit]! + i * g;
    next[d + unit] = o * Math.tanh(next[unit]!);
  }
  return next;
}

describe('the LSTM cell’s Jacobian (float64)', () => {
  test('each column matches a central finite difference of one step, to 1e-7', () => {
    const shape = { steps: 6, hidden: 5, input: 3 };
    const { weights, x } = lstmInputs(SEED, shape, 0.9);
    const trace = lstmForwardReference(weights, x, shape);
    const d = shape.hidden;
    for (const t of [2, 6]) {
      const jacobian = lstmStepJacobian(weights, trace, t, d);
      const c = trace.c.slice((t - 1) * d, t * d);
      const h = trace.h.slice((t - 1) * d, t * d);
      // The step reproduces the trace before anything is perturbed.
      expect(Array.from(stepFrom(shape, weights, x, t, c, h).slice(0, d))).toEqual(Array.from(trace.c.slice(t * d, (t + 1) * d)));
      const epsilon = 1e-6;
      for (let column = 0; column < 2 * d; column++) {
        const plus = [c.slice(), h.slice()];
        const minus = [c.slice(), h.slice()];
        plus[column < d ? 0 : 1]![column % d]! += epsilon;
        minus[column < d ? 0 : 1]![column % d]! -= epsilon;
        const up = stepFrom(shape, weights, x, t, plus[0]!, plus[1]!);
        const down = stepFrom(shape, weights, x, t, minus[0]!, minus[1]!);
        for (let row = 0; row < 2 * d; row++) {
          expect(Math.abs((up[row]! - down[row]!) / (2 * epsilon) - jacobian[row * 2 * d + column]!), `row ${row}, column ${column}, t = ${t}`).toBeLessThan(
            1e-7,
          );
        }
      }
    }
  });

  test('its forget gates move with the input around the f their bias sets', () => {
    const shape = { steps: 200, hidden: 8, input: 4 };
    const { weights, x } = lstmInputs(SEED, shape, 0.99);
    const gates = [...lstmForwardReference(weights, x, shape).f];
    expect(Math.max(...gates) - Math.min(...gates)).toBeGreaterThan(0.05);
    expect(gates.reduce((a, b) => a + b) / gates.length).toBeGreaterThan(0.9);
  });
});

describe('the renormalised chain (float64)', () => {
  test('matches the block of the plain product where the plain product stays in range', () => {
    const shape = { steps: 12, hidden: 3, input: 2 };
    const { weights, x } = lstmInputs(SEED, shape, 0.8);
    const trace = lstmForwardReference(weights, x, shape);
    const size = 6;
    const matrices = lstmChainJacobians(weights, trace, 12, 3, 12);
    const log10 = chainBlockLog10NormsReference(matrices, { size, block: 3, maxDistance: 12 });
    let product = new Float64Array(size * size);
    for (let i = 0; i < size; i++) product[i * size + i] = 1;
    for (let k = 1; k <= 12; k++) {
      const next = new Float64Array(size * size);
      for (let i = 0; i < size; i++)
        for (let m = 0; m < size; m++)
          for (let j = 0; j < size; j++) next[i * size + j]! += product[i * size + m]! * matrices[(k - 1) * size * size + m * size + j]!;
      product = next;
      let squares = 0;
      for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) squares += product[i * size + j]! ** 2;
      expect(log10[k - 1]!).toBeCloseTo(Math.log10(Math.sqrt(squares)), 10);
    }
  });
});

describe('lstm-chain.wgsl on a real adapter (Dawn) against the CPU reference', () => {
  let runtime: GpuRuntime;
  beforeAll(async () => {
    runtime = await dawnRuntime();
  });
  afterAll(() => runtime?.destroy());

  // f32 products renormalised every step: log₁₀ sizes agree with float64 to 2e-3 decades, the tanh chain's tolerance.
  test.each([
    [8, 60, 0.99],
    [33, 25, 0.9],
  ])('d = %i, K = %i, f = %f: log₁₀ sizes within 2e-3', async (hidden, steps, forgetGate) => {
    const shape = { steps, hidden, input: 4 };
    const { weights, x } = lstmInputs(SEED, shape, forgetGate);
    const jacobians = lstmChainJacobians(weights, lstmForwardReference(weights, x, shape), steps, hidden, steps);
    const chain = { size: 2 * hidden, block: hidden, maxDistance: steps };
    const [gpu, cpu] = [
      await lstmCellGradientLog10Norms({ kind: 'webgpu', runtime }, jacobians, chain),
      await lstmCellGradientLog10Norms(CPU_BACKEND, jacobians, chain),
    ];
    expect(gpu.backend).toMatch(/^WebGPU/);
    const mismatches = Array.from(gpu.output)
      .map((value, index) => ({ k: index + 1, gpu: value, cpu: cpu.output[index]! }))
      .filter(({ gpu, cpu }) => !(Math.abs(gpu - cpu) <= 2e-3));
    expect(mismatches.slice(0, 5)).toEqual([]);
  });
});
