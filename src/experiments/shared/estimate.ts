/**
 * What a run will cost before it starts: time and peak memory estimated from the
 * sweep's counted work, plus the run's fixed cost of starting (a Worker, its code, on
 * WebGPU a device). Before this device has run an experiment, the work is timed at a
 * prior rate (on WebGPU, a share of this device's measured FMA rate; on the CPU path, an
 * assumed rate); after a run, at the pace that run measured (estimate-memory.ts).
 * Past a threshold, Run asks first. Pure: each definition lists its sweep's points; this
 * module sums them.
 */
import { TIMING } from './timing';
import { attentionFlops, attentionIoBytes, scoreMatrixBytes } from '../../../kernels/attention/cost';
import { rnnForwardBytes, rnnForwardFlops } from '../../../kernels/rnn/cost';
import type { AttentionShape } from '../../../kernels/attention/reference';
import type { RnnShape } from '../../../kernels/rnn/reference';
import { formatBytes, formatDuration, formatSignificant } from '../../utils/format';
import type { GpuDeviceConstants } from '../../../kernels/runtime/device-constants';
import type { ParamSpec, ParamValues } from '../params';

/**
 * What this device's last finished run of the same experiment on the same path measured: the
 * milliseconds from Run to the run's start (a Worker, its code, a device), and the ratio of the
 * rest of its time to the work this module counted for it.
 */
export interface Measured {
  startupMs: number;
  workRatio: number;
}

/**
 * What the estimate knows of the backend: on WebGPU, this device's constants (measured once per
 * page) and the measured fixed cost of a device, pipelines and constants; on either path, what
 * this device's last run of the experiment measured, where there was one.
 */
export type EstimateBackend = { kind: 'cpu'; measured?: Measured } | { kind: 'webgpu'; device: GpuDeviceConstants; startupMs?: number; measured?: Measured };

/** One point of a sweep (one kernel at one size), by its counted work. */
export interface SweepPoint {
  /** Floating-point operations of one run. */
  flops: number;
  /** Steps of element-wise loops that do almost no arithmetic per element (the scan), per run. */
  elements?: number;
  /** GPU dispatches one run records in a command buffer. */
  dispatches?: number;
  /** Submit-and-wait round trips one run makes. */
  submits?: number;
  /** Bytes this point holds at once on the backend estimated for: inputs, outputs and intermediates. */
  bytes: number;
  /**
   * The largest single buffer this point binds on WebGPU, which must fit the device's
   * maxBufferSize and maxStorageBufferBindingSize; `bytes` (an upper bound) where not given.
   */
  largestBuffer?: number;
  /** Timed points run a warm-up, calibration and several repetitions; untimed points run once. */
  timed: boolean;
  /**
   * An untimed point that is one of many runs of the same code (a training step), so the CPU
   * path runs it at its warm rate, as it does timed points; a lone run is timed at the cold rate.
   */
  warm?: boolean;
}

export interface RunEstimate {
  /** The whole run: `fixedMs` plus the work at the rate used. */
  ms: number;
  /** Starting the run: a Worker and its code, on WebGPU a device and its constants (estimateSweep always gives it). */
  fixedMs?: number;
  /** The counted work at the prior rate, before any measured run's ratio: what a finished run's time is compared with. */
  workMs?: number;
  peakBytes: number;
  /** The largest single buffer any point binds on WebGPU (see SweepPoint.largestBuffer). */
  largestBuffer: number;
}

/**
 * The CPU path's arithmetic rate for code run once, cold (the bottleneck's and gradients'
 * references, 0.2–0.5 GFLOP/s on one thread of a shared two-core machine, set-up included),
 * and for code run many times over, warm (timed batches and training steps: the attention
 * references and training reached 1.2–1.3 GFLOP/s there). Assumed, until a run measures this device.
 */
export const CPU_FLOPS_PER_MS = 0.45e6;
export const CPU_WARM_FLOPS_PER_MS = 1e6;
/**
 * The scan's loops, warm in timed batches, took 7–10 ns an element in Chromium on the same machine
 * (issue 24's runs of `npm run bench:estimates`; 40 to 65 ns in Node 20 before): the slower end.
 */
export const CPU_MS_PER_ELEMENT = 10e-6;
/**
 * Each point's own fixed cost, assumed until a run measures this device: its inputs drawn, its
 * buffers created and filled, its result read back, and for a timed point the timing's batch
 * calibration and the extra repetitions a noisy machine earns (shared/timing.ts). On a two-core
 * machine with SwiftShader, runs took about this much longer per point than their counted work.
 */
export const POINT_OVERHEAD_MS = {
  webgpu: { timed: 100, untimed: 40 },
  cpu: { timed: 100, untimed: 3 },
} as const;
/**
 * A timed WebGPU point draws its inputs afresh in JavaScript and copies them to the device:
 * about 15 ns a byte it holds, assumed (the scan at T = 4,194,304 × 16 channels and streaming at
 * p = 65,536 both took about that much longer per byte than their counted work, on a two-core
 * machine with SwiftShader). Training steps and other untimed points reuse what they hold.
 */
export const WEBGPU_INPUT_MS_PER_BYTE = 15e-6;
/**
 * The rate assumed on WebGPU where this device's FMA rate could not be measured: between the
 * 0.19–0.42 GFLOP/s that issue 22's fits gave a software adapter (SwiftShader, two shared cores)
 * and the ~0.7 GFLOP/s that issue 24's measured quadratic-cost run implies. A hardware GPU is far
 * faster, so there the estimate is an upper bound until a run has measured the device.
 */
export const GPU_FLOPS_PER_MS = 0.5e6;
/**
 * The share of this device's measured FMA rate (kernels/runtime/fma-rate.wgsl, a loop of
 * independent multiply-adds in registers) that the prior assumes the lesson's kernels reach:
 * they read and write memory, synchronise workgroups and run short dispatches. On SwiftShader
 * they reached 0.19–0.42 GFLOP/s against FMA rates measured between 2.1 and 7.5 GFLOP/s
 * (issues 22 and 24, and this runs of `npm run bench:estimates`).
 */
export const KERNEL_SHARE_OF_FMA_RATE = 0.08;
/**
 * The prior on WebGPU: a share of this device's measured FMA rate where it was measured,
 * otherwise the assumed rate.
 */
export function priorGpuFlopsPerMs(measuredFlopsPerMs: number | undefined): number {
  return measuredFlopsPerMs !== undefined && Number.isFinite(measuredFlopsPerMs) && measuredFlopsPerMs > 0
    ? KERNEL_SHARE_OF_FMA_RATE * measuredFlopsPerMs
    : GPU_FLOPS_PER_MS;
}
/**
 * Starting a run on the CPU path before one has been measured: a Worker and the experiment's
 * code, assumed (runs measured 0.05–0.12 s from Run to their start in Chromium on a shared
 * two-core machine; the rest of a run's first second is its points).
 */
export const UNMEASURED_CPU_STARTUP_MS = 200;
/** The fixed cost of starting a WebGPU run where it could not be measured: above what a software adapter takes. */
export const UNMEASURED_STARTUP_MS = 1000;
/** Stand-ins where this device's dispatch costs could not be measured: above what a software adapter costs. */
export const UNMEASURED_DEVICE: Omit<GpuDeviceConstants, 'maxBufferSize' | 'maxStorageBufferBindingSize'> = {
  kind: 'webgpu',
  perDispatchMs: 0.1,
  submitAndWaitMs: 5,
  flopsPerMs: GPU_FLOPS_PER_MS,
  measured: false,
};
/**
 * A timed reference allocates its arrays afresh on every call, and the previous call's may
 * not be collected yet: the CPU path's peak is counted as two calls' worth.
 */
export const CPU_GARBAGE_FACTOR = 2;
/** Runs per timed point: one warm-up, two calibration runs at the smallest batch, then the repetitions. */
export const RUNS_PER_TIMED_POINT = 1 + 2 + (TIMING.repetitions ?? 5);
/** Calibration grows the batch to at least the target time, so even a tiny point costs about this much. */
const TIMED_FLOOR_MS = (2 + (TIMING.repetitions ?? 5)) * (TIMING.targetMs ?? 10);

/** Past these, a run asks for confirmation first, on the CPU path and on WebGPU alike, whatever the adapter's limits. */
export const CONFIRM_MS = 30_000;
export const CONFIRM_BYTES = 512 * 2 ** 20;

function pointMs(point: SweepPoint, backend: EstimateBackend): number {
  if (backend.kind === 'cpu')
    return point.flops / (point.timed || point.warm ? CPU_WARM_FLOPS_PER_MS : CPU_FLOPS_PER_MS) + (point.elements ?? 0) * CPU_MS_PER_ELEMENT;
  const { device } = backend;
  return (
    (point.flops + (point.elements ?? 0)) / device.flopsPerMs + (point.dispatches ?? 0) * device.perDispatchMs + (point.submits ?? 0) * device.submitAndWaitMs
  );
}

/**
 * Sums a sweep's points into the time and peak memory of the whole run: the fixed cost of
 * starting it, then the work, scaled by what this device's last run of it measured where there
 * was one.
 */
export function estimateSweep(points: readonly SweepPoint[], backend: EstimateBackend): RunEstimate {
  let workMs = 0;
  let peakBytes = 0;
  let largestBuffer = 0;
  for (const point of points) {
    const once = pointMs(point, backend);
    const inputsMs = backend.kind === 'webgpu' && point.timed ? point.bytes * WEBGPU_INPUT_MS_PER_BYTE : 0;
    workMs +=
      (point.timed ? Math.max(RUNS_PER_TIMED_POINT * once, TIMED_FLOOR_MS) : once) +
      POINT_OVERHEAD_MS[backend.kind][point.timed ? 'timed' : 'untimed'] +
      inputsMs;
    peakBytes = Math.max(peakBytes, point.bytes * (backend.kind === 'cpu' && point.timed ? CPU_GARBAGE_FACTOR : 1));
    largestBuffer = Math.max(largestBuffer, point.largestBuffer ?? point.bytes);
  }
  const { measured } = backend;
  const fixedMs = measured ? measured.startupMs : backend.kind === 'webgpu' ? (backend.startupMs ?? UNMEASURED_STARTUP_MS) : UNMEASURED_CPU_STARTUP_MS;
  return { ms: fixedMs + workMs * (measured?.workRatio ?? 1), fixedMs, workMs, peakBytes, largestBuffer };
}

/** An estimated time in words: "under 1 s", or "about 12 s". */
export function roughly(ms: number): string {
  return ms < 1000 ? 'under 1 s' : `about ${formatDuration(ms)}`;
}

/** A start-up time in words: "0.4 s" below a second (never "under 1 s", which reads oddly after "a measured"). */
function startupWords(ms: number): string {
  return ms < 1000 ? `${formatSignificant(Math.max(ms, 10) / 1000, 1)} s` : formatDuration(ms);
}

/** What the estimate rests on, in one sentence's worth of words. */
export function estimateBasis(backend: EstimateBackend): string {
  const { measured } = backend;
  const path = backend.kind === 'cpu' ? 'on the CPU reference' : 'on WebGPU';
  if (measured)
    return `from this device’s last run of this experiment ${path}: ${startupWords(measured.startupMs)} to start, then the counted work at the pace that run kept`;
  if (backend.kind === 'cpu')
    return `on the CPU reference, an assumed ${startupWords(UNMEASURED_CPU_STARTUP_MS)} to start, an assumed cost per point, and the counted work at an assumed ${formatSignificant(CPU_FLOPS_PER_MS / 1e6, 2)}–${formatSignificant(CPU_WARM_FLOPS_PER_MS / 1e6, 2)} GFLOP/s; refined after the first run`;
  const { device } = backend;
  const start =
    backend.startupMs !== undefined && device.measured ? `a measured ${startupWords(backend.startupMs)}` : `an assumed ${startupWords(UNMEASURED_STARTUP_MS)}`;
  const rate =
    device.measuredFlopsPerMs !== undefined
      ? `${formatSignificant(device.flopsPerMs / 1e6, 2)} GFLOP/s (an assumed ${Math.round(KERNEL_SHARE_OF_FMA_RATE * 100)}% of this device’s measured FMA rate)`
      : `an assumed ${formatSignificant(device.flopsPerMs / 1e6, 2)} GFLOP/s`;
  return `${start} to start, an assumed cost per point, and the counted work at ${rate}; refined after the first run`;
}

/** The estimate as the frame shows it next to Run. */
export function describeEstimate(estimate: RunEstimate, backend: EstimateBackend): string {
  return `Estimate: ${roughly(estimate.ms)} and up to ${formatBytes(estimate.peakBytes)} of memory (${estimateBasis(backend)}).`;
}

/** Why this run should be confirmed before it starts, naming the estimate; undefined when it may just run. */
export function confirmationReason(estimate: RunEstimate, backend: EstimateBackend): string | undefined {
  if (estimate.ms <= CONFIRM_MS && estimate.peakBytes <= CONFIRM_BYTES) return undefined;
  const named = `${roughly(estimate.ms)} and up to ${formatBytes(estimate.peakBytes)} of memory`;
  const path = backend.kind === 'cpu' ? 'on the CPU path' : 'on WebGPU';
  return `This run is estimated at ${named} ${path}, past the ${formatDuration(CONFIRM_MS)} or ${formatBytes(CONFIRM_BYTES)} it runs without asking. The page stays usable meanwhile, and Cancel stops it.`;
}

/** The largest single buffer this device lets a run bind: the smaller of its buffer and storage-binding limits. */
export function largestBindable(device: Pick<GpuDeviceConstants, 'maxBufferSize' | 'maxStorageBufferBindingSize'>): number {
  return Math.min(device.maxBufferSize, device.maxStorageBufferBindingSize);
}

/** Why this run cannot run on this device at all (a buffer past what the device grants), or undefined when it fits. */
export function refusalReason(estimate: RunEstimate, backend: EstimateBackend): string | undefined {
  if (backend.kind === 'cpu') return undefined;
  const limit = largestBindable(backend.device);
  if (estimate.largestBuffer <= limit) return undefined;
  return `This run needs a buffer of ${formatBytes(estimate.largestBuffer)}, and this device binds at most ${formatBytes(limit)} in one buffer (maxBufferSize ${formatBytes(backend.device.maxBufferSize)}, maxStorageBufferBindingSize ${formatBytes(backend.device.maxStorageBufferBindingSize)}), so it cannot run here.`;
}

/**
 * The WebGPU limits a run with this estimate must have: a buffer and a binding as large as its
 * largest buffer, asked for only above the WebGPU defaults every adapter offers.
 */
export function bufferLimitsFor(estimate: RunEstimate): { maxBufferSize?: number; maxStorageBufferBindingSize?: number } {
  const needed = Math.ceil(estimate.largestBuffer);
  return {
    ...(needed > DEFAULT_MAX_BUFFER_SIZE ? { maxBufferSize: needed } : {}),
    ...(needed > DEFAULT_MAX_STORAGE_BINDING ? { maxStorageBufferBindingSize: needed } : {}),
  };
}

/** Device constants for sizing a run's buffers, where only the bytes matter and not the time. */
export const SIZING: EstimateBackend = {
  kind: 'webgpu',
  device: { ...UNMEASURED_DEVICE, maxBufferSize: Infinity, maxStorageBufferBindingSize: Infinity },
  startupMs: 0,
};

/** The WebGPU defaults, which every adapter offers. */
export const DEFAULT_MAX_BUFFER_SIZE = 256 * 2 ** 20;
export const DEFAULT_MAX_STORAGE_BINDING = 128 * 2 ** 20;

/** A timed RNN forward pass: one dispatch per step in one command buffer (or one submit per step). */
export function rnnPoint(shape: RnnShape, schedule: 'command-buffer' | 'submit-per-step' | 'persistent' = 'command-buffer'): SweepPoint {
  const work = { flops: rnnForwardFlops(shape), bytes: rnnForwardBytes(shape), timed: true };
  if (schedule === 'submit-per-step') return { ...work, submits: shape.steps };
  return { ...work, dispatches: schedule === 'persistent' ? 1 : shape.steps };
}

/**
 * Timed attention over one head: materialised holds the score matrix (three dispatches: QKᵀ,
 * softmax, P·V); tiled holds only its inputs and output on the GPU, and one float64 row of
 * weights in the CPU reference.
 */
export function attentionPoint(shape: AttentionShape, kind: 'materialised' | 'flash', backend: EstimateBackend): SweepPoint {
  const io = attentionIoBytes(shape);
  const t = shape.sequenceLength;
  // The largest buffer that must fit is one of Q, K, V or the output: where the T×T scores would
  // not fit, the sweep stops materialised attention before them and says so (quadratic-cost/sweep.ts).
  const largestBuffer = 4 * Math.max(t, shape.queries ?? t) * Math.max(shape.keyDim, shape.valueDim);
  if (kind === 'materialised')
    return { flops: attentionFlops(shape), dispatches: 3, bytes: io + scoreMatrixBytes(t, shape.queries ?? t), largestBuffer, timed: true };
  return { flops: attentionFlops(shape), dispatches: 1, bytes: io + (backend.kind === 'cpu' ? 8 * t : 0), largestBuffer, timed: true };
}

/**
 * Where a run does not fit, the largest value of one size parameter that does, the others held:
 * the first parameter (in the definition's order) that can be lowered far enough. Powers of two
 * halve; integers are searched between the minimum and the value asked for.
 */
export function largestThatFits<Values extends ParamValues>(
  specs: readonly ParamSpec[],
  values: Values,
  estimate: (values: Values) => RunEstimate,
  fits: (estimate: RunEstimate) => boolean,
): { spec: ParamSpec; value: number } | undefined {
  for (const spec of specs) {
    const current = values[spec.key];
    if (typeof current !== 'number' || spec.min === undefined || current <= spec.min) continue;
    const fitsAt = (value: number) => fits(estimate({ ...values, [spec.key]: value }));
    if (spec.kind === 'power-of-two') {
      for (let value = current / 2; value >= spec.min; value /= 2) if (fitsAt(value)) return { spec, value };
    } else if (spec.kind === 'integer' && fitsAt(spec.min)) {
      let low = spec.min;
      let high = current - 1;
      while (low < high) {
        const middle = Math.ceil((low + high) / 2);
        if (fitsAt(middle)) low = middle;
        else high = middle - 1;
      }
      return { spec, value: low };
    }
  }
  return undefined;
}
