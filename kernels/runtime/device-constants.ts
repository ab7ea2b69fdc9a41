/**
 * This device's constants, measured: what one dispatch costs inside a command buffer, what
 * one submit-and-wait round trip costs, and with two micro-kernels the arithmetic rate of
 * FMA-bound work and the bandwidth of a streaming copy. Timing experiments report them beside
 * their sweeps, and the roofline (src/experiments/shared/roofline.ts) explains a gap between
 * two methods with them only where its predicted ratio agrees with the measured one.
 */
import minimalDispatchSource from './minimal-dispatch.wgsl?raw';
import fmaRateSource from './fma-rate.wgsl?raw';
import streamCopySource from './stream-copy.wgsl?raw';
import { bindGroup, withResources, type GpuRuntime } from './device';
import { encodeDispatch, plainPass, type PreparedKernel } from './prepared';
import { timeGpuWork, timeWallClock, type Timing, type TimingOptions } from './timing';

/**
 * This device's constants, measured once per page (src/experiments/device-estimate.ts) and
 * shared by the run estimates and the timing explanations; the CPU path has none.
 */
export type DeviceConstants = GpuDeviceConstants | { kind: 'cpu' };

export interface GpuDeviceConstants {
  kind: 'webgpu';
  /** One minimal dispatch among many in one command buffer, in milliseconds. */
  perDispatchMs: number;
  /** One command buffer of one minimal dispatch, submitted and waited for, in milliseconds. */
  submitAndWaitMs: number;
  /** Arithmetic rate the run estimates' prior takes for the lesson's kernels, in FLOP per millisecond: a share of `measuredFlopsPerMs` where that was measured, otherwise assumed (src/experiments/shared/estimate.ts). */
  flopsPerMs: number;
  maxBufferSize: number;
  maxStorageBufferBindingSize: number;
  /** Whether the dispatch costs were measured on this device or are conservative stand-ins. */
  measured: boolean;
  /** Arithmetic rate an FMA-bound micro-kernel reached on this device, in FLOP per millisecond, where it was measured. */
  measuredFlopsPerMs?: number;
  /** Bandwidth a streaming read/write micro-kernel reached on this device, in bytes per millisecond, where it was measured. */
  bytesPerMs?: number;
}

export interface DispatchCosts {
  /** One minimal dispatch, in its own compute pass, among many recorded in one command buffer. */
  perDispatch: Timing;
  /** One command buffer holding one minimal dispatch, submitted, then waited for. */
  submitAndWait: Timing;
}

const QUICK: TimingOptions = { repetitions: 5, targetMs: 4, maxBatch: 256 };

export async function measureDispatchCosts(runtime: GpuRuntime, signal?: AbortSignal): Promise<DispatchCosts> {
  return withResources(runtime, 'device-constants', signal, async (scope) => {
    const pipeline = await runtime.pipeline({ label: 'device-constants/minimal-dispatch', code: minimalDispatchSource, entryPoint: 'minimal_dispatch' });
    const counter = scope.storage('device-constants/counter', new Uint32Array(4));
    const group = bindGroup(runtime, 'device-constants/bindings', pipeline, [counter]);
    const perDispatch = await timeGpuWork(
      runtime,
      (encoder, pass) => encodeDispatch(encoder, pass, 'device-constants/minimal-dispatch', pipeline, group, [1, 1, 1]),
      {
        ...QUICK,
        signal,
      },
    );
    const submitAndWait = await timeWallClock(
      async (batch) => {
        for (let i = 0; i < batch; i++) {
          const encoder = runtime.device.createCommandEncoder({ label: 'device-constants/submit-and-wait' });
          encodeDispatch(encoder, plainPass, 'device-constants/minimal-dispatch', pipeline, group, [1, 1, 1]);
          runtime.device.queue.submit([encoder.finish()]);
          await runtime.device.queue.onSubmittedWorkDone();
        }
      },
      { ...QUICK, maxBatch: 64, signal },
    );
    return { perDispatch, submitAndWait };
  });
}

/**
 * How many dispatches a prepared kernel records, counted by recording it once into a
 * command encoder that is never submitted. Counted, not assumed: a family may put many
 * dispatches in one pass (the RNN's T steps) or split one across several.
 */
export function countDispatches(device: GPUDevice, kernel: PreparedKernel): number {
  let dispatches = 0;
  const encoder = device.createCommandEncoder({ label: 'device-constants/count-dispatches' });
  const countingPass = (pass: GPUComputePassEncoder) =>
    new Proxy(pass, {
      get(target, key) {
        const value: unknown = Reflect.get(target, key, target);
        if (typeof value !== 'function') return value;
        const method = (value as (...args: unknown[]) => unknown).bind(target);
        if (key !== 'dispatchWorkgroups' && key !== 'dispatchWorkgroupsIndirect') return method;
        return (...args: unknown[]) => {
          dispatches++;
          return method(...args);
        };
      },
    });
  const countingEncoder = new Proxy(encoder, {
    get(target, key) {
      const value: unknown = Reflect.get(target, key, target);
      if (key === 'beginComputePass') return (descriptor?: GPUComputePassDescriptor) => countingPass(target.beginComputePass(descriptor));
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
  kernel.encode(countingEncoder, plainPass);
  encoder.finish();
  return dispatches;
}

/** The arithmetic rate and memory bandwidth this device reached in the roofline's micro-kernels. */
export interface RooflineRates {
  /** FLOP per millisecond of the FMA-bound kernel, its measured dispatch cost taken off. */
  flopsPerMs: number;
  /** Bytes per millisecond read and written by the streaming copy, its measured dispatch cost taken off. */
  bytesPerMs: number;
  /** The work each measured: FLOPs of one FMA dispatch, bytes of one copy. */
  flops: number;
  bytes: number;
}

/** FMA iterations per invocation of fma-rate.wgsl; each does 4 chains × 2 FLOPs. */
export const FMA_ITERATIONS = 256;
const FMA_WORKGROUP = 64;
/** FLOPs one dispatch of `workgroups` workgroups does in fma-rate.wgsl. */
export const fmaFlops = (workgroups: number) => workgroups * FMA_WORKGROUP * FMA_ITERATIONS * 4 * 2;

/**
 * Times `encodeUnit` at growing sizes until one unit takes at least `dispatchesWorth` times the
 * measured cost of a dispatch (so the dispatch does not hide the rate), or the largest size is
 * reached; returns the time per unit with that dispatch cost taken off, and the size used.
 */
async function timeAboveOverhead(
  runtime: GpuRuntime,
  sizes: readonly number[],
  encodeUnit: (size: number) => (encoder: GPUCommandEncoder, pass: (label: string) => GPUComputePassDescriptor) => void,
  overheadMs: number,
  signal?: AbortSignal,
): Promise<{ size: number; ms: number }> {
  let result = { size: sizes[0]!, ms: NaN };
  for (const size of sizes) {
    const timing = await timeGpuWork(runtime, encodeUnit(size), { ...QUICK, maxBatch: 16, signal });
    result = { size, ms: timing.wall.medianMs - overheadMs };
    if (timing.wall.medianMs >= 20 * overheadMs && timing.wall.medianMs >= 1) break;
  }
  return result;
}

/**
 * The roofline's two rates on this device: an FMA-bound kernel's arithmetic rate and a
 * streaming copy's bandwidth, each by wall clock with one dispatch's measured cost taken off.
 */
export async function measureRooflineRates(runtime: GpuRuntime, perDispatchMs: number, signal?: AbortSignal): Promise<RooflineRates> {
  return withResources(runtime, 'device-constants/roofline', signal, async (scope) => {
    // Arithmetic: 64 to 16,384 workgroups of 64 invocations.
    const fmaSizes = [64, 512, 4096, 16_384].filter((workgroups) => workgroups <= runtime.limits.maxComputeWorkgroupsPerDimension);
    const sink = scope.output('device-constants/fma-sink', Math.max(...fmaSizes) * FMA_WORKGROUP);
    const fmaPipeline = await runtime.pipeline({
      label: 'device-constants/fma-rate',
      code: fmaRateSource,
      entryPoint: 'fma_rate',
      constants: { ITERATIONS: FMA_ITERATIONS },
    });
    const fmaGroup = bindGroup(runtime, 'device-constants/fma-bindings', fmaPipeline, [sink]);
    const arithmetic = await timeAboveOverhead(
      runtime,
      fmaSizes,
      (workgroups) => (encoder, pass) => encodeDispatch(encoder, pass, 'device-constants/fma-rate', fmaPipeline, fmaGroup, [workgroups, 1, 1]),
      perDispatchMs,
      signal,
    );
    // Bandwidth: copies of 1 MiB to 64 MiB (within the binding limit), 16 bytes per invocation.
    const largest = Math.min(64 * 2 ** 20, runtime.limits.maxStorageBufferBindingSize, runtime.limits.maxBufferSize);
    const copySizes = [2 ** 20, 8 * 2 ** 20, 64 * 2 ** 20].filter(
      (bytes) => bytes <= largest && bytes / 16 / FMA_WORKGROUP <= runtime.limits.maxComputeWorkgroupsPerDimension,
    );
    const copyBytes = Math.max(...copySizes);
    const source = scope.output('device-constants/copy-source', copyBytes / 4);
    const destination = scope.output('device-constants/copy-destination', copyBytes / 4);
    const copyPipeline = await runtime.pipeline({ label: 'device-constants/stream-copy', code: streamCopySource, entryPoint: 'stream_copy' });
    const groups = new Map(
      copySizes.map((bytes) => [
        bytes,
        runtime.device.createBindGroup({
          label: `device-constants/copy-bindings-${bytes}`,
          layout: copyPipeline.getBindGroupLayout(0),
          entries: [
            { binding: 0, resource: { buffer: source, size: bytes } },
            { binding: 1, resource: { buffer: destination, size: bytes } },
          ],
        }),
      ]),
    );
    const memory = await timeAboveOverhead(
      runtime,
      copySizes,
      (bytes) => (encoder, pass) =>
        encodeDispatch(encoder, pass, 'device-constants/stream-copy', copyPipeline, groups.get(bytes)!, [Math.ceil(bytes / 16 / FMA_WORKGROUP), 1, 1]),
      perDispatchMs,
      signal,
    );
    // A copy reads and writes every byte once.
    const bytesMoved = 2 * memory.size;
    // Where a dispatch's cost swallows the whole time, no rate can be read: NaN, which the roofline refuses.
    const rate = (work: number, ms: number) => (ms > 0 ? work / ms : NaN);
    return {
      flopsPerMs: rate(fmaFlops(arithmetic.size), arithmetic.ms),
      bytesPerMs: rate(bytesMoved, memory.ms),
      flops: fmaFlops(arithmetic.size),
      bytes: bytesMoved,
    };
  });
}

/**
 * The measured rate and bandwidth as DeviceConstants fields, or none where the micro-kernels
 * failed (the pages then give no "why"); a cancellation still cancels.
 */
export async function rooflineFields(
  runtime: GpuRuntime,
  perDispatchMs: number,
  signal?: AbortSignal,
): Promise<Pick<GpuDeviceConstants, 'measuredFlopsPerMs' | 'bytesPerMs'>> {
  try {
    const rates = await measureRooflineRates(runtime, perDispatchMs, signal);
    return { measuredFlopsPerMs: rates.flopsPerMs, bytesPerMs: rates.bytesPerMs };
  } catch (error) {
    if (signal?.aborted) throw error;
    return {};
  }
}
