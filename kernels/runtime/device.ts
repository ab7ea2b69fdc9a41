/**
 * Device acquisition and the resources of one run. With adapter.ts, the only
 * code that talks to `navigator.gpu`: kernel families and the experiment runner
 * get their device here, and the page asks adapter.ts whether there is one.
 *
 * Failures are told apart in order: no WebGPU API, no adapter, a limit the
 * experiment needs that the adapter lacks, a missing feature. After that, the
 * device's `lost` promise and `uncapturederror` events are watched.
 */
import {
  GpuError,
  cancelled,
  deviceLost,
  limitTooSmall,
  missingFeature,
  noAdapter,
  noWebGpu,
  outOfMemory,
  validationFailed,
  type LimitShortfall,
} from './errors';
import { requestAdapter } from './adapter';

export type LimitName = keyof GPUSupportedLimits & string;

export interface GpuRequirements {
  /** Limits above the WebGPU defaults that the experiment needs; only these are requested. */
  limits?: Partial<Record<LimitName, number>>;
  /** Limits asked for up to what the adapter offers: the experiment adapts to what it gets. */
  preferredLimits?: Partial<Record<LimitName, number>>;
  /** Features the experiment cannot run without. */
  features?: GPUFeatureName[];
  /** Features used when present (e.g. "timestamp-query"). */
  optionalFeatures?: GPUFeatureName[];
  /** Maps a limit shortfall onto the experiment's own parameter, for the error message. */
  describeShortfall?: (limit: LimitName, available: number) => LimitShortfall['parameter'];
}

export interface AdapterSummary {
  vendor: string;
  architecture: string;
  description: string;
  isFallbackAdapter: boolean;
}

/** A device with its adapter's description, a pipeline cache and loss tracking. */
export class GpuRuntime {
  readonly device: GPUDevice;
  readonly adapter: AdapterSummary;
  readonly hasTimestamps: boolean;
  private readonly pipelines = new Map<string, Promise<GPUComputePipeline>>();
  private readonly modules = new Map<string, GPUShaderModule>();
  private lostError?: GpuError;
  private readonly uncaptured: string[] = [];

  private constructor(device: GPUDevice, adapter: AdapterSummary) {
    this.device = device;
    this.adapter = adapter;
    this.hasTimestamps = device.features.has('timestamp-query');
    device.lost.then((info) => {
      this.lostError = deviceLost(info.reason, info.message);
    });
    device.addEventListener('uncapturederror', (event) => {
      this.uncaptured.push((event as GPUUncapturedErrorEvent).error.message);
    });
  }

  /** Requests an adapter and a device with exactly the limits and features asked for. */
  static async create(requirements: GpuRequirements = {}, gpu: GPU | null | undefined = globalThis.navigator?.gpu): Promise<GpuRuntime> {
    if (!gpu) throw noWebGpu();
    const adapter = await requestAdapter(gpu).catch(() => null);
    if (!adapter) throw noAdapter();

    const requiredLimits: Record<string, number> = {};
    for (const [name, needed] of Object.entries(requirements.limits ?? {}) as Array<[LimitName, number]>) {
      const available = adapter.limits[name] as number;
      if (available < needed) {
        throw limitTooSmall({ limit: name, required: needed, available, parameter: requirements.describeShortfall?.(name, available) });
      }
      requiredLimits[name] = needed;
    }
    for (const [name, wanted] of Object.entries(requirements.preferredLimits ?? {}) as Array<[LimitName, number]>) {
      requiredLimits[name] = Math.max(requiredLimits[name] ?? 0, Math.min(wanted, adapter.limits[name] as number));
    }
    for (const feature of requirements.features ?? []) {
      if (!adapter.features.has(feature)) throw missingFeature(feature);
    }
    const requiredFeatures = [...(requirements.features ?? []), ...(requirements.optionalFeatures ?? []).filter((feature) => adapter.features.has(feature))];
    let device: GPUDevice;
    try {
      device = await adapter.requestDevice({ label: 'lesson', requiredLimits, requiredFeatures });
    } catch (error) {
      throw new GpuError('no-adapter', 'The graphics adapter refused to create a device, so the experiment runs on the CPU instead.', {
        detail: String(error),
      });
    }
    const info = adapter.info;
    return new GpuRuntime(device, {
      vendor: info?.vendor || 'unknown vendor',
      architecture: info?.architecture || 'unknown architecture',
      description: info?.description ?? '',
      isFallbackAdapter: Boolean((info as { isFallbackAdapter?: boolean } | undefined)?.isFallbackAdapter),
    });
  }

  get limits(): GPUSupportedLimits {
    return this.device.limits;
  }

  get isLost(): boolean {
    return this.lostError !== undefined;
  }

  /** Throws the typed error if the device has been lost. */
  assertAlive(): void {
    if (this.lostError) throw this.lostError;
  }

  /** A shader module per source text, compiled once. */
  shaderModule(label: string, code: string): GPUShaderModule {
    let module = this.modules.get(code);
    if (!module) {
      module = this.device.createShaderModule({ label, code });
      this.modules.set(code, module);
    }
    return module;
  }

  /**
   * A compute pipeline, created once per (shader, entry point, constants, layout)
   * with createComputePipelineAsync, and cached for the device's lifetime.
   */
  pipeline(options: {
    label: string;
    code: string;
    entryPoint: string;
    constants?: Record<string, number>;
    layout?: GPUPipelineLayout;
    layoutKey?: string;
  }): Promise<GPUComputePipeline> {
    const constants = options.constants ?? {};
    // Keyed by the code itself: two shaders of the same length must not share a pipeline.
    const key = JSON.stringify([options.code, options.label, options.entryPoint, constants, options.layoutKey ?? 'auto']);
    let pipeline = this.pipelines.get(key);
    if (!pipeline) {
      const module = this.shaderModule(options.label, options.code);
      pipeline = this.device
        .createComputePipelineAsync({
          label: options.label,
          layout: options.layout ?? 'auto',
          compute: { module, entryPoint: options.entryPoint, constants },
        })
        .catch((error: unknown) => {
          this.pipelines.delete(key);
          throw validationFailed(`${options.label}: ${error instanceof Error ? error.message : String(error)}`);
        });
      this.pipelines.set(key, pipeline);
    }
    return pipeline;
  }

  /**
   * Runs `work` inside out-of-memory and validation error scopes, and turns
   * anything they catch, a lost device or an uncaptured error into a GpuError.
   */
  async guarded<T>(label: string, work: () => Promise<T>): Promise<T> {
    this.assertAlive();
    const device = this.device;
    device.pushErrorScope('out-of-memory');
    device.pushErrorScope('validation');
    let result: T;
    let thrown: unknown;
    try {
      result = await work();
    } catch (error) {
      thrown = error;
    }
    const validation = await device.popErrorScope().catch(() => null);
    const memory = await device.popErrorScope().catch(() => null);
    if (this.lostError) throw this.lostError;
    if (memory) throw outOfMemory(`${label}: ${memory.message}`);
    if (validation) throw validationFailed(`${label}: ${validation.message}`);
    if (thrown) throw thrown;
    const stray = this.uncaptured.splice(0);
    if (stray.length > 0) throw validationFailed(`${label}: ${stray.join('; ')}`);
    return result!;
  }

  /** Releases the device; later calls report it as lost. */
  destroy(): void {
    this.device.destroy();
  }
}

/**
 * The buffers of one run. Everything created through a scope is destroyed when
 * the run ends, fails or is cancelled (`dispose`), so no run leaks GPU memory.
 */
export class ResourceScope {
  private readonly buffers: GPUBuffer[] = [];
  private readonly runtime: GpuRuntime;
  private readonly signal?: AbortSignal;
  /** Bytes allocated through this scope, counted exactly. */
  allocatedBytes = 0;

  constructor(runtime: GpuRuntime, signal?: AbortSignal) {
    this.runtime = runtime;
    this.signal = signal;
  }

  get device(): GPUDevice {
    return this.runtime.device;
  }

  /** Throws if the run was cancelled or the device lost; called between steps. */
  checkpoint(): void {
    if (this.signal?.aborted) throw cancelled();
    this.runtime.assertAlive();
  }

  /** `counted: false` for staging copies, which are not part of the algorithm's footprint. */
  buffer(label: string, size: number, usage: GPUBufferUsageFlags, { counted = true } = {}): GPUBuffer {
    const limits = this.runtime.limits;
    if (size > limits.maxBufferSize) {
      throw limitTooSmall({ limit: 'maxBufferSize', required: size, available: limits.maxBufferSize });
    }
    if (usage & GPUBufferUsage.STORAGE && size > limits.maxStorageBufferBindingSize) {
      throw limitTooSmall({ limit: 'maxStorageBufferBindingSize', required: size, available: limits.maxStorageBufferBindingSize });
    }
    const buffer = this.device.createBuffer({ label, size: alignTo(Math.max(size, 4), 4), usage });
    this.buffers.push(buffer);
    if (counted) this.allocatedBytes += buffer.size;
    return buffer;
  }

  /** A storage buffer holding `data`. */
  storage(label: string, data: Float32Array | Uint32Array, extraUsage: GPUBufferUsageFlags = 0): GPUBuffer {
    const buffer = this.buffer(label, data.byteLength, GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC | GPUBufferUsage.COPY_DST | extraUsage);
    this.device.queue.writeBuffer(buffer, 0, data.buffer, data.byteOffset, data.byteLength);
    return buffer;
  }

  /** An empty storage buffer of `floats` 32-bit values. */
  output(label: string, floats: number): GPUBuffer {
    return this.buffer(label, floats * 4, GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC | GPUBufferUsage.COPY_DST);
  }

  /** A uniform buffer from raw words (u32 and f32 packed by the caller). */
  uniform(label: string, words: ArrayBuffer): GPUBuffer {
    const buffer = this.buffer(label, alignTo(words.byteLength, 16), GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST, { counted: false });
    this.device.queue.writeBuffer(buffer, 0, words);
    return buffer;
  }

  /** Copies a buffer back to the CPU as floats. */
  async read(source: GPUBuffer, floats = source.size / 4): Promise<Float32Array> {
    const staging = this.buffer(`${source.label}/readback`, floats * 4, GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST, { counted: false });
    const encoder = this.device.createCommandEncoder({ label: `${source.label}/readback` });
    encoder.copyBufferToBuffer(source, 0, staging, 0, floats * 4);
    this.device.queue.submit([encoder.finish()]);
    await staging.mapAsync(GPUMapMode.READ);
    const copy = new Float32Array(staging.getMappedRange().slice(0));
    staging.unmap();
    return copy;
  }

  dispose(): void {
    for (const buffer of this.buffers.splice(0)) buffer.destroy();
  }
}

/**
 * Runs `work` with a fresh resource scope inside the runtime's error scopes,
 * and frees every buffer afterwards, whatever happens.
 */
export async function withResources<T>(
  runtime: GpuRuntime,
  label: string,
  signal: AbortSignal | undefined,
  work: (scope: ResourceScope) => Promise<T>,
): Promise<T> {
  const scope = new ResourceScope(runtime, signal);
  try {
    scope.checkpoint();
    return await runtime.guarded(label, () => work(scope));
  } finally {
    scope.dispose();
  }
}

/**
 * Splits a 1-D count of workgroups into a grid no dimension of which exceeds
 * the device's maxComputeWorkgroupsPerDimension. Shaders linearise the grid
 * with `workgroup_id.x + workgroup_id.y * num_workgroups.x` and skip the
 * overshoot.
 */
export function workgroupGrid(workgroups: number, maxPerDimension: number): [number, number, number] {
  if (workgroups <= maxPerDimension) return [Math.max(1, workgroups), 1, 1];
  const y = Math.ceil(workgroups / maxPerDimension);
  if (y > maxPerDimension) {
    throw limitTooSmall({ limit: 'maxComputeWorkgroupsPerDimension', required: y, available: maxPerDimension });
  }
  return [maxPerDimension, y, 1];
}

export function alignTo(value: number, alignment: number): number {
  return Math.ceil(value / alignment) * alignment;
}

/** Packs mixed u32/f32 fields into the bytes of a uniform struct, in declaration order. */
export function packUniform(fields: Array<['u32' | 'f32', number]>): ArrayBuffer {
  const bytes = new ArrayBuffer(alignTo(fields.length * 4, 16));
  const view = new DataView(bytes);
  fields.forEach(([type, value], index) => {
    if (type === 'u32') view.setUint32(index * 4, value, true);
    else view.setFloat32(index * 4, value, true);
  });
  return bytes;
}

/** Largest n in [1, upper] with bytesFor(n) ≤ budget (bytesFor must grow with n); 0 if none. */
export function largestFitting(budget: number, bytesFor: (n: number) => number, upper = 2 ** 31): number {
  let low = 0;
  let high = upper;
  while (low < high) {
    const middle = Math.floor((low + high + 1) / 2);
    if (bytesFor(middle) <= budget) low = middle;
    else high = middle - 1;
  }
  return low;
}

export function bindGroup(runtime: GpuRuntime, label: string, pipeline: GPUComputePipeline, buffers: GPUBuffer[], group = 0): GPUBindGroup {
  return runtime.device.createBindGroup({
    label,
    layout: pipeline.getBindGroupLayout(group),
    entries: buffers.map((buffer, binding) => ({ binding, resource: { buffer } })),
  });
}
