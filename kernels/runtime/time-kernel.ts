/**
 * The one way to time a kernel on either backend: on the CPU, the reference by
 * wall clock; on WebGPU, prepare it in a fresh resource scope and time its encode
 * in one command buffer (or, for work that must submit per unit, by wall clock).
 * Sweeps and the bench both time through here; `runKernel` is its untimed sibling.
 */
import type { Backend } from './backend';
import { withResources, type GpuRuntime, type ResourceScope } from './device';
import type { PreparedKernel } from './prepared';
import { timeGpuWork, timeWallClock, type Timing, type TimingOptions } from './timing';

/** A kernel ready to time on WebGPU: encoded into one command buffer, or run one submit-and-wait at a time. */
export type KernelUnderTest = PreparedKernel | { submitEach(checkpoint: () => void): Promise<void> };

export interface KernelTimingWork<Measured> {
  label: string;
  /** CPU path: one run of the reference. */
  reference(): unknown;
  /** WebGPU path: upload and prepare inside `scope`. */
  prepare(runtime: GpuRuntime, scope: ResourceScope): Promise<KernelUnderTest>;
  /** WebGPU path, after timing and before the scope frees its buffers: read outputs, count bytes. */
  measure?(scope: ResourceScope): Promise<Measured> | Measured;
}

export interface KernelTimingOptions {
  /** Options for WebGPU timing. */
  gpu: TimingOptions;
  /** Options for the CPU reference, which usually needs far larger batches. */
  cpu: TimingOptions;
  signal?: AbortSignal;
}

export interface KernelTiming<Measured> {
  timing: Timing;
  /** What `measure` returned on WebGPU; undefined on the CPU path. */
  measured?: Measured;
}

export async function timeKernel<Measured = undefined>(
  backend: Backend,
  work: KernelTimingWork<Measured>,
  { gpu, cpu, signal }: KernelTimingOptions,
): Promise<KernelTiming<Measured>> {
  if (backend.kind === 'cpu') {
    const timing = await timeWallClock(
      (batch) => {
        for (let i = 0; i < batch; i++) work.reference();
      },
      { ...cpu, signal },
    );
    return { timing };
  }
  const runtime = backend.runtime;
  return withResources(runtime, work.label, signal, async (scope) => {
    const kernel = await work.prepare(runtime, scope);
    const timing =
      'submitEach' in kernel
        ? // Each unit is already many submits: no batching, and no calibration target.
          await timeWallClock(
            async (batch) => {
              for (let i = 0; i < batch; i++) await kernel.submitEach(() => scope.checkpoint());
            },
            { ...gpu, maxBatch: 1, targetMs: 0, signal },
          )
        : await timeGpuWork(runtime, (encoder, pass) => kernel.encode(encoder, pass), { ...gpu, signal });
    return { timing, measured: await work.measure?.(scope) };
  });
}
