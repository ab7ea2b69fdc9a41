/// <reference lib="webworker" />
/**
 * The training Worker: holds one session (src/experiments/training-session.ts) and
 * its device and buffers between runs, until the page releases it or goes away.
 * If this browser's Workers lack WebGPU, it says so and the page hosts the session itself.
 */
import { createSessionHost, type SessionMessage } from './training-session';
import type { WorkerReply } from './training-client';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const host = createSessionHost((event) => scope.postMessage({ event } satisfies WorkerReply));

scope.addEventListener('message', (event: MessageEvent<SessionMessage>) => {
  const message = event.data;
  if (message.type === 'start' && message.request.backend === 'webgpu' && !('gpu' in navigator)) {
    scope.postMessage({
      event: { type: 'error', kind: 'no-webgpu-in-worker', message: 'WebGPU is not available in Workers here.', recoverable: true },
    } satisfies WorkerReply);
    return;
  }
  void host.handle(message).then(() => {
    if (message.type !== 'release') return;
    scope.postMessage({ released: true } satisfies WorkerReply);
    scope.close();
  });
});
