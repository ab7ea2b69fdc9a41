/**
 * What a run will cost before it starts: time and peak memory estimated from the
 * sweep's counted work, on the CPU path at a conservative single-thread rate, on
 * WebGPU with this device's measured dispatch costs. Past a threshold, Run asks
 * first. Pure: each definition lists its sweep's points; this module sums them.
 */
import { TIMING } from './timing';
import { attentionFlops, attentionIoBytes, scoreMatrixBytes } from '../../../kernels/attention/cost';
import { rnnForwardBytes, rnnForwardFlops } from '../../../kernels/rnn/cost';
import type { AttentionShape } from '../../../kernels/attention/reference';
import type { RnnShape } from '../../../kernels/rnn/reference';
import { formatBytes, formatDuration, formatSignificant } from '../../utils/format';
import type { GpuDeviceConstants } from '../../../kernels/runtime/device-constants';

/** What the estimate knows of the backend: on WebGPU, this device's constants (measured once per page). */
export type EstimateBackend = { kind: 'cpu' } | { kind: 'webgpu'; device: GpuDeviceConstants };

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
  /** Timed points run a warm-up, calibration and several repetitions; untimed points run once. */
  timed: boolean;
}

export interface RunEstimate {
  ms: number;
  peakBytes: number;
}

/**
 * The CPU references' arithmetic rate, conservatively: they reached 0.5 to 0.9 GFLOP/s on one
 * thread of a shared two-core machine (attention and RNN references, Node 20); half the slowest.
 */
export const CPU_FLOPS_PER_MS = 0.25e6;
/** The scan's loops took 40 to 65 ns an element on the same machine; rounded up. */
export const CPU_MS_PER_ELEMENT = 100e-6;
/**
 * The rate assumed on WebGPU: about what a software adapter (SwiftShader on a few CPU cores)
 * reaches with these kernels. A hardware GPU is far faster, so there the estimate is an upper bound.
 */
export const GPU_FLOPS_PER_MS = 1e6;
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

/** Past these, a CPU run asks for confirmation first. */
export const CPU_CONFIRM_MS = 30_000;
export const CPU_CONFIRM_BYTES = 512 * 2 ** 20;
/** A WebGPU run asks first past the same time, or when it holds more than the device's largest buffer. */
export const GPU_CONFIRM_MS = CPU_CONFIRM_MS;

function pointMs(point: SweepPoint, backend: EstimateBackend): number {
  if (backend.kind === 'cpu') return point.flops / CPU_FLOPS_PER_MS + (point.elements ?? 0) * CPU_MS_PER_ELEMENT;
  const { device } = backend;
  return (
    (point.flops + (point.elements ?? 0)) / device.flopsPerMs + (point.dispatches ?? 0) * device.perDispatchMs + (point.submits ?? 0) * device.submitAndWaitMs
  );
}

/** Sums a sweep's points into the time and peak memory of the whole run. */
export function estimateSweep(points: readonly SweepPoint[], backend: EstimateBackend): RunEstimate {
  let ms = 0;
  let peakBytes = 0;
  for (const point of points) {
    const once = pointMs(point, backend);
    ms += point.timed ? Math.max(RUNS_PER_TIMED_POINT * once, TIMED_FLOOR_MS) : once;
    peakBytes = Math.max(peakBytes, point.bytes * (backend.kind === 'cpu' && point.timed ? CPU_GARBAGE_FACTOR : 1));
  }
  return { ms, peakBytes };
}

/** The estimate as the frame shows it next to Run. */
export function describeEstimate(estimate: RunEstimate, backend: EstimateBackend): string {
  const basis =
    backend.kind === 'cpu'
      ? `CPU reference at a conservative ${formatSignificant(CPU_FLOPS_PER_MS / 1e6, 2)} GFLOP/s`
      : `${backend.device.measured ? 'this device’s measured dispatch costs' : 'assumed dispatch costs (this device’s could not be measured)'} and a conservative ${formatSignificant(backend.device.flopsPerMs / 1e6, 2)} GFLOP/s`;
  return `Estimate: about ${formatDuration(estimate.ms)} and up to ${formatBytes(estimate.peakBytes)} of memory (${basis}).`;
}

/** Why this run should be confirmed before it starts, naming the estimate; undefined when it may just run. */
export function confirmationReason(estimate: RunEstimate, backend: EstimateBackend): string | undefined {
  const named = `about ${formatDuration(estimate.ms)} and up to ${formatBytes(estimate.peakBytes)} of memory`;
  if (backend.kind === 'cpu') {
    if (estimate.ms <= CPU_CONFIRM_MS && estimate.peakBytes <= CPU_CONFIRM_BYTES) return undefined;
    return `This run is estimated at ${named} on the CPU path, past the ${formatDuration(CPU_CONFIRM_MS)} or ${formatBytes(CPU_CONFIRM_BYTES)} it runs without asking. The page stays usable meanwhile, and Cancel stops it.`;
  }
  const { maxBufferSize } = backend.device;
  if (estimate.ms <= GPU_CONFIRM_MS && estimate.peakBytes <= maxBufferSize) return undefined;
  const past =
    estimate.peakBytes > maxBufferSize
      ? `more memory than this device's largest buffer (maxBufferSize ${formatBytes(maxBufferSize)})`
      : `longer than the ${formatDuration(GPU_CONFIRM_MS)} it runs without asking`;
  return `This run is estimated at ${named} on WebGPU: ${past}. Cancel stops it.`;
}

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
  if (kind === 'materialised') return { flops: attentionFlops(shape), dispatches: 3, bytes: io + scoreMatrixBytes(t, shape.queries ?? t), timed: true };
  return { flops: attentionFlops(shape), dispatches: 1, bytes: io + (backend.kind === 'cpu' ? 8 * t : 0), timed: true };
}
