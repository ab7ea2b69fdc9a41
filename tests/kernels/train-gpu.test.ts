/**
 * The training kernels on a real WebGPU adapter in Node (Dawn; SwiftShader on a
 * machine without a GPU). No adapter is a failure, never a skip.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Backend, GpuRuntime } from '../../kernels/runtime';
import { CPU_BACKEND } from '../../kernels/runtime/backend';
import { createCpuModelTrainer, createGpuModelTrainer, createTrainer, type ModelTrainer, type TrainerConfig } from '../../kernels/train/host';
import { initialParameters, modelLayout, modelShape, type ModelKind } from '../../kernels/train/models';
import { ADAM_DEFAULTS } from '../../kernels/train/reference';
import { heldOutSeed, recallBatch, recallShape, trainingSeed } from '../../kernels/train/task';
import { runningSumBatch, runningSumShape } from '../../kernels/train/running-sum';
import { dawnRuntime } from '../support/dawn';
import { AWKWARD_SHAPES, compareGradients, unitAlong } from './train-support';

let runtime: GpuRuntime;
let gpu: Backend;

beforeAll(async () => {
  runtime = await dawnRuntime();
  gpu = { kind: 'webgpu', runtime };
});

afterAll(() => runtime?.destroy());

const adam = { ...ADAM_DEFAULTS, learningRate: 0.01 };

test('a WebGPU adapter is available in Node', () => {
  expect(runtime, 'No WebGPU adapter from Dawn: install libvulkan1 and Chromium’s SwiftShader ICD (see tests/support/dawn.ts).').toBeDefined();
  expect(runtime.adapter.vendor).not.toBe('');
});

async function bothTrainers(kind: ModelKind, shape: (typeof AWKWARD_SHAPES)[number]): Promise<[ModelTrainer, ModelTrainer]> {
  const layout = modelLayout(modelShape(kind, recallShape(shape.task), kind === 'lstm' ? shape.lstmWidth : shape.attentionWidth, shape.heads));
  const initial = initialParameters(layout, 3);
  return [await createGpuModelTrainer(runtime, layout, initial, adam), createCpuModelTrainer(layout, initial, adam)];
}

describe('every backward kernel against its float64 reference, on awkward shapes', () => {
  test.each(AWKWARD_SHAPES.flatMap((shape) => (['lstm', 'attention'] as const).map((kind) => [kind, shape.name, shape] as const)))(
    '%s gradients at %s',
    async (kind, _name, shape) => {
      const [onGpu, onCpu] = await bothTrainers(kind, shape);
      const data = recallBatch(shape.task, shape.batch, 8);
      const [fromGpu, reference] = [await onGpu.gradients(data), await onCpu.gradients(data)];
      onGpu.dispose();
      // f32 sums of at most a few thousand terms of size ≤ 1 (rounding ~1e-7 each, growing like √n), against float64.
      expect(Math.abs(fromGpu.loss - reference.loss)).toBeLessThan(1e-5 * (1 + reference.loss));
      expect(compareGradients(onGpu.layout, reference.grads, fromGpu.grads, { abs: 2e-5, rel: 1e-3 })).toEqual([]);
    },
    120_000,
  );

  test.each(['lstm', 'attention'] as const)('%s: the WebGPU gradient passes a directional finite-difference check of the WebGPU loss', async (kind) => {
    const shape = AWKWARD_SHAPES[0]!;
    const [onGpu] = await bothTrainers(kind, shape);
    const data = recallBatch(shape.task, shape.batch, 8);
    const params = await onGpu.parameters();
    const { grads } = await onGpu.gradients(data);
    const direction = unitAlong(grads);
    let expected = 0;
    for (let i = 0; i < grads.length; i++) expected += grads[i]! * direction[i]!;
    const step = 1e-2;
    const lossAt = async (sign: number) => {
      onGpu.loadParameters(params.map((p, i) => p + sign * step * direction[i]!));
      return (await onGpu.forward(data)).loss;
    };
    const numeric = ((await lossAt(1)) - (await lossAt(-1))) / (2 * step);
    onGpu.dispose();
    // f32 losses carry ~1e-6 absolute error, so a step of 1e-2 leaves ~1e-4 in the difference; curvature adds ~h².
    expect(Math.abs(numeric - expected)).toBeLessThan(2e-3 + 1e-2 * Math.abs(expected));
  });
});

describe('training on WebGPU', () => {
  const task = { pairs: 4, queries: 4, keys: 8, values: 6 };
  const config: TrainerConfig = { shape: recallShape(task), lstmWidth: 12, heads: 2, learningRate: 0.01, seed: 1 };

  test('WebGPU and the CPU path agree on the first step’s loss and gradients at the same seed', async () => {
    const [onGpu, onCpu] = [await createTrainer(gpu, config), await createTrainer(CPU_BACKEND, config)];
    const data = recallBatch(task, 16, trainingSeed(config.seed, 1));
    for (const kind of ['lstm', 'attention'] as const) {
      const [a, b] = [await onGpu.models[kind].gradients(data), await onCpu.models[kind].gradients(data)];
      // Same tolerance and reason as the kernel checks above: f32 against float64.
      expect(Math.abs(a.loss - b.loss)).toBeLessThan(1e-5 * (1 + b.loss));
      expect(compareGradients(onGpu.models[kind].layout, b.grads, a.grads, { abs: 2e-5, rel: 1e-3 })).toEqual([]);
    }
    const [gpuStep, cpuStep] = [await onGpu.step(data), await onCpu.step(data)];
    expect(gpuStep.lstm.loss).toBeCloseTo(cpuStep.lstm.loss, 4);
    expect(gpuStep.attention.loss).toBeCloseTo(cpuStep.attention.loss, 4);
    onGpu.dispose();
  }, 60_000);

  test('a few steps from a fixed seed lower the held-out loss of both models', async () => {
    const trainer = await createTrainer(gpu, config);
    const heldOut = recallBatch(task, 64, heldOutSeed(1, 0));
    const before = await trainer.evaluate(heldOut);
    for (let step = 1; step <= 40; step++) await trainer.step(recallBatch(task, 16, trainingSeed(1, step)));
    const after = await trainer.evaluate(heldOut);
    trainer.dispose();
    expect(after.lstm.loss).toBeLessThan(before.lstm.loss);
    expect(after.attention.loss).toBeLessThan(before.attention.loss);
  }, 60_000);

  test('evaluation at more pairs than trained on, and attention weights that sum to 1', async () => {
    const trainer = await createTrainer(gpu, config);
    const wider = await trainer.evaluate(recallBatch({ ...task, pairs: 7 }, 64, heldOutSeed(1, 1)));
    expect(wider.lstm.accuracy).toBeGreaterThanOrEqual(0);
    expect(wider.attention.accuracy).toBeLessThanOrEqual(1);
    const example = recallBatch({ ...task, pairs: 6 }, 1, heldOutSeed(1, 2));
    const weights = await trainer.attentionWeights(example);
    const length = 2 * 6 + 4;
    expect(weights.length).toBe(config.heads * length * length);
    for (let row = 0; row < config.heads * length; row++) {
      expect(Array.from(weights.subarray(row * length, (row + 1) * length)).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
    }
    trainer.dispose();
  }, 60_000);

  test('state tracking runs on the same kernels: WebGPU and the CPU path agree on the running sum’s gradients', async () => {
    const parity: TrainerConfig = { shape: runningSumShape(3), lstmWidth: 9, heads: 1, learningRate: 0.01, seed: 2 };
    const [onGpu, onCpu] = [await createTrainer(gpu, parity), await createTrainer(CPU_BACKEND, parity)];
    const data = runningSumBatch({ modulus: 3, length: 13 }, 5, 4);
    for (const kind of ['lstm', 'attention'] as const) {
      const [a, b] = [await onGpu.models[kind].gradients(data), await onCpu.models[kind].gradients(data)];
      expect(Math.abs(a.loss - b.loss)).toBeLessThan(1e-5 * (1 + b.loss));
      expect(compareGradients(onGpu.models[kind].layout, b.grads, a.grads, { abs: 2e-5, rel: 1e-3 })).toEqual([]);
    }
    onGpu.dispose();
  }, 60_000);
});
