/**
 * The one way to time a kernel on either backend: on the CPU, the reference by
 * wall clock; on WebGPU, prepare it in a fresh resource scope and time it from
 * encode to done in one command buffer, with GPU timestamps beside the wall clock
 * where the device has them (or, for work that must submit per step, by wall clock
 * alone). Every timing comes with the dispatches and submits one unit makes, counted.
 * Sweeps and the bench both time through here; `runKernel` is its untimed sibling.
 */
import type { Backend } from './backend';
import { withResources, type GpuRuntime, type ResourceScope } from './device';
import type { PreparedKernel } from './prepared';
import { countDispatches } from './device-constants';
import { Alternation, timeGpuWork, timeWallClock, type Timing, type TimingOptions } from './timing';

/** Work that submits more than once per unit (a submit per step): run by `submitEach`, counted from `kernel`. */
export interface SubmittedKernel {
  submitEach(checkpoint: () => void): Promise<void>;
  /** The same work as one recording, so its dispatches can be counted. */
  kernel: PreparedKernel;
  /** Command buffers submitted per unit. */
  submits: number;
}

/** A kernel ready to time on WebGPU: encoded into one command buffer, or submitted in pieces. */
export type KernelUnderTest = PreparedKernel | SubmittedKernel;

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
  /** Dispatches one unit records, counted; 0 on the CPU path, which dispatches nothing. */
  dispatches: number;
  /** Command buffers one unit submits: 1 for work in one command buffer, 0 on the CPU path. */
  submits: number;
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
    return { timing, dispatches: 0, submits: 0 };
  }
  const runtime = backend.runtime;
  return withResources(runtime, work.label, signal, async (scope) => {
    const kernel = await work.prepare(runtime, scope);
    const submitted = 'submitEach' in kernel;
    const dispatches = countDispatches(runtime.device, submitted ? kernel.kernel : kernel);
    const timing = submitted
      ? // Each unit is already many submits: no batching, and no calibration target.
        await timeWallClock(
          async (batch) => {
            for (let i = 0; i < batch; i++) await kernel.submitEach(() => scope.checkpoint());
          },
          { ...gpu, maxBatch: 1, targetMs: 0, signal },
        )
      : await timeGpuWork(runtime, (encoder, pass) => kernel.encode(encoder, pass), { ...gpu, signal });
    return { timing, dispatches, submits: submitted ? kernel.submits : 1, measured: await work.measure?.(scope) };
  });
}

/**
 * Times several kernels at once, taking turns (see `Alternation`): one run at a time, and their
 * measured repetitions interleaved A, B, A, B…, so that drift on the device hits each alike.
 * Each task receives its own timing options and returns what it measured.
 */
export async function timeInterleaved<Results extends unknown[]>(
  options: KernelTimingOptions,
  tasks: { [Index in keyof Results]: (timing: KernelTimingOptions) => Promise<Results[Index]> },
): Promise<Results> {
  const alternation = new Alternation();
  const turns = tasks.map(() => alternation.join());
  try {
    return (await Promise.all(
      tasks.map((task, index) => {
        const turn = turns[index]!;
        return task({ ...options, gpu: { ...options.gpu, turn }, cpu: { ...options.cpu, turn } });
      }),
    )) as Results;
  } finally {
    for (const turn of turns) alternation.leave(turn.id);
  }
}
