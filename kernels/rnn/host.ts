/**
 * Host code for the Elman RNN forward pass in the variants the lesson compares: a
 * submit-and-wait per step, a submit per step without waiting, T dispatches in one
 * command buffer, and one persistent workgroup that loops over t. Every variant
 * first computes W_xh·x_t for all t as one matmul.
 */
import stepSource from './step.wgsl?raw';
import persistentSource from './persistent.wgsl?raw';
import { rnnForwardReference, type RnnShape, type RnnWeights } from './reference';
import { prepareMatmul } from '../matmul/host';
import {
  GpuError,
  describeBackend,
  encodeDispatch,
  packUniform,
  plainPass,
  withResources,
  type Backend,
  type GpuRuntime,
  type KernelResult,
  type PreparedKernel,
  type ResourceScope,
} from '../runtime';

export type RnnVariant = 'submit-per-step' | 'submit-per-step-no-wait' | 'command-buffer' | 'persistent';

export const RNN_VARIANTS: Record<RnnVariant, string> = {
  'submit-per-step': 'one submit and wait per step',
  'submit-per-step-no-wait': 'one submit per step, waiting once at the end',
  'command-buffer': 'T dispatches in one command buffer',
  persistent: 'one persistent workgroup looping over t',
};

export const RNN_SOURCES = { step: stepSource, persistent: persistentSource };

const STEP_WORKGROUP = 64;
const PERSISTENT_WORKGROUP = 128;

/** The largest hidden size the persistent variant holds in workgroup memory (two copies of h). */
export function persistentHiddenCapacity(limits: Pick<GPUSupportedLimits, 'maxComputeWorkgroupStorageSize'>): number {
  return Math.floor(limits.maxComputeWorkgroupStorageSize / 4 / 2);
}

/** Whether the persistent variant keeps W_hh in workgroup memory beside two copies of h. */
export function persistentCachesWeights(hidden: number, limits: Pick<GPUSupportedLimits, 'maxComputeWorkgroupStorageSize'>): boolean {
  return 4 * (hidden * hidden + 2 * hidden) <= limits.maxComputeWorkgroupStorageSize;
}

/** Ask for this when creating the runtime so the persistent variant can cache W_hh for larger d. */
export const RNN_PREFERRED_LIMITS = { maxComputeWorkgroupStorageSize: 65_536 };

interface RnnBuffers {
  wHh: GPUBuffer;
  wXh: GPUBuffer;
  bias: GPUBuffer;
  x: GPUBuffer;
  /** W_xh·x_t for every t, T×d. */
  projected: GPUBuffer;
  states: GPUBuffer;
}

export function uploadRnn(scope: ResourceScope, weights: RnnWeights, x: Float32Array, shape: RnnShape): RnnBuffers {
  return {
    wHh: scope.storage('rnn/w_hh', weights.wHh),
    wXh: scope.storage('rnn/w_xh', weights.wXh),
    bias: scope.storage('rnn/bias', weights.bias),
    x: scope.storage('rnn/x', x.length > 0 ? x : new Float32Array(1)),
    projected: scope.output('rnn/projected', Math.max(1, shape.steps) * shape.hidden),
    states: scope.output('rnn/states', (shape.steps + 1) * shape.hidden),
  };
}

/** A prepared forward pass. `encodeStep` exists for variants that step one dispatch at a time. */
export interface PreparedRnn extends PreparedKernel {
  variant: RnnVariant;
  steps: number;
  /** The input projection, recorded before the first step. */
  projection: PreparedKernel;
  encodeStep?: (encoder: GPUCommandEncoder, t: number) => void;
}

export async function prepareRnn(runtime: GpuRuntime, scope: ResourceScope, variant: RnnVariant, shape: RnnShape, buffers: RnnBuffers): Promise<PreparedRnn> {
  // X (T×input) · W_xhᵀ (W_xh is d×input): one matmul for every step's input term.
  const projection = await prepareMatmul(
    runtime,
    scope,
    'tiled',
    { m: shape.steps, n: shape.hidden, k: shape.input, transposeB: true },
    {
      a: buffers.x,
      b: buffers.wXh,
      c: buffers.projected,
    },
  );
  if (variant === 'persistent') {
    const capacity = persistentHiddenCapacity(runtime.limits);
    if (shape.hidden > capacity) {
      throw new GpuError(
        'limit',
        `The persistent variant keeps h in one workgroup's memory, which holds at most ${capacity} hidden units here; this RNN has ${shape.hidden}.`,
      );
    }
    const cached = persistentCachesWeights(shape.hidden, runtime.limits);
    const pipeline = await runtime.pipeline({
      label: 'rnn/persistent',
      code: persistentSource,
      entryPoint: 'elman_persistent',
      constants: {
        WORKGROUP_SIZE: PERSISTENT_WORKGROUP,
        HIDDEN_CAPACITY: Math.max(1, shape.hidden),
        WEIGHT_CAPACITY: cached ? Math.max(1, shape.hidden * shape.hidden) : 1,
        W_CACHED: cached ? 1 : 0,
      },
    });
    const params = scope.uniform(
      'rnn/persistent/shape',
      packUniform([
        ['u32', shape.steps],
        ['u32', shape.hidden],
        ['u32', shape.input],
      ]),
    );
    const group = runtime.device.createBindGroup({
      label: 'rnn/persistent/bindings',
      layout: pipeline.getBindGroupLayout(0),
      entries: (
        [
          [0, buffers.wHh],
          [1, buffers.projected],
          [2, buffers.bias],
          [4, buffers.states],
          [5, params],
        ] as const
      ).map(([binding, buffer]) => ({ binding, resource: { buffer } })),
    });
    return {
      variant,
      steps: shape.steps,
      projection,
      encode(encoder, pass) {
        projection.encode(encoder, pass);
        encodeDispatch(encoder, pass, 'rnn/persistent', pipeline, group, [1, 1, 1]);
      },
    };
  }

  const device = runtime.device;
  const layout = device.createBindGroupLayout({
    label: 'rnn/step/layout',
    entries: [
      ...[0, 1, 2].map((binding) => ({ binding, visibility: GPUShaderStage.COMPUTE, buffer: { type: 'read-only-storage' as const } })),
      { binding: 4, visibility: GPUShaderStage.COMPUTE, buffer: { type: 'storage' as const } },
      { binding: 5, visibility: GPUShaderStage.COMPUTE, buffer: { type: 'uniform' as const, hasDynamicOffset: true, minBindingSize: 16 } },
    ],
  });
  const pipeline = await runtime.pipeline({
    label: 'rnn/step',
    code: stepSource,
    entryPoint: 'elman_step',
    constants: { WORKGROUP_SIZE: STEP_WORKGROUP },
    layout: device.createPipelineLayout({ label: 'rnn/step/pipeline-layout', bindGroupLayouts: [layout] }),
    layoutKey: 'rnn/step/dynamic-uniform',
  });
  // One 16-byte Step record per t, each at its own aligned offset.
  const stride = runtime.limits.minUniformBufferOffsetAlignment;
  const records = new ArrayBuffer(Math.max(1, shape.steps) * stride);
  const view = new DataView(records);
  for (let t = 0; t < shape.steps; t++) {
    view.setUint32(t * stride, t, true);
    view.setUint32(t * stride + 4, shape.hidden, true);
    view.setUint32(t * stride + 8, shape.input, true);
  }
  const steps = scope.uniform('rnn/step/records', records);
  const group = device.createBindGroup({
    label: 'rnn/step/bindings',
    layout,
    entries: [
      ...[buffers.wHh, buffers.projected, buffers.bias].map((buffer, binding) => ({ binding, resource: { buffer } })),
      { binding: 4, resource: { buffer: buffers.states } },
      { binding: 5, resource: { buffer: steps, size: 16 } },
    ],
  });
  const grid: [number, number, number] = [Math.ceil(shape.hidden / STEP_WORKGROUP), 1, 1];
  const encodeStep = (encoder: GPUCommandEncoder, t: number) => encodeDispatch(encoder, plainPass, 'rnn/step', pipeline, group, grid, [t * stride]);
  return {
    variant,
    steps: shape.steps,
    projection,
    encodeStep,
    // All T steps in one compute pass: dispatches in a pass run in order, with storage writes visible to the next.
    encode(encoder, pass) {
      projection.encode(encoder, pass);
      const computePass = encoder.beginComputePass(pass('rnn/steps'));
      computePass.setPipeline(pipeline);
      for (let t = 0; t < shape.steps; t++) {
        computePass.setBindGroup(0, group, [t * stride]);
        computePass.dispatchWorkgroups(...grid);
      }
      computePass.end();
    },
  };
}

/**
 * Runs a prepared forward pass: one submission, or the projection and then one
 * submission per step, waiting for each ('submit-per-step') or only for the last
 * ('submit-per-step-no-wait').
 */
export async function runPreparedRnn(device: GPUDevice, rnn: PreparedRnn, checkpoint: () => void = () => {}): Promise<void> {
  if (rnn.variant.startsWith('submit-per-step') && rnn.encodeStep) {
    const wait = rnn.variant === 'submit-per-step';
    const projection = device.createCommandEncoder({ label: 'rnn/projection' });
    rnn.projection.encode(projection, plainPass);
    device.queue.submit([projection.finish()]);
    for (let t = 0; t < rnn.steps; t++) {
      checkpoint();
      const encoder = device.createCommandEncoder({ label: `rnn/step ${t}` });
      rnn.encodeStep(encoder, t);
      device.queue.submit([encoder.finish()]);
      if (wait) await device.queue.onSubmittedWorkDone();
    }
    if (!wait) await device.queue.onSubmittedWorkDone();
    return;
  }
  const encoder = device.createCommandEncoder({ label: `rnn/${rnn.variant}` });
  rnn.encode(encoder, plainPass);
  device.queue.submit([encoder.finish()]);
  await device.queue.onSubmittedWorkDone();
}

/** The forward pass on either backend: returns h_0 … h_T as (T+1)×d values. */
export async function rnnForward(
  backend: Backend,
  weights: RnnWeights,
  x: Float32Array,
  shape: RnnShape,
  { variant = 'command-buffer', signal }: { variant?: RnnVariant; signal?: AbortSignal } = {},
): Promise<KernelResult<Float32Array>> {
  if (backend.kind === 'cpu') return { output: rnnForwardReference(weights, x, shape), backend: describeBackend(backend), allocatedBytes: 0 };
  const runtime = backend.runtime;
  return withResources(runtime, `rnn/${variant}`, signal, async (scope) => {
    const buffers = uploadRnn(scope, weights, x, shape);
    const rnn = await prepareRnn(runtime, scope, variant, shape, buffers);
    await runPreparedRnn(runtime.device, rnn, () => scope.checkpoint());
    const allocatedBytes = scope.allocatedBytes;
    return { output: await scope.read(buffers.states), backend: describeBackend(backend), allocatedBytes };
  });
}
