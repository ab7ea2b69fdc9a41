/**
 * The one timing helper. Warm-up is excluded; work is batched so a single
 * measurement spans many dispatches; the result gives the median and minimum
 * over repetitions and says how it was measured.
 */
import type { GpuRuntime } from './device';
import { cancelled } from './errors';

export type TimingMethod = 'timestamp-query' | 'wall-clock';

/** Repetitions of one clock, per unit of work. */
export interface TimingSamples {
  /** Median time of one unit of work, in milliseconds. */
  medianMs: number;
  /** Fastest repetition, per unit of work. */
  minMs: number;
  /** Every repetition's time per unit of work. */
  samplesMs: number[];
}

/**
 * The primary figures (top level) are GPU timestamps where the device has them and wall
 * clock otherwise; `wall` and `gpu` keep both clocks apart, so experiments can report
 * like for like: every series by wall clock, and GPU time beside it where there is one.
 */
export interface Timing extends TimingSamples {
  /** Wall clock per unit from the start of encoding (or of the run) to completion, always measured. */
  wall: TimingSamples;
  /** GPU timestamps per unit; absent where the device has none or the work is not one command buffer. */
  gpu?: TimingSamples;
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
  /**
   * Where the repetitions spread wide (the slowest over WIDE_SPREAD× the fastest), more are
   * taken, one at a time, up to 3× `repetitions`, while the measured repetitions have taken less
   * than this many milliseconds in all. 0 (the default) takes exactly `repetitions`.
   */
  spreadCapMs?: number;
  /**
   * This timing's turn among others timed at once (see `Alternation`): every run is made alone, and
   * measured repetitions alternate A, B, A, B… so that drift on the device hits every method alike.
   */
  turn?: Turn;
  /** Grow the batch until one repetition takes at least this long. */
  targetMs?: number;
  maxBatch?: number;
  signal?: AbortSignal;
}

/** One participant's place in an `Alternation`. */
export interface Turn {
  alternation: Alternation;
  id: number;
}

/**
 * Several timings run at once, taking turns: one run at a time on the device (a mutex), and
 * each measured repetition waits until every other timing still running has made as many,
 * so the measured repetitions interleave A, B, A, B… Calibration runs take the mutex but no turn.
 */
export class Alternation {
  private tail: Promise<unknown> = Promise.resolve();
  private readonly counts: number[] = [];
  private readonly finished: boolean[] = [];
  private waiters: Array<() => void> = [];

  /** A place for one more timing; call `leave` when it ends, however it ends. */
  join(): Turn {
    this.counts.push(0);
    this.finished.push(false);
    return { alternation: this, id: this.counts.length - 1 };
  }

  leave(id: number): void {
    this.finished[id] = true;
    this.wake();
  }

  /** Runs `run` alone; a measured run first waits for its turn. */
  async run<T>(id: number, measured: boolean, run: () => Promise<T>): Promise<T> {
    if (measured) {
      while (!this.counts.every((count, other) => other === id || this.finished[other] || count >= this.counts[id]!)) {
        await new Promise<void>((resolve) => this.waiters.push(resolve));
      }
    }
    const result = this.tail.then(run);
    // The next run starts after this one, whether it succeeded or not.
    this.tail = result.catch(() => undefined);
    try {
      return await result;
    } finally {
      if (measured) {
        this.counts[id]!++;
        this.wake();
      }
    }
  }

  private wake(): void {
    const waiting = this.waiters;
    this.waiters = [];
    for (const resolve of waiting) resolve();
  }
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
  // Wall clock of each measured repetition, per unit, beside its timestamps; keyed by batch so a re-batched run starts afresh.
  let wallSamples: { batch: number; perUnitMs: number[] } = { batch: 0, perUnitMs: [] };

  const runBatch = async (batch: number, withTimestamps: boolean, measured = false): Promise<number> => {
    // Encoding is part of a unit's wall clock: the CPU records every dispatch of every unit.
    const started = performance.now();
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
    device.queue.submit([encoder.finish()]);
    await device.queue.onSubmittedWorkDone();
    const wallMs = performance.now() - started;
    if (measured) {
      if (wallSamples.batch !== batch) wallSamples = { batch, perUnitMs: [] };
      wallSamples.perUnitMs.push(wallMs / batch);
    }
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
      (batch) => runBatch(batch, useTimestamps, true),
      (batch) => runBatch(batch, false),
      options,
    );
    const primary = { medianMs: timing.medianMs, minMs: timing.minMs, samplesMs: timing.samplesMs };
    const wall = useTimestamps ? summariseSamples(wallSamples.perUnitMs) : primary;
    const quantised = rawNs.length > 0 && rawNs.every((ns) => ns % CHROME_TIMESTAMP_QUANTUM_NS === 0);
    const method: TimingMethod = useTimestamps ? 'timestamp-query' : 'wall-clock';
    const resolution = timing.belowResolution ? "; the median is below the clock's resolution" : '';
    const note = useTimestamps
      ? `GPU timestamps around ${timing.batch} repetitions${quantised ? ', which this browser rounds to 100 µs' : ''}`
      : `wall-clock time from encoding to completion of ${timing.batch} repetitions (this device has no GPU timestamps)`;
    return { ...timing, wall, gpu: useTimestamps ? primary : undefined, method, note: note + resolution };
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
  const wall = { medianMs: timing.medianMs, minMs: timing.minMs, samplesMs: timing.samplesMs };
  const resolution = timing.belowResolution ? "; the median is below the clock's resolution" : '';
  return { ...timing, wall, method: 'wall-clock', note: `wall-clock time of ${timing.batch} repetitions${resolution}` };
}

/** Repetitions whose slowest is more than this many times the fastest are taken again, within a time cap. */
export const WIDE_SPREAD = 1.5;

const sum = (values: readonly number[]) => values.reduce((total, value) => total + value, 0);

/** Whether repetitions spread wide: the slowest over WIDE_SPREAD× the fastest. */
export function widelySpread(samplesMs: readonly number[]): boolean {
  const positive = samplesMs.filter((ms) => ms > 0);
  return positive.length > 1 && Math.max(...positive) > WIDE_SPREAD * Math.min(...positive);
}

/** Median and minimum of per-unit samples. */
function summariseSamples(samplesMs: number[]): TimingSamples {
  const sorted = [...samplesMs].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const medianMs = sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
  return { medianMs, minMs: sorted[0]!, samplesMs };
}

async function measure(
  runMeasured: (batch: number) => Promise<number>,
  runCalibration: (batch: number) => Promise<number>,
  options: TimingOptions,
): Promise<TimingSamples & { batch: number; belowResolution: boolean }> {
  try {
    return await measureInTurn(runMeasured, runCalibration, options);
  } finally {
    // However this timing ends, the others stop waiting for its turns.
    options.turn?.alternation.leave(options.turn.id);
  }
}

async function measureInTurn(
  runMeasured: (batch: number) => Promise<number>,
  runCalibration: (batch: number) => Promise<number>,
  { repetitions = 5, targetMs = 10, maxBatch = 256, spreadCapMs = 0, turn, signal }: TimingOptions,
): Promise<TimingSamples & { batch: number; belowResolution: boolean }> {
  if (turn) {
    const { alternation, id } = turn;
    const [measured, calibration] = [runMeasured, runCalibration];
    runMeasured = (batch) => alternation.run(id, true, () => measured(batch));
    runCalibration = (batch) => alternation.run(id, false, () => calibration(batch));
  }
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
    // A wide spread earns more repetitions, within the time cap.
    for (let attempt = 0; widelySpread(samplesMs) && samplesMs.length < 3 * repetitions && attempt < 3 * repetitions; attempt++) {
      if (sum(samplesMs) * batch >= spreadCapMs) break;
      check();
      const elapsed = await runMeasured(batch);
      if (elapsed >= 0) samplesMs.push(elapsed / batch);
    }
    sorted = [...samplesMs].sort((a, b) => a - b);
    // A median of zero means the batch still ran inside one tick of the clock: batch more and measure again.
    if (sorted[Math.floor(sorted.length / 2)]! > 0 || batch >= maxBatch) break;
    batch = Math.min(maxBatch, batch * 16);
  }
  const summary = summariseSamples(samplesMs);
  return { ...summary, batch, belowResolution: summary.medianMs === 0 };
}
