/** The page's side of a training session: release waits for the Worker to say it has freed the device, then ends it. */
import { afterEach, describe, expect, test, vi } from 'vitest';
import { startSession } from '../../../src/experiments/training-client';
import type { SessionMessage } from '../../../src/experiments/training-session';

/** A stand-in Worker that records what the page posts and whether it was terminated. */
class FakeWorker extends EventTarget {
  static last: FakeWorker | undefined;
  posted: SessionMessage[] = [];
  terminated = false;
  constructor() {
    super();
    FakeWorker.last = this;
  }
  postMessage(message: SessionMessage) {
    this.posted.push(message);
  }
  terminate() {
    this.terminated = true;
  }
  reply(data: unknown) {
    this.dispatchEvent(new MessageEvent('message', { data }));
  }
}

afterEach(() => vi.unstubAllGlobals());

describe('releasing a training session', () => {
  test('sends release, and terminates the Worker when it answers that it has freed everything, with no timer', () => {
    vi.stubGlobal('Worker', FakeWorker);
    const timers = vi.spyOn(globalThis, 'setTimeout');
    const events: unknown[] = [];
    const handle = startSession({ experiment: 'state-tracking', backend: 'cpu', params: {} }, (event) => events.push(event));
    const worker = FakeWorker.last!;
    expect(worker.posted.map((message) => message.type)).toEqual(['start']);
    worker.reply({ event: { type: 'done' } });
    expect(events).toEqual([{ type: 'done' }]);

    handle.release();
    expect(worker.posted.map((message) => message.type)).toEqual(['start', 'release']);
    expect(worker.terminated).toBe(false);
    expect(timers).not.toHaveBeenCalled();
    worker.reply({ released: true });
    expect(worker.terminated).toBe(true);
    // Nothing the Worker says after a release reaches the page.
    worker.reply({ event: { type: 'done' } });
    expect(events).toHaveLength(1);
    timers.mockRestore();
  });
});
