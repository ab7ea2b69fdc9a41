/**
 * This device's fixed costs, measured: what one dispatch costs inside a command buffer,
 * and what one submit-and-wait round trip costs. Timing experiments report them beside
 * their sweeps, so that when time and counted work disagree the page can say by how much
 * the dispatches account for it (see src/experiments/time-model.ts).
 */
import minimalDispatchSource from './minimal-dispatch.wgsl?raw';
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
  /** Arithmetic rate assumed for the lesson's kernels, in FLOP per millisecond (assumed, not measured). */
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
