/**
 * The two paths every kernel family offers behind one interface: WebGPU, and
 * the CPU reference that doubles as the fallback where WebGPU is missing.
 * Every result carries the label of the backend that produced it.
 */
import type { GpuRuntime } from './device';

export type Backend = { kind: 'webgpu'; runtime: GpuRuntime } | { kind: 'cpu' };

/** Which path: the one Backend type's kind, used wherever the path is named without a device (parameters, requests, choices). */
export type BackendKind = Backend['kind'];

export const CPU_BACKEND: Backend = { kind: 'cpu' };

/** What a reader sees in the backend line. */
export function describeBackend(backend: Backend): string {
  if (backend.kind === 'cpu') return 'CPU reference, no WebGPU';
  const { vendor, architecture, isFallbackAdapter } = backend.runtime.adapter;
  return `WebGPU on ${vendor} ${architecture}${isFallbackAdapter ? ' (a software adapter running on the CPU)' : ''}`;
}

export interface KernelResult<T> {
  output: T;
  /** describeBackend() of the backend that ran it. */
  backend: string;
  /** Bytes of GPU memory the algorithm allocated (inputs, outputs and intermediates); 0 on the CPU path. */
  allocatedBytes: number;
}
