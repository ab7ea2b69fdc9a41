import { describe, expect, test } from 'vitest';
import { heldOutSeed, recallBatch, recallShape, sequenceLength, trainingSeed } from '../../kernels/train/task';
import {
  adamUpdate,
  attentionBackward,
  attentionForward,
  crossEntropy,
  embedBackward,
  embedForward,
  linearBackward,
  linearForward,
  lstmBackward,
  lstmForward,
  sinusoidalPositions,
} from '../../kernels/train/reference';
import {
  attentionCacheNumbers,
  initialParameters,
  lstmStateNumbers,
  matchWidths,
  modelLayout,
  modelPass,
  modelShape,
  parameterCount,
} from '../../kernels/train/models';
import { createTrainer, validateConfig, type TrainerConfig } from '../../kernels/train/host';
import { CPU_BACKEND } from '../../kernels/runtime/backend';
import { createRandom, normalArray } from '../../kernels/runtime/prng';
import { embeddingIndex } from '../../kernels/train/gpu';
import { AWKWARD_SHAPES, compareGradients } from './train-support';

describe('recall task', () => {
  const task = { pairs: 6, queries: 4, keys: 10, values: 5 };
  const data = recallBatch(task, 20, 7);

  test('every query asks for a key of its sequence, and its target is the value that followed that key', () => {
    const length = sequenceLength(task);
    for (let b = 0; b < data.batch; b++) {
      const row = b * length;
      const pairs = new Map<number, number>();
      for (let i = 0; i < task.pairs; i++) pairs.set(data.tokens[row + 2 * i]!, data.tokens[row + 2 * i + 1]! - task.keys);
      expect(pairs.size, 'keys in a sequence are distinct').toBe(task.pairs);
      const asked = new Set<number>();
      for (let t = 0; t < length; t++) {
        if (t < 2 * task.pairs) {
          expect(data.targets[row + t]).toBe(-1);
          continue;
        }
        const key = data.tokens[row + t]!;
        expect(pairs.get(key)).toBe(data.targets[row + t]);
        asked.add(key);
      }
      expect(asked.size, 'each query asks for a different key').toBe(task.queries);
    }
  });

  test('keys and values come from their own token ranges', () => {
    for (let i = 0; i < data.tokens.length; i++) {
      const t = i % data.length;
      const isValue = t < 2 * task.pairs && t % 2 === 1;
      expect(data.tokens[i]! >= (isValue ? task.keys : 0) && data.tokens[i]! < (isValue ? task.keys + task.values : task.keys)).toBe(true);
    }
  });

  test('the same seed gives the same batch; training and held-out streams differ', () => {
    expect(recallBatch(task, 20, 7).tokens).toEqual(data.tokens);
    expect(recallBatch(task, 20, trainingSeed(3, 1)).tokens).not.toEqual(recallBatch(task, 20, heldOutSeed(3, 0)).tokens);
    const seeds = new Set([...Array.from({ length: 500 }, (_, i) => trainingSeed(3, i + 1)), ...Array.from({ length: 500 }, (_, i) => heldOutSeed(3, i))]);
    expect(seeds.size).toBe(1000);
  });

  test('the embedding index lists, for each token, exactly the rows that used it (E) or the token before (S)', () => {
    const vocab = task.keys + task.values;
    const rows = data.batch * data.length;
    const index = embeddingIndex(data, vocab);
    const stride = vocab + 2 + rows;
    const tokenOf = [(row: number) => data.tokens[row]!, (row: number) => (row % data.length === 0 ? vocab : data.tokens[row - 1]!)];
    tokenOf.forEach((token, table) => {
      for (let v = 0; v <= vocab; v++) {
        const listed = Array.from(
          index.subarray(table * stride + vocab + 2 + index[table * stride + v]!, table * stride + vocab + 2 + index[table * stride + v + 1]!),
        );
        const expected = Array.from({ length: rows }, (_, row) => row).filter((row) => token(row) === v);
        expect(listed, `table ${table}, token ${v}`).toEqual(expected);
      }
    });
  });

  test('a task no sequence can be drawn from is refused with the reason', () => {
    expect(() => recallBatch({ ...task, queries: 7 }, 1, 1)).toThrow(/queries \(7\) cannot exceed pairs \(6\)/);
    expect(() => recallBatch({ ...task, pairs: 11 }, 1, 1)).toThrow(/pairs \(11\) cannot exceed keys \(10\)/);
    expect(() => recallBatch({ ...task, values: 1 }, 1, 1)).toThrow(/values to be a whole number ≥ 2/);
  });
});

/**
 * Central finite differences of L = Σ r·op(inputs) against an op's backward pass,
 * in float64: the references that the WGSL kernels are then checked against.
 */
function finiteDifferenceCheck(
  inputs: Float64Array[],
  forward: (inputs: Float64Array[]) => ArrayLike<number>,
  backward: (inputs: Float64Array[], r: Float64Array) => ArrayLike<number>[],
) {
  const output = forward(inputs);
  const r = Float64Array.from(normalArray(99, output.length));
  const loss = (values: Float64Array[]) => {
    const out = forward(values);
    let sum = 0;
    for (let i = 0; i < out.length; i++) sum += out[i]! * r[i]!;
    return sum;
  };
  const analytic = backward(inputs, r);
  const random = createRandom(5);
  const step = 1e-5;
  inputs.forEach((input, which) => {
    // Up to 25 elements per input, chosen at random: enough to catch an index error.
    for (let sample = 0; sample < Math.min(25, input.length); sample++) {
      const i = Math.floor(random() * input.length);
      const saved = input[i]!;
      input[i] = saved + step;
      const up = loss(inputs);
      input[i] = saved - step;
      const down = loss(inputs);
      input[i] = saved;
      const numeric = (up - down) / (2 * step);
      // Float64 central differences: truncation ~h² and rounding ~1e-16/h, both far below 1e-6.
      expect(Math.abs(numeric - analytic[which]![i]!), `input ${which}, element ${i}`).toBeLessThan(1e-7 + 1e-6 * Math.abs(numeric));
    }
  });
}

const randomInput = (seed: number, count: number, deviation = 1) => Float64Array.from(normalArray(seed, count, deviation));

describe('float64 references pass finite-difference gradient checks on awkward shapes', () => {
  test.each([
    [3, 5, 7],
    [1, 1, 1],
    [13, 9, 2],
  ])('linear layer, %i rows, %i inputs, %i outputs', (rows, inputs, outputs) => {
    finiteDifferenceCheck(
      [randomInput(1, rows * inputs), randomInput(2, outputs * inputs), randomInput(3, outputs)],
      ([x, W, b]) => linearForward(x!, rows, inputs, W!, b!, outputs),
      ([x, W], dy) => {
        const { dx, dW, db } = linearBackward(x!, dy, rows, inputs, W!, outputs);
        return [dx, dW, db];
      },
    );
  });

  test('embedding with the token shift: gradients of both tables', () => {
    const data = recallBatch({ pairs: 3, queries: 2, keys: 4, values: 3 }, 3, 4);
    const [vocab, d] = [7, 5];
    finiteDifferenceCheck(
      [randomInput(1, vocab * d), randomInput(2, (vocab + 1) * d)],
      ([E, S]) => embedForward(data.tokens, data.batch, data.length, vocab, E!, S!, sinusoidalPositions(data.length, d), d),
      (_, dx) => {
        const { dE, dS } = embedBackward(data.tokens, data.batch, data.length, vocab, dx, d);
        return [dE, dS];
      },
    );
  });

  test.each([
    [2, 7, 3],
    [1, 1, 1],
    [3, 4, 6],
  ])('LSTM over time (BPTT), batch %i, length %i, hidden %i', (batch, length, h) => {
    finiteDifferenceCheck(
      [randomInput(1, batch * length * 4 * h), randomInput(2, 4 * h * h, 0.7)],
      ([preX, U]) => lstmForward(preX!, batch, length, h, U!).H,
      ([preX, U], dH) => {
        const { dZ, dU } = lstmBackward(dH, lstmForward(preX!, batch, length, h, U!), batch, length, h, U!);
        return [dZ, dU];
      },
    );
  });

  test.each([
    [2, 5, 6, 2],
    [1, 1, 1, 1],
    [3, 7, 9, 3],
  ])('causal attention, batch %i, length %i, width %i, %i heads', (batch, length, d, heads) => {
    finiteDifferenceCheck(
      [randomInput(1, batch * length * 3 * d)],
      ([qkv]) => attentionForward(qkv!, batch, length, d, heads).out,
      ([qkv], dOut) => [attentionBackward(qkv!, attentionForward(qkv!, batch, length, d, heads).probs, dOut, batch, length, d, heads)],
    );
  });

  test('causal attention puts no weight on later positions', () => {
    const { probs } = attentionForward(randomInput(1, 2 * 6 * 3 * 4), 2, 6, 4, 2);
    for (let row = 0; row < 2 * 2 * 6; row++) {
      const t = row % 6;
      const weights = Array.from(probs.subarray(row * 6, row * 6 + 6));
      expect(weights.slice(t + 1).every((p) => p === 0)).toBe(true);
      expect(weights.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    }
  });

  test('softmax cross-entropy counts only the answer positions', () => {
    const targets = Int32Array.from([-1, 2, -1, 0, 1]);
    const [rows, classes] = [5, 3];
    const logits = randomInput(4, rows * classes);
    const { dLogits, counted } = crossEntropy(logits, targets, rows, classes);
    expect(counted).toBe(3);
    expect(Array.from(dLogits.subarray(0, 3))).toEqual([0, 0, 0]);
    finiteDifferenceCheck(
      [logits],
      ([values]) => [crossEntropy(values!, targets, rows, classes).loss],
      ([values], r) => [crossEntropy(values!, targets, rows, classes).dLogits.map((g) => g * r[0]!)],
    );
  });

  test('one Adam step by hand: the first step moves each parameter by the learning rate against its gradient sign', () => {
    const params = Float64Array.from([1, -2, 0.5]);
    const grads = Float64Array.from([0.3, -4, 0]);
    adamUpdate(params, grads, new Float64Array(3), new Float64Array(3), 1, { learningRate: 0.1, beta1: 0.9, beta2: 0.999, epsilon: 1e-8 });
    // m̂ = g and v̂ = g² after one step, so the update is lr·g/(|g| + ε).
    expect(params[0]).toBeCloseTo(0.9, 6);
    expect(params[1]).toBeCloseTo(-1.9, 6);
    expect(params[2]).toBe(0.5);
  });
});

describe('whole models', () => {
  test.each(AWKWARD_SHAPES.flatMap((shape) => (['lstm', 'attention'] as const).map((kind) => [kind, shape.name, shape] as const)))(
    '%s gradient passes a finite-difference check on every tensor at %s',
    (kind, _name, shape) => {
      const layout = modelLayout(modelShape(kind, recallShape(shape.task), kind === 'lstm' ? shape.lstmWidth : shape.attentionWidth, shape.heads));
      const params = initialParameters(layout, 3);
      const data = recallBatch(shape.task, shape.batch, 8);
      const { grads } = modelPass(layout, params, data, true);
      const numeric = new Float64Array(layout.flatLength);
      const random = createRandom(6);
      const step = 1e-5;
      for (const slot of Object.values(layout.tensors)) {
        for (let sample = 0; sample < Math.min(6, slot.size); sample++) {
          const i = slot.offset + Math.floor(random() * slot.size);
          const saved = params[i]!;
          params[i] = saved + step;
          const up = modelPass(layout, params, data, false).loss;
          params[i] = saved - step;
          const down = modelPass(layout, params, data, false).loss;
          params[i] = saved;
          numeric[i] = (up - down) / (2 * step);
        }
      }
      // Only the sampled elements are compared: elsewhere `numeric` is 0, so use the analytic value there.
      const sampled = grads!.map((g, i) => (numeric[i] === 0 ? g : numeric[i]!));
      // Float64 central differences of a mean over the answers: agreement to 1e-6 relative.
      expect(compareGradients(layout, sampled, grads!, { abs: 1e-8, rel: 1e-6 })).toEqual([]);
    },
    60_000,
  );

  const TASK = { keys: 16, values: 8 };
  const SHAPE = recallShape(TASK);
  const CONFIG: TrainerConfig = { shape: SHAPE, lstmWidth: 16, heads: 2, learningRate: 0.02, seed: 1 };

  test('parameter counts follow from the tensor shapes', () => {
    const [V, C, h, d] = [TASK.keys + TASK.values, TASK.values, 32, 40];
    // Embedding and shift tables, then LSTM: Wx, b, U; attention: Wqkv, bqkv, Wo, bo; readout W, b.
    expect(parameterCount('lstm', SHAPE, h)).toBe(V * h + (V + 1) * h + 4 * h * h + 4 * h + 4 * h * h + C * h + C);
    expect(parameterCount('attention', SHAPE, d, 2)).toBe(V * d + (V + 1) * d + 3 * d * d + 3 * d + d * d + d + C * d + C);
  });

  test.each([8, 9, 16, 24, 32, 48, 64, 96])('matched widths are within 10 percent of each other at LSTM width %i', (width) => {
    // The running sum's models have one head: with two, the width's step is too coarse for m tokens at some widths (h = 8, 11).
    for (const [shape, headCounts] of [
      [SHAPE, [1, 2]],
      [{ vocab: 2, classes: 2 }, [1]],
      [{ vocab: 5, classes: 5 }, [1]],
    ] as const) {
      for (const heads of headCounts) {
        const matched = matchWidths(shape, width, heads);
        expect(matched.attention.width % heads).toBe(0);
        expect(matched.relativeDifference).toBeLessThan(0.1);
        expect(matched.withinTenPercent).toBe(true);
        expect(matched.lstm.parameters).toBe(parameterCount('lstm', shape, width));
      }
    }
  });

  test('below width 8 the counts cannot always be matched, and a trainer refuses such a width', () => {
    expect(matchWidths(recallShape({ keys: 32, values: 16 }), 4, 2).withinTenPercent).toBe(false);
    expect(() => validateConfig({ ...CONFIG, lstmWidth: 4 })).toThrow(/LSTM width must be a whole number ≥ 8/);
  });

  test('the state the LSTM carries against the attention cache', () => {
    expect(lstmStateNumbers(32)).toBe(64);
    // 2N tokens, each with a key and a value of width d.
    expect(attentionCacheNumbers(8, 46)).toBe(2 * 16 * 46);
  });

  test('bad configurations are refused with a readable reason', () => {
    expect(() => validateConfig({ ...CONFIG, heads: 3 })).toThrow(/1 or 2 heads/);
    expect(() => validateConfig({ ...CONFIG, shape: { vocab: 4, classes: 1 } })).toThrow(/answer classes must be a whole number/);
    expect(() => validateConfig({ ...CONFIG, learningRate: -1 })).toThrow(/learning rate/);
    expect(() => modelLayout(modelShape('attention', SHAPE, 9, 2))).toThrow(/multiple of the number of heads/);
  });
});

describe('the CPU training path', () => {
  const task = { pairs: 4, queries: 4, keys: 8, values: 6 };
  const config: TrainerConfig = { shape: recallShape(task), lstmWidth: 12, heads: 2, learningRate: 0.01, seed: 1 };
  const heldOut = recallBatch(task, 64, heldOutSeed(1, 0));

  test('a few steps from a fixed seed lower the held-out loss of both models', async () => {
    const trainer = await createTrainer(CPU_BACKEND, config);
    const before = await trainer.evaluate(heldOut);
    for (let step = 1; step <= 40; step++) await trainer.step(recallBatch(task, 16, trainingSeed(1, step)));
    const after = await trainer.evaluate(heldOut);
    expect(trainer.steps).toBe(40);
    expect(after.lstm.loss).toBeLessThan(before.lstm.loss);
    expect(after.attention.loss).toBeLessThan(before.attention.loss);
    expect(after.lstm.counted).toBe(64 * 4);
  }, 60_000);

  test('attention weights sum to 1 per head and query, and answers cover every position', async () => {
    const trainer = await createTrainer(CPU_BACKEND, config);
    const example = recallBatch({ ...task, pairs: 5 }, 1, heldOutSeed(1, 9));
    const weights = await trainer.attentionWeights(example);
    const answers = await trainer.evaluate(example);
    const length = sequenceLength({ pairs: 5, queries: 4 });
    expect(answers.lstm.answers.length).toBe(length);
    expect(weights.length).toBe(config.heads * length * length);
    for (let row = 0; row < config.heads * length; row++) {
      expect(Array.from(weights.subarray(row * length, (row + 1) * length)).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 10);
    }
  });

  test('a batch with tokens the models cannot read is refused with a reason', async () => {
    const trainer = await createTrainer(CPU_BACKEND, config);
    const bad = recallBatch(task, 2, 1);
    bad.tokens[0] = 99;
    await expect(trainer.step(bad)).rejects.toThrow(/Every token must be between 0 and 13/);
  });
});
