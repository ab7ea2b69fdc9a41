/**
 * The one request for a WebGPU adapter, shared by the runtime's device
 * acquisition and the page's choice of backend. Kept apart from device.ts so the
 * page can ask "is there an adapter?" without loading the whole runtime.
 */

export function requestAdapter(gpu: GPU): Promise<GPUAdapter | null> {
  return gpu.requestAdapter({ powerPreference: 'high-performance' });
}

export type AdapterProbe = { found: true } | { found: false; why: 'no-webgpu' | 'no-adapter' | 'refused' };

/** Whether this page can get an adapter, without creating a device. */
export async function probeAdapter(gpu: GPU | null | undefined = globalThis.navigator?.gpu): Promise<AdapterProbe> {
  if (!gpu) return { found: false, why: 'no-webgpu' };
  try {
    return (await requestAdapter(gpu)) ? { found: true } : { found: false, why: 'no-adapter' };
  } catch {
    return { found: false, why: 'refused' };
  }
}
