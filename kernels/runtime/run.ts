/**
 * One run of one kernel on either backend: the CPU reference, or, on WebGPU, the
 * prepared kernel in a fresh resource scope, submitted once, its output read back
 * and every buffer freed. Families with a single output use this for their
 * convenience function; composite runs use the pieces directly.
 */
import { describeBackend, type Backend, type KernelResult } from './backend';
import { withResources, type GpuRuntime, type ResourceScope } from './device';
import { submitAndWait, type PreparedKernel } from './prepared';

export async function runKernel(
  backend: Backend,
  label: string,
  options: {
    signal?: AbortSignal;
    cpu: () => Float32Array;
    prepare: (runtime: GpuRuntime, scope: ResourceScope) => Promise<{ kernel: PreparedKernel; output: GPUBuffer }>;
  },
): Promise<KernelResult<Float32Array>> {
  if (backend.kind === 'cpu') return { output: options.cpu(), backend: describeBackend(backend), allocatedBytes: 0 };
  const runtime = backend.runtime;
  return withResources(runtime, label, options.signal, async (scope) => {
    const { kernel, output } = await options.prepare(runtime, scope);
    await submitAndWait(runtime.device, label, kernel);
    const allocatedBytes = scope.allocatedBytes;
    return { output: await scope.read(output), backend: describeBackend(backend), allocatedBytes };
  });
}
