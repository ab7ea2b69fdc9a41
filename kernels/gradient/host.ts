/**
 * Host code for gradient decay: ‖∂h_T/∂h_{T−k}‖ of a tanh RNN from Jacobian
 * products on the GPU, and the LSTM forget-gate product (in log space) through the
 * scan kernels.
 */
import jacobianSource from './jacobian.wgsl?raw';
import { forgetGateLog10ProductsReference, gradientNormsReference, type GradientNorms, type GradientShape } from './reference';
import { linearRecurrence, type ScanVariant } from '../scan/host';
import { GpuError, describeBackend, withResources, type Backend, type KernelResult } from '../runtime';

export const GRADIENT_SOURCE = jacobianSource;
const WORKGROUP_SIZE = 64;

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
  const runtime = backend.runtime;
  const device = runtime.device;
  const d = shape.hidden;
  return withResources(runtime, 'gradient/jacobian', signal, async (scope) => {
    const stride = runtime.limits.minUniformBufferOffsetAlignment;
    const layout = device.createBindGroupLayout({
      label: 'gradient/layout',
      entries: [
        { binding: 0, visibility: GPUShaderStage.COMPUTE, buffer: { type: 'read-only-storage' } },
        { binding: 1, visibility: GPUShaderStage.COMPUTE, buffer: { type: 'read-only-storage' } },
        { binding: 2, visibility: GPUShaderStage.COMPUTE, buffer: { type: 'read-only-storage' } },
        { binding: 3, visibility: GPUShaderStage.COMPUTE, buffer: { type: 'storage' } },
        { binding: 4, visibility: GPUShaderStage.COMPUTE, buffer: { type: 'storage' } },
        { binding: 5, visibility: GPUShaderStage.COMPUTE, buffer: { type: 'uniform', hasDynamicOffset: true, minBindingSize: 16 } },
      ],
    });
    const pipelineLayout = device.createPipelineLayout({ label: 'gradient/pipeline-layout', bindGroupLayouts: [layout] });
    const [productPipeline, normPipeline] = await Promise.all(
      (['jacobian_product', 'frobenius_norm'] as const).map((entryPoint) =>
        runtime.pipeline({
          label: `gradient/${entryPoint}`,
          code: jacobianSource,
          entryPoint,
          constants: { WORKGROUP_SIZE },
          layout: pipelineLayout,
          layoutKey: 'gradient/dynamic',
        }),
      ),
    );
    const identity = new Float32Array(d * d);
    for (let i = 0; i < d; i++) identity[i * d + i] = 1;
    const weights = scope.storage('gradient/w_hh', wHh);
    const stateBuffer = scope.storage('gradient/states', states);
    // Ping-pong products: step k reads products[(k−1) % 2] and writes products[k % 2].
    const products = [scope.storage('gradient/product-even', identity), scope.output('gradient/product-odd', d * d)];
    const initialNorms = new Float32Array(shape.maxDistance + 1);
    initialNorms[0] = 1;
    const norms = scope.storage('gradient/norms', initialNorms);
    const records = new ArrayBuffer((shape.maxDistance + 1) * stride);
    const view = new DataView(records);
    for (let k = 1; k <= shape.maxDistance; k++) {
      view.setUint32(k * stride, k, true);
      view.setUint32(k * stride + 4, d, true);
      view.setUint32(k * stride + 8, shape.steps, true);
    }
    const steps = scope.uniform('gradient/steps', records);
    const groups = [0, 1].map((parity) =>
      device.createBindGroup({
        label: `gradient/bindings-${parity ? 'odd' : 'even'}`,
        layout,
        entries: [
          { binding: 0, resource: { buffer: weights } },
          { binding: 1, resource: { buffer: stateBuffer } },
          { binding: 2, resource: { buffer: products[1 - parity]! } },
          { binding: 3, resource: { buffer: products[parity]! } },
          { binding: 4, resource: { buffer: norms } },
          { binding: 5, resource: { buffer: steps, size: 16 } },
        ],
      }),
    );
    const encoder = device.createCommandEncoder({ label: 'gradient/jacobian' });
    const pass = encoder.beginComputePass({ label: 'gradient/jacobian' });
    const productGroups = Math.ceil((d * d) / WORKGROUP_SIZE);
    for (let k = 1; k <= shape.maxDistance; k++) {
      const group = groups[k % 2]!;
      pass.setBindGroup(0, group, [k * stride]);
      pass.setPipeline(productPipeline);
      pass.dispatchWorkgroups(productGroups);
      pass.setPipeline(normPipeline);
      pass.dispatchWorkgroups(1);
    }
    pass.end();
    device.queue.submit([encoder.finish()]);
    const allocatedBytes = scope.allocatedBytes;
    const stepNorms = await scope.read(norms);
    return { output: accumulateNorms(stepNorms, shape.maxDistance), backend: describeBackend(backend), allocatedBytes };
  });
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
