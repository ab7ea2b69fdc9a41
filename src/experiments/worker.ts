/// <reference lib="webworker" />
/**
 * The experiment Worker: runs one sweep off the main thread, and is terminated
 * when it ends or is cancelled. If this browser's
 * Workers lack WebGPU, it says so and the page runs the sweep itself.
 */
import { runExperiment, type RunRequest } from './runner';

export type WorkerMessage = { type: 'run'; request: RunRequest };

const scope = self as unknown as DedicatedWorkerGlobalScope;

scope.addEventListener('message', (event: MessageEvent<WorkerMessage>) => {
  const { request } = event.data;
  if (request.backend === 'webgpu' && !('gpu' in navigator)) {
    scope.postMessage({ event: { type: 'error', kind: 'no-webgpu-in-worker', message: 'WebGPU is not available in Workers here.', recoverable: true } });
    return;
  }
  void runExperiment(request, new AbortController().signal, (runEvent) => scope.postMessage({ event: runEvent }));
});
