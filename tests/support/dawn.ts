// WebGPU in Node, through Dawn (the `webgpu` package), for kernel tests that need no browser.
// Where no GPU driver is installed, Chromium's SwiftShader Vulkan driver gives a real adapter on the CPU.
import { existsSync } from 'node:fs';
import { GpuRuntime, type GpuRequirements } from '../../kernels/runtime';

const SWIFTSHADER_ICD = '/usr/lib/chromium/vk_swiftshader_icd.json';

// Dawn's instance must outlive every device made from it: if it is garbage-collected, the process
// aborts ("futex facility returned an unexpected error code"). So it is kept here for the process.
let instance: GPU | undefined;

/** A runtime on Dawn's first adapter. Throws (never skips) when there is none, saying what to install. */
export async function dawnRuntime(requirements: GpuRequirements = {}): Promise<GpuRuntime> {
  if (!process.env.VK_ICD_FILENAMES && existsSync(SWIFTSHADER_ICD)) process.env.VK_ICD_FILENAMES = SWIFTSHADER_ICD;
  const { create, globals } = await import('webgpu');
  // The runtime reads GPUBufferUsage and friends as globals, as in a browser.
  Object.assign(globalThis, globals);
  instance ??= create([]) as unknown as GPU;
  try {
    return await GpuRuntime.create(requirements, instance);
  } catch (error) {
    throw new Error(
      `Dawn found no WebGPU adapter (${error instanceof Error ? error.message : String(error)}). ` +
        `Install the Vulkan loader (apt-get install libvulkan1) and Chromium (for its SwiftShader driver at ${SWIFTSHADER_ICD}), ` +
        'or set VK_ICD_FILENAMES to a Vulkan driver.',
    );
  }
}
