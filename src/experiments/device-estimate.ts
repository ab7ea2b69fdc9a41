/**
 * This device's constants for the page's run estimates and the timing experiments' explanations, measured once per page on a
 * device of its own that is released right after: one minimal dispatch and one
 * submit-and-wait (kernels/runtime/device-constants.ts), and the adapter's buffer limits.
 * Where measuring fails, conservative stand-ins are used and the estimate says so.
 */
import { GpuRuntime, measureDispatchCosts, rooflineFields } from '../../kernels/runtime';
import type { GpuDeviceConstants as DeviceConstants } from '../../kernels/runtime';
import { DEFAULT_MAX_BUFFER_SIZE, DEFAULT_MAX_STORAGE_BINDING, priorGpuFlopsPerMs, UNMEASURED_DEVICE, UNMEASURED_STARTUP_MS } from './shared/estimate';

/** This device's constants and the measured fixed cost of starting a run on it. */
export interface PageDevice {
  device: DeviceConstants;
  /**
   * Milliseconds from asking for a device to having measured its constants: a device, a pipeline
   * compiled and the constants measured, as a run starts (undefined where it could not be measured).
   */
  startupMs?: number;
  /** The adapter's vendor, architecture and description, which key what this device's runs measured (estimate-memory.ts). */
  adapter: string;
}

let measuring: Promise<PageDevice> | undefined;

export function deviceConstants(): Promise<PageDevice> {
  measuring ??= measure();
  return measuring;
}

async function measure(): Promise<PageDevice> {
  const started = performance.now();
  const found = { adapter: 'unknown adapter' };
  const device = await measureConstants(found);
  return { device, startupMs: device.measured ? performance.now() - started : UNMEASURED_STARTUP_MS, adapter: found.adapter };
}

async function measureConstants(found: { adapter: string }): Promise<DeviceConstants> {
  let runtime: GpuRuntime | undefined;
  try {
    // Asking for the most the adapter offers makes the device report the adapter's limits.
    runtime = await GpuRuntime.create({
      preferredLimits: { maxBufferSize: Number.MAX_SAFE_INTEGER, maxStorageBufferBindingSize: Number.MAX_SAFE_INTEGER },
    });
    const { maxBufferSize, maxStorageBufferBindingSize } = runtime.limits;
    const { vendor, architecture, description } = runtime.adapter;
    found.adapter = [vendor, architecture, description].filter(Boolean).join(' ') || 'unnamed adapter';
    try {
      const costs = await measureDispatchCosts(runtime);
      const roofline = await rooflineFields(runtime, costs.perDispatch.medianMs);
      return {
        kind: 'webgpu',
        perDispatchMs: costs.perDispatch.medianMs,
        submitAndWaitMs: costs.submitAndWait.medianMs,
        // The prior for the lesson's kernels: a share of the FMA rate measured here, or the assumed rate.
        flopsPerMs: priorGpuFlopsPerMs(roofline.measuredFlopsPerMs),
        maxBufferSize,
        maxStorageBufferBindingSize,
        measured: true,
        ...roofline,
      };
    } catch {
      return { ...UNMEASURED_DEVICE, maxBufferSize, maxStorageBufferBindingSize };
    }
  } catch {
    return { ...UNMEASURED_DEVICE, maxBufferSize: DEFAULT_MAX_BUFFER_SIZE, maxStorageBufferBindingSize: DEFAULT_MAX_STORAGE_BINDING };
  } finally {
    runtime?.destroy();
  }
}
