/** The training session host on the CPU path: start, continue the same models, pause between steps, release. */
import { describe, expect, test } from 'vitest';
import { createSessionHost, type SessionEvent } from '../../../src/experiments/training-session';
import type { ExperimentRow } from '../../../src/experiments/shared/definition';

function recorder() {
  const events: SessionEvent[] = [];
  const rows = () => events.flatMap((event) => (event.type === 'row' ? [event.row as ExperimentRow & { measure: string; step?: number }] : []));
  return { events, rows, emit: (event: SessionEvent) => void events.push(event) };
}

const request = (steps: number) => ({
  experiment: 'state-tracking' as const,
  backend: 'cpu' as const,
  params: { length: 3, modulus: 2, lstmWidth: 8, steps, learningRate: 0.02, seed: 1 },
});

describe('a training session', () => {
  test('continue trains the same models on from the step reached, and evaluates ten more times', async () => {
    const { events, rows, emit } = recorder();
    const host = createSessionHost(emit);
    await host.handle({ type: 'start', request: request(20) });
    expect(events.at(-1)).toEqual({ type: 'done' });
    await host.handle({ type: 'continue', steps: 30 });
    expect(events.at(-1)).toEqual({ type: 'done' });
    const evaluations = [
      ...new Set(
        rows()
          .filter((row) => row.measure === 'held-out')
          .map((row) => row.step),
      ),
    ];
    expect(evaluations).toEqual([2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 23, 26, 29, 32, 35, 38, 41, 44, 47, 50]);
    // The models are described once; the final accuracies are read after each run.
    expect(rows().filter((row) => row.measure === 'model')).toHaveLength(2);
    expect([
      ...new Set(
        rows()
          .filter((row) => row.measure === 'length')
          .map((row) => row.step),
      ),
    ]).toEqual([20, 50]);
    await host.handle({ type: 'release' });
  }, 60_000);

  test('pause ends the run between steps and keeps the models; after release, continue says they are gone', async () => {
    const { events, rows, emit } = recorder();
    const host = createSessionHost(emit);
    let steps = 0;
    const paused = host.handle({ type: 'start', request: request(10_000) });
    // Pause once the first loss point shows the run is under way.
    await expect.poll(() => ((steps = rows().filter((row) => row.measure === 'training').length), steps), { timeout: 30_000 }).toBeGreaterThan(0);
    await host.handle({ type: 'pause' });
    await paused;
    expect(events.at(-1)?.type).toBe('paused');
    const reached = Math.max(
      ...rows()
        .filter((row) => row.measure === 'length')
        .map((row) => row.step!),
    );
    expect(reached).toBeLessThan(10_000);
    await host.handle({ type: 'continue', steps: 4 });
    expect(
      Math.max(
        ...rows()
          .filter((row) => row.measure === 'length')
          .map((row) => row.step!),
      ),
    ).toBe(reached + 4);
    await host.handle({ type: 'release' });
    await host.handle({ type: 'continue', steps: 4 });
    expect(events.at(-1)).toMatchObject({ type: 'error', kind: 'released' });
  }, 60_000);
});
