/**
 * Runs one experiment and reports what happens as events. The same code runs in
 * the Worker and, where a browser's Workers lack WebGPU, on the main thread.
 */
import {
  GpuError,
  GpuRuntime,
  CPU_BACKEND,
  describeBackend,
  measureDispatchCosts,
  rooflineFields,
  type Backend,
  type BackendKind,
} from '../../kernels/runtime';
import type { DeviceConstants } from '../../kernels/runtime';
import { bufferLimitsFor, GPU_FLOPS_PER_MS, largestThatFits, SIZING } from './shared/estimate';
import type { GpuRequirements } from '../../kernels/runtime';
import type { AnyExperimentDefinition, ExperimentRow } from './shared/definition';
import type { ExperimentName } from './registry';
import { limitParams, type ParamValues } from './params';
import { formatBytes } from '../utils/format';
import { loadDefinition } from './load-definition';

export interface RunRequest {
  experiment: ExperimentName;
  params: ParamValues;
  backend: BackendKind;
  /** This device's constants as the page measured them (device-estimate.ts), so a timing run does not measure them again. */
  constants?: DeviceConstants;
}

export type RunEvent =
  | { type: 'started'; backend: string; limits: string }
  | { type: 'progress'; done: number; total: number; label: string }
  | { type: 'row'; row: ExperimentRow }
  /** A timing experiment's device constants: the page's, or measured before its sweep where the page has none. */
  | { type: 'constants'; constants: DeviceConstants }
  | { type: 'notice'; message: string }
  | { type: 'done' }
  | { type: 'error'; kind: string; message: string; recoverable: boolean };

function describeLimits(backend: Backend): string {
  if (backend.kind === 'cpu') return 'bounded by this page’s memory and one CPU thread';
  const limits = backend.runtime.limits;
  return [
    `maxBufferSize ${formatBytes(limits.maxBufferSize)}`,
    `maxStorageBufferBindingSize ${formatBytes(limits.maxStorageBufferBindingSize)}`,
    `maxComputeWorkgroupStorageSize ${formatBytes(limits.maxComputeWorkgroupStorageSize)}`,
    `maxComputeWorkgroupsPerDimension ${limits.maxComputeWorkgroupsPerDimension.toLocaleString('en-US')}`,
    backend.runtime.hasTimestamps ? 'GPU timestamps available' : 'no GPU timestamps (wall-clock timing)',
  ].join(', ');
}

/** This device's cost per dispatch and per submit-and-wait (WebGPU); the CPU path has neither. */
async function measureConstants(backend: Backend, signal: AbortSignal): Promise<DeviceConstants> {
  if (backend.kind === 'cpu') return { kind: 'cpu' };
  const costs = await measureDispatchCosts(backend.runtime, signal);
  const { maxBufferSize, maxStorageBufferBindingSize } = backend.runtime.limits;
  return {
    kind: 'webgpu',
    perDispatchMs: costs.perDispatch.medianMs,
    submitAndWaitMs: costs.submitAndWait.medianMs,
    flopsPerMs: GPU_FLOPS_PER_MS,
    maxBufferSize,
    maxStorageBufferBindingSize,
    measured: true,
    ...(await rooflineFields(backend.runtime, costs.perDispatch.medianMs, signal)),
  };
}

/**
 * What a run asks of the device: the definition's own features and limits, and a buffer and a
 * binding as large as its largest buffer at these parameters. A device that cannot grant them
 * refuses the run before anything is allocated, naming the largest size that fits.
 */
export function runRequirements(definition: AnyExperimentDefinition, params: ParamValues): GpuRequirements {
  const own = definition.gpuRequirements(params);
  const needed = bufferLimitsFor(definition.estimate(params, SIZING));
  const limits: Record<string, number> = { ...own.limits };
  for (const [name, bytes] of Object.entries(needed)) limits[name] = Math.max(limits[name] ?? 0, bytes);
  return {
    ...own,
    limits,
    describeShortfall: (_limit, available) => {
      const fit = largestThatFits(
        definition.params,
        params,
        (values) => definition.estimate(values, SIZING),
        (estimate) => estimate.largestBuffer <= available,
      );
      return fit && { name: fit.spec.label, largestThatFits: fit.value };
    },
  };
}

/**
 * Each run asks for its own device and destroys it when it ends, so two runs on the main
 * thread (where Workers lack WebGPU) never share a device that one of them could destroy.
 */
export async function runExperiment(request: RunRequest, signal: AbortSignal, emit: (event: RunEvent) => void): Promise<void> {
  let runtime: GpuRuntime | undefined;
  try {
    const definition = await loadDefinition(request.experiment);
    if (request.backend === 'webgpu')
      runtime = await GpuRuntime.create(runRequirements(definition, limitParams(definition.params, request.params, 'webgpu').values));
    const backend: Backend = runtime ? { kind: 'webgpu', runtime } : CPU_BACKEND;
    emit({ type: 'started', backend: describeBackend(backend), limits: describeLimits(backend) });
    if (definition.timing) {
      const shared = request.constants;
      const usable = shared && shared.kind === backend.kind && (shared.kind === 'cpu' || shared.measured);
      emit({ type: 'constants', constants: usable ? shared : await measureConstants(backend, signal) });
    }
    const sweep = await definition.sweep();
    // The CPU path's maxima (`cpuMax`) hold here, for every sweep, as they do in the estimate.
    const limited = limitParams(definition.params, request.params, backend.kind);
    for (const notice of limited.notices) emit({ type: 'notice', message: notice.message });
    await sweep({
      backend,
      params: limited.values,
      signal,
      emit: (row: ExperimentRow) => emit({ type: 'row', row }),
      progress: (done: number, total: number, label: string) => emit({ type: 'progress', done, total, label }),
      notice: (message: string) => emit({ type: 'notice', message }),
    });
    emit({ type: 'done' });
  } catch (error) {
    if (error instanceof GpuError) {
      emit({ type: 'error', kind: error.kind, message: error.message, recoverable: error.recoverable });
    } else {
      emit({
        type: 'error',
        kind: 'unexpected',
        message: `The experiment failed unexpectedly: ${error instanceof Error ? error.message : String(error)}`,
        recoverable: true,
      });
    }
  } finally {
    runtime?.destroy();
  }
}
