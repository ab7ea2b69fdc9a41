/**
 * What kind of adapter a runtime has, and how many lanes of parallel work it can
 * keep busy. WebGPU reports neither core counts nor lane counts, so both are
 * estimates from what the adapter does say; kernels size their work from them.
 */
import type { AdapterSummary } from './device';

/** A software adapter running on the CPU (SwiftShader, llvmpipe, lavapipe, WARP), or a hardware GPU. */
export type AdapterClass = 'cpu' | 'gpu';

const SOFTWARE_ADAPTER = /swiftshader|llvmpipe|lavapipe|softpipe|warp|microsoft basic render|cpu/i;

export function adapterClass(adapter: AdapterSummary): AdapterClass {
  if (adapter.isFallbackAdapter) return 'cpu';
  return SOFTWARE_ADAPTER.test(`${adapter.vendor} ${adapter.architecture} ${adapter.description}`) ? 'cpu' : 'gpu';
}

/** SwiftShader runs 4 invocations side by side in one SIMD group per CPU thread. */
const CPU_SIMD_WIDTH = 4;
/** A hardware GPU is assumed to run this many invocations at once (about 128 streaming multiprocessors × 128 lanes). */
export const ASSUMED_GPU_LANES = 16384;

/** Invocations the adapter runs at once: CPU threads × SIMD width, or ASSUMED_GPU_LANES. */
export function parallelLanes(adapter: AdapterSummary, cpuThreads = globalThis.navigator?.hardwareConcurrency ?? 2): number {
  return adapterClass(adapter) === 'cpu' ? Math.max(1, cpuThreads) * CPU_SIMD_WIDTH : ASSUMED_GPU_LANES;
}
