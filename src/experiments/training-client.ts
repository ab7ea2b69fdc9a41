/**
 * The page's side of a training session: start it in its own Worker (or on the
 * page where Workers lack WebGPU), pause it, continue it for more steps, and
 * release it. The Worker, its device and its buffers stay alive between runs
 * until release (Run again, or the reader leaves); cancel ends it at once.
 */
import { startFailure, type RunHandle } from './client';
import type { RunRequest } from './runner';
import type { SessionEvent, SessionHost, SessionMessage } from './training-session';

export interface SessionHandle extends RunHandle {
  pause(): void;
  /** Trains the same models for `steps` more steps. */
  continueFor(steps: number): void;
  /** Frees the models, buffers and device. */
  release(): void;
}

/** What the training Worker posts: an event of the session, or that it has freed everything after a release. */
export type WorkerReply = { event: SessionEvent } | { released: true };

export function startSession(request: RunRequest, onEvent: (event: SessionEvent) => void): SessionHandle {
  let worker: Worker | undefined;
  let pageHost: SessionHost | undefined;
  let ended = false;
  const deliver = (event: SessionEvent) => {
    if (ended) return;
    if (event.type === 'error') {
      ended = true;
      worker?.terminate();
    }
    onEvent(event);
  };
  const send = (message: SessionMessage) => {
    if (ended) return;
    if (pageHost) void pageHost.handle(message);
    else worker?.postMessage(message);
  };
  const handle: SessionHandle = {
    cancel() {
      if (ended) return;
      send({ type: 'release' });
      deliver({ type: 'error', kind: 'cancelled', message: 'Cancelled. The run stopped and its GPU buffers were released.', recoverable: true });
    },
    pause: () => send({ type: 'pause' }),
    continueFor: (steps) => send({ type: 'continue', steps }),
    release() {
      send({ type: 'release' });
      ended = true;
      // No timer: the Worker answers `released` once it has freed the models and the device, and is terminated then
      // (it also closes itself). It always hears the message: a run gives the event loop a turn at least every
      // YIELD_EVERY_MS of training (kernels/train/loop.ts) and at every GPU wait.
    },
  };
  try {
    worker = new Worker(new URL('./training-worker.ts', import.meta.url), { type: 'module', name: `training ${request.experiment}` });
  } catch (error) {
    queueMicrotask(() => deliver(startFailure(error)));
    return handle;
  }
  const started = worker;
  started.addEventListener('message', (message: MessageEvent<WorkerReply>) => {
    if ('released' in message.data) {
      started.terminate();
      return;
    }
    const event = message.data.event;
    if (event.type === 'error' && event.kind === 'no-webgpu-in-worker') {
      started.terminate();
      worker = undefined;
      void import('./training-session')
        .then(({ createSessionHost }) => {
          pageHost = createSessionHost(deliver);
          return pageHost.handle({ type: 'start', request });
        })
        .catch((error: unknown) => deliver(startFailure(error)));
      return;
    }
    deliver(event);
  });
  started.addEventListener('error', (error) =>
    deliver({
      type: 'error',
      kind: 'unexpected',
      message: `The experiment's worker failed: ${error.message || 'its script did not load'}.`,
      recoverable: true,
    }),
  );
  started.postMessage({ type: 'start', request } satisfies SessionMessage);
  return handle;
}
