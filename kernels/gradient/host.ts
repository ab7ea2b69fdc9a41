/**
 * Host code for gradient decay: ‖∂h_T/∂h_{T−k}‖ of a tanh RNN and ‖∂c_T/∂c_{T−k}‖
 * of an LSTM cell from Jacobian products on the GPU, and the constant forget gate's
 * product f^k (in log space) through the scan kernels.
 */
import jacobianSource from './jacobian.wgsl?raw';
import lstmChainSource from './lstm-chain.wgsl?raw';
import {
  chainBlockLog10NormsReference,
  forgetGateLog10ProductsReference,
  gradientNormsReference,
  type ChainShape,
  type GradientNorms,
  type GradientShape,
} from './reference';
import { linearRecurrence, type ScanVariant } from '../scan/host';
import { GpuError, describeBackend, withResources, type Backend, type KernelResult } from '../runtime';

export const GRADIENT_SOURCE = jacobianSource;
export const LSTM_CHAIN_SOURCE = lstmChainSource;
const WORKGROUP_SIZE = 64;

/** One renormalised chain of products on the GPU: which kernel, the read-only inputs before its product buffers, and the sizes. */
interface ChainPlan {
  label: string;
  source: string;
  entryPoints: readonly [product: string, norm: string];
  /** Read-only inputs at bindings 0 … n−1; the previous product, the product, the norms and the step record follow. */
  inputs: Array<{ label: string; data: Float32Array }>;
  /** Rows and columns of the product, D. */
  size: number;
  maxDistance: number;
  /** Written into each step record after k and D (the RNN's T). */
  steps: number;
  /** Norms the norm pass writes per k, at norms[slots·k …]; norms[0] = 1 starts the chain. */
  normSlots: number;
}

/**
 * Runs U_k = (U_{k−1}/n_{k−1})·(step k's matrix) for k = 1 … K in one command buffer, two dispatches
 * a step, ping-ponging two product buffers; each step reads its k through a dynamic uniform offset.
 * Returns the norms buffer as read back: (K + 1) × normSlots numbers.
 */
async function runRenormalisedChain(backend: Extract<Backend, { kind: 'webgpu' }>, plan: ChainPlan, signal?: AbortSignal): Promise<KernelResult<Float32Array>> {
  const runtime = backend.runtime;
  const device = runtime.device;
  const { size, maxDistance, normSlots } = plan;
  return withResources(runtime, plan.label, signal, async (scope) => {
    const stride = runtime.limits.minUniformBufferOffsetAlignment;
    const readOnly = plan.inputs.length + 1;
    const layout = device.createBindGroupLayout({
      label: `${plan.label}/layout`,
      entries: [
        ...Array.from({ length: readOnly }, (_, binding) => ({ binding, visibility: GPUShaderStage.COMPUTE, buffer: { type: 'read-only-storage' as const } })),
        { binding: readOnly, visibility: GPUShaderStage.COMPUTE, buffer: { type: 'storage' } },
        { binding: readOnly + 1, visibility: GPUShaderStage.COMPUTE, buffer: { type: 'storage' } },
        { binding: readOnly + 2, visibility: GPUShaderStage.COMPUTE, buffer: { type: 'uniform', hasDynamicOffset: true, minBindingSize: 16 } },
      ],
    });
    const pipelineLayout = device.createPipelineLayout({ label: `${plan.label}/pipeline-layout`, bindGroupLayouts: [layout] });
    const [productPipeline, normPipeline] = await Promise.all(
      plan.entryPoints.map((entryPoint) =>
        runtime.pipeline({
          label: `${plan.label}/${entryPoint}`,
          code: plan.source,
          entryPoint,
          constants: { WORKGROUP_SIZE },
          layout: pipelineLayout,
          layoutKey: `${plan.label}/dynamic`,
        }),
      ),
    );
    const identity = new Float32Array(size * size);
    for (let i = 0; i < size; i++) identity[i * size + i] = 1;
    const inputs = plan.inputs.map(({ label, data }) => scope.storage(`${plan.label}/${label}`, data));
    // Ping-pong products: step k reads products[(k−1) % 2] and writes products[k % 2].
    const products = [scope.storage(`${plan.label}/product-even`, identity), scope.output(`${plan.label}/product-odd`, size * size)];
    const initialNorms = new Float32Array((maxDistance + 1) * normSlots);
    initialNorms[0] = 1;
    const norms = scope.storage(`${plan.label}/norms`, initialNorms);
    const records = new ArrayBuffer((maxDistance + 1) * stride);
    const view = new DataView(records);
    for (let k = 1; k <= maxDistance; k++) {
      view.setUint32(k * stride, k, true);
      view.setUint32(k * stride + 4, size, true);
      view.setUint32(k * stride + 8, plan.steps, true);
    }
    const steps = scope.uniform(`${plan.label}/steps`, records);
    const groups = [0, 1].map((parity) =>
      device.createBindGroup({
        label: `${plan.label}/bindings-${parity ? 'odd' : 'even'}`,
        layout,
        entries: [
          ...inputs.map((buffer, binding) => ({ binding, resource: { buffer } })),
          { binding: readOnly - 1, resource: { buffer: products[1 - parity]! } },
          { binding: readOnly, resource: { buffer: products[parity]! } },
          { binding: readOnly + 1, resource: { buffer: norms } },
          { binding: readOnly + 2, resource: { buffer: steps, size: 16 } },
        ],
      }),
    );
    const encoder = device.createCommandEncoder({ label: plan.label });
    const pass = encoder.beginComputePass({ label: plan.label });
    const productGroups = Math.ceil((size * size) / WORKGROUP_SIZE);
    for (let k = 1; k <= maxDistance; k++) {
      pass.setBindGroup(0, groups[k % 2]!, [k * stride]);
      pass.setPipeline(productPipeline);
      pass.dispatchWorkgroups(productGroups);
      pass.setPipeline(normPipeline);
      pass.dispatchWorkgroups(1);
    }
    pass.end();
    device.queue.submit([encoder.finish()]);
    const allocatedBytes = scope.allocatedBytes;
    return { output: await scope.read(norms), backend: describeBackend(backend), allocatedBytes };
  });
}

/** Norms for k = 1 … K, given W_hh and the forward pass's states h_0 … h_T. */
export async function gradientNorms(
  backend: Backend,
  wHh: Float32Array,
  states: Float32Array,
  shape: GradientShape,
  { signal }: { signal?: AbortSignal } = {},
): Promise<KernelResult<GradientNorms>> {
  if (shape.maxDistance > shape.steps || shape.maxDistance < 1) {
    throw new GpuError('limit', `The distance k must be between 1 and the number of steps (${shape.steps}); ${shape.maxDistance} was asked for.`);
  }
  if (backend.kind === 'cpu') return { output: gradientNormsReference(wHh, states, shape), backend: describeBackend(backend), allocatedBytes: 0 };
  const result = await runRenormalisedChain(
    backend,
    {
      label: 'gradient/jacobian',
      source: jacobianSource,
      entryPoints: ['jacobian_product', 'frobenius_norm'],
      inputs: [
        { label: 'w_hh', data: wHh },
        { label: 'states', data: states },
      ],
      size: shape.hidden,
      maxDistance: shape.maxDistance,
      steps: shape.steps,
      normSlots: 1,
    },
    signal,
  );
  return { ...result, output: accumulateNorms(result.output, shape.maxDistance) };
}

/**
 * log₁₀ ‖∂c_T/∂c_{T−k}‖_F through an LSTM cell for k = 1 … K, from its per-step state Jacobians
 * (see `lstmChainJacobians`): the top-left d×d block of their renormalised product.
 */
export async function lstmCellGradientLog10Norms(
  backend: Backend,
  jacobians: Float32Array,
  shape: ChainShape,
  { signal }: { signal?: AbortSignal } = {},
): Promise<KernelResult<Float64Array>> {
  if (shape.block * 2 !== shape.size || jacobians.length < shape.maxDistance * shape.size * shape.size) {
    throw new GpuError(
      'limit',
      `The LSTM chain needs ${shape.maxDistance} Jacobians of ${shape.size} × ${shape.size} with the cell state as their top-left half.`,
    );
  }
  if (backend.kind === 'cpu') return { output: chainBlockLog10NormsReference(jacobians, shape), backend: describeBackend(backend), allocatedBytes: 0 };
  const result = await runRenormalisedChain(
    backend,
    {
      label: 'gradient/lstm-chain',
      source: lstmChainSource,
      entryPoints: ['chain_product', 'chain_norms'],
      inputs: [{ label: 'jacobians', data: jacobians }],
      size: shape.size,
      maxDistance: shape.maxDistance,
      steps: shape.maxDistance,
      normSlots: 2,
    },
    signal,
  );
  // The block of the product is n_1 ⋯ n_{k−1} times the block of U_k; summed in log space.
  const norms = result.output;
  const out = new Float64Array(shape.maxDistance);
  let logSum = 0;
  for (let k = 1; k <= shape.maxDistance; k++) {
    logSum += Math.log10(norms[2 * (k - 1)]!);
    out[k - 1] = logSum + Math.log10(norms[2 * k + 1]!);
  }
  return { ...result, output: out };
}

/** ‖P_k‖ = n_1 ⋯ n_k, summed in log space so it stays finite far back; a zero step norm gives −∞ from there on, never NaN. */
function accumulateNorms(stepNorms: Float32Array, maxDistance: number): GradientNorms {
  const norms = new Float64Array(maxDistance);
  const log10Norms = new Float64Array(maxDistance);
  let logSum = 0;
  for (let k = 1; k <= maxDistance; k++) {
    logSum += Math.log10(stepNorms[k]!);
    log10Norms[k - 1] = logSum;
    norms[k - 1] = 10 ** logSum;
  }
  return { norms, log10Norms };
}

/**
 * log₁₀ ∏_{t ≤ k} f_t for k = 1 … K on either backend, summed in log space so a
 * product far below f32's range (0.5^2000) still has a finite logarithm. The sum is
 * the recurrence s_k = s_{k−1} + ln f_k with s_0 = 0 (a_t = 1, b_t = ln f_t), which
 * the scan kernels compute.
 */
export async function forgetGateLog10Products(
  backend: Backend,
  gates: Float32Array,
  { variant = 'sequential', signal }: { variant?: ScanVariant; signal?: AbortSignal } = {},
): Promise<KernelResult<Float64Array>> {
  if (backend.kind === 'cpu') return { output: forgetGateLog10ProductsReference(gates), backend: describeBackend(backend), allocatedBytes: 0 };
  const logs = Float32Array.from(gates, (gate) => Math.log(gate));
  const ones = new Float32Array(gates.length).fill(1);
  const result = await linearRecurrence(backend, ones, logs, { length: gates.length, channels: 1 }, { variant, signal });
  return { ...result, output: Float64Array.from(result.output, (sum) => sum / Math.LN10) };
}
