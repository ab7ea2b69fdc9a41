/** The one training loop: exactly the evaluations it promises, loss points, pause and continue, on a fake trainer and on the CPU path. */
import { describe, expect, test } from 'vitest';
import { spreadSteps, trainSteps, type LoopOptions } from '../../kernels/train/loop';
import { createTrainer, type Trainer } from '../../kernels/train/host';
import { runningSumBatch, runningSumShape } from '../../kernels/train/running-sum';
import { trainingSeed, type TokenBatch } from '../../kernels/train/task';
import { CPU_BACKEND } from '../../kernels/runtime/backend';

/** A trainer that only counts: its loss is 1/step, so the loop's means can be checked. */
function countingTrainer(): Trainer & { batches: number[] } {
  let steps = 0;
  const batches: number[] = [];
  return {
    batches,
    get steps() {
      return steps;
    },
    async step(data: TokenBatch) {
      steps++;
      batches.push(data.batch);
      const result = { step: steps, loss: 1 / steps, accuracy: 0.5 };
      return { lstm: result, attention: result };
    },
  } as unknown as Trainer & { batches: number[] };
}

const options = (overrides: Partial<LoopOptions>): LoopOptions => ({
  steps: 150,
  evaluations: 10,
  lossPoints: 100,
  batch: (step) => ({ batch: step, length: 1, answers: 1, tokens: new Int32Array(step), targets: new Int32Array(step) }),
  onLoss: () => {},
  onEvaluate: async () => {},
  ...overrides,
});

describe('spreadSteps', () => {
  test.each([10, 15, 25, 100, 150, 151, 300, 2000])('ten distinct evaluation steps in a run of %i steps, the last at its end', (steps) => {
    const chosen = spreadSteps(0, steps, 10);
    expect(chosen).toHaveLength(10);
    expect(new Set(chosen).size).toBe(10);
    expect(chosen.at(-1)).toBe(steps);
    expect(chosen[0]).toBeGreaterThan(0);
  });

  test('a run shorter than the count evaluates at every step, and a continued run counts on from where it was', () => {
    expect(spreadSteps(0, 3, 10)).toEqual([1, 2, 3]);
    expect(spreadSteps(150, 50, 10)).toEqual([155, 160, 165, 170, 175, 180, 185, 190, 195, 200]);
  });
});

describe('trainSteps', () => {
  test('150 steps evaluate exactly ten times (the old schedule evaluated at multiples of lcm(2, 15): five)', async () => {
    const evaluated: number[] = [];
    const trainer = countingTrainer();
    await trainSteps(trainer, options({ onEvaluate: async (step) => void evaluated.push(step) }));
    expect(evaluated).toEqual([15, 30, 45, 60, 75, 90, 105, 120, 135, 150]);
  });

  test('loss points average the steps since the last one, and every evaluation step has one', async () => {
    const points: Array<{ step: number; loss: number }> = [];
    await trainSteps(
      countingTrainer(),
      options({ steps: 6, lossPoints: 2, evaluations: 3, onLoss: ({ step, loss }) => points.push({ step, loss: loss.lstm }) }),
    );
    expect(points.map((point) => point.step)).toEqual([2, 3, 4, 6]);
    expect(points[0]!.loss).toBeCloseTo((1 + 1 / 2) / 2, 12);
    expect(points[3]!.loss).toBeCloseTo((1 / 5 + 1 / 6) / 2, 12);
  });

  test('a pause stops between steps and keeps the count; continuing goes on from there with global step numbers', async () => {
    const trainer = countingTrainer();
    let pauseAfter = 40;
    const first = await trainSteps(trainer, options({ steps: 100, shouldPause: () => trainer.steps >= pauseAfter }));
    expect(first).toEqual({ from: 0, to: 40, paused: true });
    pauseAfter = Infinity;
    const evaluated: number[] = [];
    const second = await trainSteps(trainer, options({ steps: 50, onEvaluate: async (step) => void evaluated.push(step) }));
    expect(second).toEqual({ from: 40, to: 90, paused: false });
    expect(evaluated).toHaveLength(10);
    expect(evaluated.at(-1)).toBe(90);
    // Batches are asked for by global step, so a continued run never repeats a batch.
    expect(trainer.batches.slice(38, 42)).toEqual([39, 40, 41, 42]);
  });

  test('an aborted signal stops the run with a cancellation', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(trainSteps(countingTrainer(), options({ signal: controller.signal }))).rejects.toThrow(/cancel/i);
  });

  test('on the CPU path, a continued trainer keeps its models: the loss goes on falling from where it stopped', async () => {
    const trainer = await createTrainer(CPU_BACKEND, { shape: runningSumShape(2), lstmWidth: 8, heads: 1, learningRate: 0.02, seed: 1 });
    const batch = (step: number) => runningSumBatch({ modulus: 2, length: 6 }, 8, trainingSeed(1, step));
    const losses: number[] = [];
    const run = (steps: number) =>
      trainSteps(trainer, options({ steps, lossPoints: 1, evaluations: 1, batch, onLoss: ({ loss }) => void losses.push(loss.lstm) }));
    await run(30);
    await run(30);
    expect(trainer.steps).toBe(60);
    expect(losses).toHaveLength(2);
    expect(losses[1]).toBeLessThan(losses[0]!);
  }, 60_000);
});
