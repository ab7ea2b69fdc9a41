/**
 * The page's side of running an experiment: pick the backend, start the run in
 * the Worker (or on the main thread where Workers lack WebGPU), and cancel it.
 * Cancelling a Worker run terminates the Worker, which stops it at once and
 * releases its GPU device and every buffer with it.
 */
import { probeAdapter } from '../../kernels/runtime/adapter';
import type { RunEvent, RunRequest } from './runner';

export interface BackendChoice {
  kind: 'webgpu' | 'cpu';
  /** Why the CPU path was chosen, for the reader. */
  reason?: string;
}

/** WebGPU if this page can get an adapter; otherwise the CPU path, with the reason. */
export async function chooseBackend(): Promise<BackendChoice> {
  const probe = await probeAdapter();
  if (probe.found) return { kind: 'webgpu' };
  return { kind: 'cpu', reason: WHY_CPU[probe.why] };
}

const WHY_CPU = {
  'no-webgpu': 'This browser does not offer WebGPU.',
  'no-adapter': 'This browser has WebGPU but found no graphics adapter to use.',
  refused: 'WebGPU refused to start here.',
} as const;

export interface RunHandle {
  cancel(): void;
}

/**
 * Each run gets its own Worker, so cancelling one (by terminating its Worker)
 * never touches another experiment on the same page.
 */
export function startRun(request: RunRequest, onEvent: (event: RunEvent) => void): RunHandle {
  const worker = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module', name: `experiment ${request.experiment}` });
  let mainThread: AbortController | undefined;
  let finished = false;
  const deliver = (event: RunEvent) => {
    if (finished) return;
    if (event.type === 'done' || event.type === 'error') {
      finished = true;
      worker.terminate();
    }
    onEvent(event);
  };
  worker.addEventListener('message', (message: MessageEvent<{ event: RunEvent }>) => {
    const event = message.data.event;
    if (event.type === 'error' && event.kind === 'no-webgpu-in-worker') {
      worker.terminate();
      mainThread = new AbortController();
      void import('./runner').then(({ runExperiment }) => runExperiment(request, mainThread!.signal, deliver));
      return;
    }
    deliver(event);
  });
  worker.addEventListener('error', (error) =>
    deliver({ type: 'error', kind: 'unexpected', message: `The experiment's worker failed: ${error.message}`, recoverable: true }),
  );
  worker.postMessage({ type: 'run', request });
  return {
    cancel() {
      if (finished) return;
      mainThread?.abort();
      deliver({ type: 'error', kind: 'cancelled', message: 'Cancelled. The run stopped and its GPU buffers were released.', recoverable: true });
    },
  };
}
