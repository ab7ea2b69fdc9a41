/**
 * WebGPU in Node through Dawn (the `webgpu` npm package), for Vitest tests of the
 * kernels. It only supplies a `navigator.gpu`-like object and the WebGPU globals;
 * the device itself comes from the one runtime, GpuRuntime.create(requirements, gpu).
 * SwiftShader is used when the Chromium package provides it, as in the browser tests.
 */
import { existsSync } from 'node:fs';
import { create, globals } from 'webgpu';

const SWIFTSHADER_ICD = '/usr/lib/chromium/vk_swiftshader_icd.json';

// Held for the life of the process: Dawn aborts ("futex facility returned an unexpected error code")
// if the instance is garbage-collected while a device made from it is still in use.
let instance: GPU | undefined;

export function dawnGpu(): GPU {
  if (!process.env.VK_ICD_FILENAMES && existsSync(SWIFTSHADER_ICD)) process.env.VK_ICD_FILENAMES = SWIFTSHADER_ICD;
  Object.assign(globalThis, globals);
  instance ??= create([]) as unknown as GPU;
  return instance;
}
