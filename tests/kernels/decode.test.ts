import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { decodeAttentionWork, decodePlan, kvStepWork, DECODE_KEYS_PER_SPLIT } from '../../kernels/attention/cost';
import { decodeAttention, prepareDecodeAttention, uploadDecodeInputs } from '../../kernels/attention/host';
import { attentionInputs, decodeAttentionReference } from '../../kernels/attention/reference';
import { prepareRnnDecodeStep, rnnDecodeStep, uploadRnnStep } from '../../kernels/rnn/decode-step';
import { rnnDecodeStepReference, rnnInputs } from '../../kernels/rnn/reference';
import { compareArrays, countDispatches, uniformArray, withResources, type GpuRuntime } from '../../kernels/runtime';
import { dawnRuntime } from '../support/dawn';

describe('the decode kernel plan (pure)', () => {
  test('covers every position with near-equal splits, none empty', () => {
    for (const [positions, keysPerSplit] of [
      [1, 512],
      [512, 512],
      [513, 512],
      [1000, 96],
      [65536, 512],
      [7, 1],
    ]) {
      const plan = decodePlan(positions!, keysPerSplit);
      expect(plan.keysPerSplit).toBeLessThanOrEqual(keysPerSplit!);
      expect(plan.splits * plan.keysPerSplit).toBeGreaterThanOrEqual(positions!);
      expect((plan.splits - 1) * plan.keysPerSplit).toBeLessThan(positions!);
    }
    expect(decodePlan(DECODE_KEYS_PER_SPLIT).splits).toBe(1);
    expect(decodePlan(DECODE_KEYS_PER_SPLIT + 1).splits).toBe(2);
  });

  test('refuses an empty cache with a sentence', () => {
    expect(() => decodePlan(0)).toThrow(/at least one cached position/);
    expect(() => decodePlan(10, 0)).toThrow(/positive integer/);
  });

  test('counts the chapter’s 4·p·d for one split, and the combine on top for several', () => {
    const shape = { positions: 300, keyDim: 32, valueDim: 32 };
    expect(decodeAttentionWork(shape, decodePlan(300)).flops).toBe(kvStepWork(300, 32).flops);
    expect(decodeAttentionWork(shape, decodePlan(300)).bytesRead).toBe(kvStepWork(300, 32).bytesRead);
    const split = decodePlan(300, 100);
    expect(decodeAttentionWork(shape, split).flops).toBe(kvStepWork(300, 32).flops + 2 * 3 * 32);
  });
});

let runtime: GpuRuntime;
beforeAll(async () => {
  runtime = await dawnRuntime();
});
afterAll(() => runtime?.destroy());

describe('the decode kernel on a real adapter (Dawn in Node)', () => {
  const prepared = (positions: number, keysPerSplit?: number) =>
    withResources(runtime, 'test/decode', undefined, async (scope) => {
      const shape = { positions, keyDim: 16, valueDim: 16 };
      const { q, k, v } = attentionInputs({ sequenceLength: positions, queries: 1, keyDim: 16, valueDim: 16 }, 7);
      const kernel = await prepareDecodeAttention(
        runtime,
        scope,
        shape,
        uploadDecodeInputs(scope, q, k, v, shape),
        keysPerSplit ? decodePlan(positions, keysPerSplit) : undefined,
      );
      return countDispatches(runtime.device, kernel);
    });

  test('records one dispatch for a cache that fits one split', async () => {
    expect(await prepared(1)).toBe(1);
    expect(await prepared(DECODE_KEYS_PER_SPLIT)).toBe(1);
  });

  test('records two dispatches, split and combine, for a longer cache', async () => {
    expect(await prepared(DECODE_KEYS_PER_SPLIT + 1)).toBe(2);
    expect(await prepared(40, 8)).toBe(2);
  });

  test('a split cache matches the reference', async () => {
    const shape = { positions: 777, keyDim: 24, valueDim: 70 };
    const { q, k, v } = attentionInputs({ sequenceLength: 777, queries: 1, keyDim: 24, valueDim: 70 }, 11);
    const result = await decodeAttention({ kind: 'webgpu', runtime }, q, k, v, shape, { plan: decodePlan(777, 100) });
    // Same reasoning as the kernel cases: f32 scores and a convex combination of values in [−1, 1].
    expect(compareArrays(decodeAttentionReference(q, k, v, shape), result.output, { abs: 2e-5, rel: 1e-4 }).passed).toBe(true);
  });
});

describe('the RNN decode step on a real adapter (Dawn in Node)', () => {
  const shape = { hidden: 70, input: 70 };
  const { weights, x } = rnnInputs(3, { steps: 1, ...shape });
  const h = uniformArray(9, shape.hidden);

  test('records one dispatch, input term included', async () => {
    const dispatches = await withResources(runtime, 'test/rnn-step', undefined, async (scope) =>
      countDispatches(runtime.device, await prepareRnnDecodeStep(runtime, scope, shape, uploadRnnStep(scope, weights, h, x, shape))),
    );
    expect(dispatches).toBe(1);
  });

  test('matches the forward pass reference from the same state', async () => {
    const result = await rnnDecodeStep({ kind: 'webgpu', runtime }, weights, h, x, shape);
    // One step of f32 sums of 140 products inside a tanh: the kernel cases' RNN tolerance.
    expect(compareArrays(rnnDecodeStepReference(weights, h, x, shape), result.output, { abs: 2e-5, rel: 1e-4 }).passed).toBe(true);
  });
});
