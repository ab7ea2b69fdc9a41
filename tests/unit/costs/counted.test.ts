/**
 * Each cost formula against a count taken from its CPU reference at small sizes: the
 * reference runs on arrays that count every element read, and the formula must give the
 * same number of multiply-adds (two FLOPs each) or of distinct bytes as the reference did.
 */
import { describe, expect, test } from 'vitest';
import { matmulFlops, weightFlopsPerToken } from '../../../kernels/matmul/cost';
import { matmulReference } from '../../../kernels/matmul/reference';
import { attentionFlops, attentionIoBytes, attentionMacs } from '../../../kernels/attention/cost';
import { attentionInputs, attentionReference } from '../../../kernels/attention/reference';
import { rnnForwardBytes, rnnForwardFlops } from '../../../kernels/rnn/cost';
import { rnnForwardReference, rnnInputs } from '../../../kernels/rnn/reference';
import { sequentialScanCount } from '../../../kernels/scan/cost';
import { linearRecurrenceReference } from '../../../kernels/scan/reference';
import { jacobianProductFlops } from '../../../kernels/gradient/cost';
import { gradientNormsReference } from '../../../kernels/gradient/reference';
import { normalArray, uniformArray } from '../../../kernels/runtime/prng';

/** A Float32Array that counts reads of its elements (all of them, and how many distinct). */
function counting(values: Float32Array): { array: Float32Array; reads: () => number; distinct: () => number } {
  let reads = 0;
  const seen = new Set<number>();
  const array = new Proxy(values, {
    get(target, key) {
      if (typeof key === 'string' && /^\d+$/.test(key)) {
        reads += 1;
        seen.add(Number(key));
        return target[Number(key)];
      }
      const value = Reflect.get(target, key, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  return { array, reads: () => reads, distinct: () => seen.size };
}

describe('cost formulas agree with the counts of their CPU references', () => {
  test('matmul: one multiply-add per read of A', () => {
    for (const shape of [
      { m: 3, n: 5, k: 7 },
      { m: 8, n: 2, k: 4 },
    ]) {
      const a = counting(uniformArray(1, shape.m * shape.k));
      matmulReference(a.array, uniformArray(2, shape.k * shape.n), shape);
      expect(matmulFlops(shape), JSON.stringify(shape)).toBe(2 * a.reads());
    }
  });

  test('attention: a multiply-add per read of K (scores) and of V (weighted sum), inputs and output counted once', () => {
    for (const shape of [
      { sequenceLength: 6, keyDim: 3, valueDim: 5 },
      { sequenceLength: 9, queries: 2, keyDim: 4, valueDim: 4 },
    ]) {
      const { q, k, v } = attentionInputs(shape, 7);
      const [qc, kc, vc] = [counting(q), counting(k), counting(v)];
      const out = attentionReference(qc.array, kc.array, vc.array, shape);
      expect(attentionFlops(shape), JSON.stringify(shape)).toBe(2 * (kc.reads() + vc.reads()));
      expect(attentionIoBytes(shape), JSON.stringify(shape)).toBe(4 * (qc.distinct() + kc.distinct() + vc.distinct() + out.length));
    }
  });

  test('RNN forward pass: a multiply-add per read of W_hh and W_xh; bytes are the distinct weights, bias and inputs, and the T + 1 states', () => {
    for (const shape of [
      { steps: 4, hidden: 3, input: 2 },
      { steps: 7, hidden: 5, input: 5 },
    ]) {
      const { weights, x } = rnnInputs(3, shape);
      const [wHh, wXh, bias, input] = [counting(weights.wHh), counting(weights.wXh), counting(weights.bias), counting(x)];
      const states = rnnForwardReference({ wHh: wHh.array, wXh: wXh.array, bias: bias.array }, input.array, shape);
      expect(rnnForwardFlops(shape), JSON.stringify(shape)).toBe(2 * (wHh.reads() + wXh.reads()));
      expect(rnnForwardBytes(shape), JSON.stringify(shape)).toBe(4 * (wHh.distinct() + wXh.distinct() + bias.distinct() + input.distinct() + states.length));
    }
  });

  test('sequential scan: a multiply-add per read of a; a and b each read once; h written once', () => {
    const shape = { length: 11, channels: 3 };
    const [a, b] = [counting(uniformArray(4, 33)), counting(uniformArray(5, 33))];
    const h = linearRecurrenceReference(a.array, b.array, shape);
    const count = sequentialScanCount(shape);
    expect(count.flops).toBe(2 * a.reads());
    expect(count.loads).toBe(a.reads() + b.reads());
    expect(count.stores).toBe(h.length);
  });

  test('Jacobian products: a multiply-add per read of W_hh, K products of d × d by d × d', () => {
    const shape = { steps: 6, hidden: 4, maxDistance: 5 };
    const wHh = counting(normalArray(6, 16, 0.5));
    gradientNormsReference(wHh.array, uniformArray(7, (shape.steps + 1) * shape.hidden), shape);
    expect(jacobianProductFlops(shape)).toBe(2 * wHh.reads());
  });
});

describe('derived counts read the same formulas', () => {
  test('attention multiply-adds are half its FLOPs: 2T²d at T queries, 2·T·w·d over a window of w keys', () => {
    expect(attentionMacs({ sequenceLength: 16, keyDim: 8, valueDim: 8 })).toBe(2 * 16 * 16 * 8);
    expect(attentionMacs({ sequenceLength: 4, queries: 16, keyDim: 8, valueDim: 8 })).toBe(2 * 16 * 4 * 8);
    expect(attentionFlops({ sequenceLength: 16, keyDim: 8, valueDim: 8 })).toBe(2 * attentionMacs({ sequenceLength: 16, keyDim: 8, valueDim: 8 }));
  });

  test('a dense layer applied to one token: two FLOPs per weight, as a 1 × k by k × n product', () => {
    expect(weightFlopsPerToken(12 * 34)).toBe(matmulFlops({ m: 1, n: 34, k: 12 }));
  });
});
