/**
 * The one timing helper. Warm-up is excluded; work is batched so a single
 * measurement spans many dispatches; the result gives the median and minimum
 * over repetitions and says how it was measured.
 */
import type { GpuRuntime } from './device';
import { cancelled } from './errors';

export type TimingMethod = 'timestamp-query' | 'wall-clock';

export interface Timing {
  /** Median time of one unit of work, in milliseconds. */
  medianMs: number;
  /** Fastest repetition, per unit of work. */
  minMs: number;
  /** Every repetition's time per unit of work. */
  samplesMs: number[];
  method: TimingMethod;
  /** Units of work per measured repetition. */
  batch: number;
  /** A sentence on how the time was taken, for the reader. */
  note: string;
  /** The median rounded to zero even at the largest batch: the work is faster than the clock can resolve, not free. */
  belowResolution?: boolean;
}

export interface TimingOptions {
  repetitions?: number;
  /** Grow the batch until one repetition takes at least this long. */
  targetMs?: number;
  maxBatch?: number;
  signal?: AbortSignal;
}

/** Chrome rounds GPU timestamps to this unless its WebGPU developer features are on. */
const CHROME_TIMESTAMP_QUANTUM_NS = 100_000;

/**
 * Times GPU work that is encoded into one command buffer. `encode` records one
 * unit of work; `pass(label)` gives the descriptor for each compute pass it
 * begins, with timestamp writes attached when the device supports them.
 */
export async function timeGpuWork(
  runtime: GpuRuntime,
  encode: (encoder: GPUCommandEncoder, pass: (label: string) => GPUComputePassDescriptor) => void,
  options: TimingOptions = {},
): Promise<Timing> {
  const device = runtime.device;
  const useTimestamps = runtime.hasTimestamps;
  const querySet = useTimestamps ? device.createQuerySet({ label: 'timing/queries', type: 'timestamp', count: 2 }) : undefined;
  const resolve = useTimestamps
    ? device.createBuffer({ label: 'timing/resolve', size: 16, usage: GPUBufferUsage.QUERY_RESOLVE | GPUBufferUsage.COPY_SRC })
    : undefined;
  const readback = useTimestamps
    ? device.createBuffer({ label: 'timing/readback', size: 16, usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST })
    : undefined;
  const rawNs: number[] = [];

  const runBatch = async (batch: number, withTimestamps: boolean): Promise<number> => {
    const encoder = device.createCommandEncoder({ label: 'timing/batch' });
    let first = true;
    const pass = (label: string): GPUComputePassDescriptor => {
      if (!withTimestamps || !querySet) return { label };
      // The first pass records the start; every pass records the end, so the last write wins.
      const descriptor: GPUComputePassDescriptor = {
        label,
        timestampWrites: { querySet, beginningOfPassWriteIndex: first ? 0 : undefined, endOfPassWriteIndex: 1 },
      };
      first = false;
      return descriptor;
    };
    for (let i = 0; i < batch; i++) encode(encoder, pass);
    if (withTimestamps && querySet && resolve && readback) {
      encoder.resolveQuerySet(querySet, 0, 2, resolve, 0);
      encoder.copyBufferToBuffer(resolve, 0, readback, 0, 16);
    }
    const started = performance.now();
    device.queue.submit([encoder.finish()]);
    await device.queue.onSubmittedWorkDone();
    const wallMs = performance.now() - started;
    if (!withTimestamps || !readback) return wallMs;
    await readback.mapAsync(GPUMapMode.READ);
    const [begin, end] = new BigUint64Array(readback.getMappedRange().slice(0));
    readback.unmap();
    const ns = Number(end! - begin!);
    // Some drivers' timestamps run backwards across passes; such a sample is discarded (NaN).
    if (ns < 0) return Number.NaN;
    rawNs.push(ns);
    return ns / 1e6;
  };

  try {
    const timing = await measure(
      (batch) => runBatch(batch, useTimestamps),
      (batch) => runBatch(batch, false),
      options,
    );
    const quantised = rawNs.length > 0 && rawNs.every((ns) => ns % CHROME_TIMESTAMP_QUANTUM_NS === 0);
    const method: TimingMethod = useTimestamps ? 'timestamp-query' : 'wall-clock';
    const resolution = timing.belowResolution ? "; the median is below the clock's resolution" : '';
    const note = useTimestamps
      ? `GPU timestamps around ${timing.batch} repetitions${quantised ? ', which this browser rounds to 100 µs' : ''}`
      : `wall-clock time from submit to completion of ${timing.batch} repetitions (this device has no GPU timestamps)`;
    return { ...timing, method, note: note + resolution };
  } finally {
    querySet?.destroy();
    resolve?.destroy();
    readback?.destroy();
  }
}

/**
 * Times work that cannot be put in one command buffer (a submit per step, or
 * the CPU path) by wall clock. `run(batch)` performs `batch` units of work.
 */
export async function timeWallClock(run: (batch: number) => Promise<void> | void, options: TimingOptions = {}): Promise<Timing> {
  const runBatch = async (batch: number) => {
    const started = performance.now();
    await run(batch);
    return performance.now() - started;
  };
  const timing = await measure(runBatch, runBatch, options);
  const resolution = timing.belowResolution ? "; the median is below the clock's resolution" : '';
  return { ...timing, method: 'wall-clock', note: `wall-clock time of ${timing.batch} repetitions${resolution}` };
}

async function measure(
  runMeasured: (batch: number) => Promise<number>,
  runCalibration: (batch: number) => Promise<number>,
  { repetitions = 5, targetMs = 10, maxBatch = 256, signal }: TimingOptions,
): Promise<Omit<Timing, 'method' | 'note'>> {
  const check = () => {
    if (signal?.aborted) throw cancelled();
  };
  check();
  // Warm-up: compiles pipelines, faults in buffers, and is thrown away.
  await runCalibration(1);
  check();
  // The lower of two runs, so one garbage-collection pause cannot end calibration early.
  const calibrate = async (size: number) => Math.min(await runCalibration(size), await runCalibration(size));
  let batch = 1;
  let elapsed = await calibrate(1);
  while (elapsed < targetMs && batch < maxBatch) {
    check();
    batch = Math.min(maxBatch, batch * Math.max(2, Math.min(16, Math.ceil(targetMs / Math.max(elapsed, 1e-3)))));
    elapsed = await calibrate(batch);
  }
  let samplesMs: number[] = [];
  let sorted: number[] = [];
  for (;;) {
    samplesMs = [];
    // Discarded samples (NaN) are retried, up to twice the repetitions in all.
    for (let attempt = 0; samplesMs.length < repetitions && attempt < 2 * repetitions; attempt++) {
      check();
      const elapsed = await runMeasured(batch);
      if (elapsed >= 0) samplesMs.push(elapsed / batch);
    }
    if (samplesMs.length === 0) throw new Error('Every timing sample was discarded: the GPU timestamps ran backwards each time.');
    sorted = [...samplesMs].sort((a, b) => a - b);
    // A median of zero means the batch still ran inside one tick of the clock: batch more and measure again.
    if (sorted[Math.floor(sorted.length / 2)]! > 0 || batch >= maxBatch) break;
    batch = Math.min(maxBatch, batch * 16);
  }
  const middle = Math.floor(sorted.length / 2);
  const medianMs = sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
  return { medianMs, minMs: sorted[0]!, samplesMs, batch, belowResolution: medianMs === 0 };
}
