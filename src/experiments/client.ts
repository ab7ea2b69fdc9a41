/**
 * The page's side of running an experiment: pick the backend, start the run in
 * the Worker (or on the main thread where Workers lack WebGPU), and cancel it.
 * Cancelling a Worker run terminates the Worker, which stops it at once and
 * releases its GPU device and every buffer with it.
 */
import { probeAdapter } from '../../kernels/runtime/adapter';
import type { BackendKind } from '../../kernels/runtime/backend';
import type { RunEvent, RunRequest } from './runner';

export interface BackendChoice {
  kind: BackendKind;
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
 * never touches another experiment on the same page. A run that cannot start
 * (the Worker cannot be created, or its script fails to load) ends in an error
 * event like any other failure, so the frame never stays "running".
 */
export function startRun(request: RunRequest, onEvent: (event: RunEvent) => void): RunHandle {
  let worker: Worker | undefined;
  let mainThread: AbortController | undefined;
  let finished = false;
  const deliver = (event: RunEvent) => {
    if (finished) return;
    if (event.type === 'done' || event.type === 'error') {
      finished = true;
      worker?.terminate();
    }
    onEvent(event);
  };
  const handle: RunHandle = {
    cancel() {
      if (finished) return;
      mainThread?.abort();
      deliver({ type: 'error', kind: 'cancelled', message: 'Cancelled. The run stopped and its GPU buffers were released.', recoverable: true });
    },
  };
  try {
    worker = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module', name: `experiment ${request.experiment}` });
  } catch (error) {
    // Reported after startRun returns, so the caller already holds the handle.
    queueMicrotask(() => deliver(startFailure(error)));
    return handle;
  }
  const started = worker;
  // Whether the Worker's script ran: until its first message, an error means the run never started.
  let heard = false;
  started.addEventListener('message', (message: MessageEvent<{ event: RunEvent }>) => {
    heard = true;
    const event = message.data.event;
    if (event.type === 'error' && event.kind === 'no-webgpu-in-worker') {
      started.terminate();
      mainThread = new AbortController();
      void import('./runner')
        .then(({ runExperiment }) => runExperiment(request, mainThread!.signal, deliver))
        .catch((error: unknown) => deliver(startFailure(error)));
      return;
    }
    deliver(event);
  });
  started.addEventListener('error', (error) =>
    deliver(
      heard
        ? { type: 'error', kind: 'unexpected', message: `The experiment's worker failed: ${error.message || 'no reason given'}.`, recoverable: true }
        : {
            type: 'error',
            kind: 'start-failed',
            message: `The experiment's worker did not start (${error.message || 'its script did not load'}). Nothing ran, on WebGPU or the CPU path, which runs in the same worker.`,
            recoverable: true,
          },
    ),
  );
  started.postMessage({ type: 'run', request });
  return handle;
}

/** The error event for a run that could not start. */
export function startFailure(error: unknown): RunEvent {
  const why = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return { type: 'error', kind: 'start-failed', message: `The experiment could not start (${why}). Nothing ran.`, recoverable: true };
}
