import { describe, expect, test } from 'vitest';
import { matmulReference } from '../../kernels/matmul/reference';
import { matmulFlops } from '../../kernels/matmul/cost';
import {
  attentionInputs,
  attentionReference,
  attentionWeightsReference,
  materialisedAttentionReference,
  scoreMatrixBytes,
} from '../../kernels/attention/reference';
import { planFlashAttention } from '../../kernels/flash/reference';
import { flashAttentionBytes, flashTraffic, materialisedTraffic } from '../../kernels/flash/cost';
import { rnnForwardReference, rnnInputs } from '../../kernels/rnn/reference';
import { forgetGateLog10ProductsReference, gradientNormsReference, largestSingularValue } from '../../kernels/gradient/reference';
import { chunkedScanReference, linearRecurrenceReference, planChunkedScan } from '../../kernels/scan/reference';
import { chunkedScanCount, scanDepth, sequentialScanCount } from '../../kernels/scan/cost';
import { adapterClass, parallelLanes, ASSUMED_GPU_LANES } from '../../kernels/runtime/adapter-class';
import { compareArrays, formatMismatches } from '../../kernels/runtime/compare';
import { createRandom, deriveSeed, normalArray, uniformArray } from '../../kernels/runtime/prng';
import { largestFitting, packUniform, workgroupGrid } from '../../kernels/runtime/device';
import { largestMaterialisedSequence } from '../../kernels/attention/host';
import { persistentHiddenCapacity } from '../../kernels/rnn/host';

const f32 = (values: number[]) => Float32Array.from(values);

describe('matmul reference', () => {
  test('a 2×3 by 3×2 product, by hand', () => {
    // [1 2 3; 4 5 6] · [7 8; 9 10; 11 12] = [58 64; 139 154]
    expect(Array.from(matmulReference(f32([1, 2, 3, 4, 5, 6]), f32([7, 8, 9, 10, 11, 12]), { m: 2, n: 2, k: 3 }))).toEqual([58, 64, 139, 154]);
  });

  test('transposed B and alpha', () => {
    // B stored as N×K = [7 9 11; 8 10 12] is the same matrix as above, transposed.
    const c = matmulReference(f32([1, 2, 3, 4, 5, 6]), f32([7, 9, 11, 8, 10, 12]), { m: 2, n: 2, k: 3, transposeB: true, alpha: 0.5 });
    expect(Array.from(c)).toEqual([29, 32, 69.5, 77]);
    expect(matmulFlops({ m: 2, n: 2, k: 3 })).toBe(24);
  });
});

describe('attention reference', () => {
  test('one position attends only to itself', () => {
    expect(Array.from(attentionReference(f32([0.3]), f32([5]), f32([7, -2]), { sequenceLength: 1, keyDim: 1, valueDim: 2 }))).toEqual([7, -2]);
  });

  test('two positions, by hand', () => {
    // d_k = 1, q = k = [0, ln 3]: scores row 1 = [0, ln 3·ln 3]; with equal keys the weights are uniform.
    const out = attentionReference(f32([1, 1]), f32([0, 0]), f32([2, 4]), { sequenceLength: 2, keyDim: 1, valueDim: 1 });
    expect(Array.from(out)).toEqual([3, 3]);
    // Scores 0 and ln 3 give weights 1/4 and 3/4.
    const skewed = attentionReference(f32([1, 1]), f32([0, Math.log(3)]), f32([2, 4]), { sequenceLength: 2, keyDim: 1, valueDim: 1 });
    expect(skewed[0]).toBeCloseTo(0.25 * 2 + 0.75 * 4, 6);
  });

  test('the causal mask hides later positions', () => {
    const out = attentionReference(f32([1, 1]), f32([0, 100]), f32([2, 4]), { sequenceLength: 2, keyDim: 1, valueDim: 1, causal: true });
    expect(out[0]).toBe(2);
    expect(out[1]).toBeCloseTo(4, 6);
  });

  test('the materialising CPU path equals the row-wise reference and holds exactly 4·T² bytes of scores', () => {
    for (const shape of [
      { sequenceLength: 37, keyDim: 20, valueDim: 12 },
      { sequenceLength: 65, keyDim: 16, valueDim: 16, causal: true },
    ]) {
      const { q, k, v } = attentionInputs(shape, 5);
      const { output, scoreBytes } = materialisedAttentionReference(q, k, v, shape);
      expect(scoreBytes).toBe(4 * shape.sequenceLength ** 2);
      expect(compareArrays(attentionReference(q, k, v, shape), output, { abs: 1e-6, rel: 1e-5 }).passed).toBe(true);
    }
  });

  test('memory: 4·T² bytes of scores against O(T·d) for flash', () => {
    expect(scoreMatrixBytes(4096)).toBe(67_108_864);
    const shape = { sequenceLength: 4096, keyDim: 64, valueDim: 64 };
    expect(flashAttentionBytes(shape)).toBe(4 * 4 * 4096 * 64);
    expect((scoreMatrixBytes(4096) + flashAttentionBytes(shape)) / flashAttentionBytes(shape)).toBeGreaterThanOrEqual(16);
    expect(largestMaterialisedSequence({ maxBufferSize: 268_435_456, maxStorageBufferBindingSize: 134_217_728 })).toBe(5792);
  });
});

describe('RNN reference', () => {
  test('one step by hand', () => {
    const weights = { wHh: f32([0.5]), wXh: f32([2]), bias: f32([0.1]) };
    const states = rnnForwardReference(weights, f32([0.3, -1]), { steps: 2, hidden: 1, input: 1 });
    const h1 = Math.tanh(0.1 + 2 * 0.3);
    expect(states[0]).toBe(0);
    expect(states[1]).toBeCloseTo(h1, 6);
    expect(states[2]).toBeCloseTo(Math.tanh(0.5 * h1 + 0.1 - 2), 6);
  });

  test('seeded inputs are deterministic', () => {
    const shape = { steps: 4, hidden: 3, input: 2 };
    expect(rnnInputs(7, shape)).toEqual(rnnInputs(7, shape));
    expect(rnnInputs(7, shape).x).not.toEqual(rnnInputs(8, shape).x);
  });
});

describe('gradient references', () => {
  test('a scalar RNN: |∂h_T/∂h_{T−k}| is the product of w·(1 − h_t²)', () => {
    const weights = { wHh: f32([0.8]), wXh: f32([1]), bias: f32([0]) };
    const x = f32([0.5, -0.2, 0.1]);
    const states = rnnForwardReference(weights, x, { steps: 3, hidden: 1, input: 1 });
    const { norms } = gradientNormsReference(weights.wHh, states, { steps: 3, hidden: 1, maxDistance: 3 });
    let product = 1;
    for (let k = 1; k <= 3; k++) {
      const h = states[3 - k + 1]!;
      product *= weights.wHh[0]! * (1 - h * h);
      expect(norms[k - 1]).toBeCloseTo(product, 10);
    }
  });

  test('norms fall with distance when the spectral radius is below 1', () => {
    const shape = { steps: 60, hidden: 12, input: 3 };
    const { weights, x } = rnnInputs(3, shape, 0.5);
    const { log10Norms } = gradientNormsReference(weights.wHh, rnnForwardReference(weights, x, shape), { steps: 60, hidden: 12, maxDistance: 60 });
    expect(log10Norms[59]!).toBeLessThan(log10Norms[0]! - 10);
  });

  test('the forget-gate product at f = 0.99, k = 500', () => {
    // The gates are f32, so f is 0.99 to 8 digits; the product still agrees with 0.99^500 to
    // well within 4 significant digits (relative error below 5e-5).
    const log10Products = forgetGateLog10ProductsReference(new Float32Array(500).fill(0.99));
    expect(Math.abs(10 ** log10Products[499]! / 0.99 ** 500 - 1)).toBeLessThan(5e-5);
  });

  test('the forget-gate product at f = 0.5, k = 2000 has a finite log10, far below f32 and f64', () => {
    const log10Products = forgetGateLog10ProductsReference(new Float32Array(2000).fill(0.5));
    // 2000 · log10(0.5) = −602.06; the sum of 2000 equal terms in f64 is exact to ~1e-12.
    expect(log10Products[1999]!).toBeCloseTo(2000 * Math.log10(0.5), 8);
  });

  test('the largest singular value, by hand', () => {
    // diag(0.5, −3, 2): σ₁ = 3. [[1, 1], [0, 1]]: σ₁ = (1 + √5)/2, the golden ratio.
    expect(largestSingularValue(f32([0.5, 0, 0, 0, -3, 0, 0, 0, 2]), 3)).toBeCloseTo(3, 10);
    expect(largestSingularValue(f32([1, 1, 0, 1]), 2)).toBeCloseTo((1 + Math.sqrt(5)) / 2, 10);
    expect(largestSingularValue(new Float32Array(4), 2)).toBe(0);
  });

  test('a product that reaches exactly zero stays zero: log10 −∞ from there on, never NaN', () => {
    // W_hh = 0 makes every Jacobian, and so every product, exactly zero.
    const hidden = 3;
    const states = new Float32Array(5 * hidden).fill(0.2);
    const { norms, log10Norms } = gradientNormsReference(new Float32Array(hidden * hidden), states, { steps: 4, hidden, maxDistance: 4 });
    expect(Array.from(norms)).toEqual([0, 0, 0, 0]);
    expect(Array.from(log10Norms)).toEqual([-Infinity, -Infinity, -Infinity, -Infinity]);
  });
});

describe('scan reference', () => {
  test('by hand', () => {
    // h1 = 1, h2 = 0.5·1 + 2 = 2.5, h3 = 2·2.5 − 1 = 4
    expect(Array.from(linearRecurrenceReference(f32([3, 0.5, 2]), f32([1, 2, -1]), { length: 3, channels: 1 }))).toEqual([1, 2.5, 4]);
  });

  test('channels are independent and channel-major', () => {
    const h = linearRecurrenceReference(f32([1, 1, 0, 0]), f32([1, 1, 5, 6]), { length: 2, channels: 2 });
    expect(Array.from(h)).toEqual([1, 2, 5, 6]);
  });

  test('depth: T for the loop, logarithmic for the scan', () => {
    expect(scanDepth(16384)).toEqual({ sequential: 16384, parallel: 2 * 2 * 7 });
  });
});

describe('flash plan and traffic', () => {
  const shape = { sequenceLength: 1024, keyDim: 64, valueDim: 64 };

  test('the key block is sized from the real d: 32 keys at d = 64 and 16 at d = 128 in 16 KiB, 64 at d = 64 in 32 KiB', () => {
    expect(planFlashAttention(shape, { lanes: 8, workgroupStorageBytes: 16_384 }).keyBlock).toBe(32);
    expect(planFlashAttention({ ...shape, keyDim: 128, valueDim: 128 }, { lanes: 8, workgroupStorageBytes: 16_384 }).keyBlock).toBe(16);
    expect(planFlashAttention(shape, { lanes: 8, workgroupStorageBytes: 32_768 }).keyBlock).toBe(64);
  });

  test('keys are split only when the query blocks cannot fill the lanes', () => {
    expect(planFlashAttention(shape, { lanes: 8, workgroupStorageBytes: 16_384 })).toMatchObject({ keySplits: 1, splitKeys: 1024 });
    // 16,384 lanes want 1,024 workgroups; 16 query blocks get 1024 / (4 · 32) = 8 splits of 128 keys.
    expect(planFlashAttention(shape, { lanes: 16_384, workgroupStorageBytes: 16_384 })).toMatchObject({ keySplits: 8, splitKeys: 128 });
  });

  test('traffic: flash reads K and V once per query block; materialised moves the T×T scores', () => {
    const plan = planFlashAttention(shape, { lanes: 8, workgroupStorageBytes: 16_384 });
    // Q once (1024·64), K and V once per 16 query blocks (16·1024·128), O written once.
    expect(flashTraffic(shape, plan)).toEqual({ readBytes: 4 * (65_536 + 16 * 1024 * 128), writtenBytes: 4 * 65_536 });
    const materialised = materialisedTraffic(shape);
    // Scores written by Q·Kᵀ, then exponentiated and normalised in place: 3·T² floats written, plus O.
    expect(materialised.writtenBytes).toBe(4 * (3 * 1024 * 1024 + 65_536));
    expect(materialised.readBytes).toBeGreaterThan(flashTraffic(shape, plan).readBytes);
  });
});

describe('chunked scan plan and counts', () => {
  test('one channel on 8 lanes: 32 chunks of 8,192, their 31 totals run as the loop', () => {
    expect(planChunkedScan({ length: 262_144, channels: 1 }, 8)).toEqual({
      levels: [{ length: 262_144, channels: 1, chunk: 8192, chunks: 32 }],
      baseLength: 31,
      channels: 1,
    });
  });

  test('channels that already fill the lanes run as the loop', () => {
    expect(planChunkedScan({ length: 5000, channels: 256 }, 8)).toEqual({ levels: [], baseLength: 5000, channels: 256 });
  });

  test('many lanes: levels recurse until the totals are no longer than the chunk above', () => {
    const plan = planChunkedScan({ length: 3001, channels: 256 }, 4096);
    // 3001·256 / 16,384 rounds up to 47; 64 chunks leave 63 totals, then chunks of 16 leave 3.
    expect(plan.levels.map((level) => [level.chunk, level.chunks])).toEqual([
      [47, 64],
      [16, 4],
    ]);
    expect(plan.baseLength).toBe(3);
  });

  test('counted work: the loop does 2 flops a step; one level adds 3 per reduced step', () => {
    expect(sequentialScanCount({ length: 10, channels: 2 })).toEqual({ flops: 40, loads: 40, stores: 20, dependentSteps: 10 });
    const plan = { levels: [{ length: 100, channels: 1, chunk: 25, chunks: 4 }], baseLength: 3, channels: 1 };
    // reduce 75 steps (225 flops), apply 100 (200), base loop 3 (6); loads 150 + 200 + 3 carries + 6; stores 6 totals + 100 + 3.
    expect(chunkedScanCount(plan)).toEqual({ flops: 431, loads: 359, stores: 109, dependentSteps: 53 });
  });

  test('the chunked reference agrees with the loop, T not a multiple of the chunk', () => {
    const shape = { length: 1001, channels: 3 };
    const a = uniformArray(1, 3003, 0.5, 0.99);
    const b = uniformArray(2, 3003);
    const plan = planChunkedScan(shape, 256);
    expect(plan.levels.length).toBeGreaterThan(0);
    // f32 reassociation against the loop's f32 steps: a few ulps of values below 100.
    const comparison = compareArrays(linearRecurrenceReference(a, b, shape), chunkedScanReference(a, b, plan), { abs: 1e-5, rel: 1e-5 });
    expect(comparison.passed, formatMismatches('chunked', comparison)).toBe(true);
  });

  test('adapter class and lanes: software adapters by flag or by name', () => {
    const swiftshader = { vendor: 'google', architecture: 'swiftshader', description: '', isFallbackAdapter: false };
    const gpu = { vendor: 'nvidia', architecture: 'hopper', description: '', isFallbackAdapter: false };
    expect(adapterClass(swiftshader)).toBe('cpu');
    expect(adapterClass({ ...gpu, isFallbackAdapter: true })).toBe('cpu');
    expect(adapterClass(gpu)).toBe('gpu');
    expect(parallelLanes(swiftshader, 2)).toBe(8);
    expect(parallelLanes(gpu, 2)).toBe(ASSUMED_GPU_LANES);
  });
});

describe('runtime helpers that need no GPU', () => {
  test('the PRNG is seeded and uniform-ish', () => {
    const a = createRandom(42);
    const b = createRandom(42);
    const draws = Array.from({ length: 1000 }, () => a());
    expect(draws).toEqual(Array.from({ length: 1000 }, () => b()));
    expect(Math.min(...draws)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...draws)).toBeLessThan(1);
    const mean = draws.reduce((sum, value) => sum + value, 0) / draws.length;
    expect(mean).toBeGreaterThan(0.45);
    expect(mean).toBeLessThan(0.55);
    expect(deriveSeed(1, 0)).not.toBe(deriveSeed(1, 1));
    const normal = normalArray(3, 10_000);
    const variance = normal.reduce((sum, value) => sum + value * value, 0) / normal.length;
    expect(variance).toBeGreaterThan(0.9);
    expect(variance).toBeLessThan(1.1);
    expect(uniformArray(1, 5, 2, 3).every((value) => value >= 2 && value < 3)).toBe(true);
  });

  test('dispatches beyond the per-dimension limit are split into a 2-D grid', () => {
    expect(workgroupGrid(10, 65535)).toEqual([10, 1, 1]);
    expect(workgroupGrid(0, 65535)).toEqual([1, 1, 1]);
    expect(workgroupGrid(65536, 65535)).toEqual([65535, 2, 1]);
    expect(() => workgroupGrid(65535 * 65535 + 1, 65535)).toThrow(/maxComputeWorkgroupsPerDimension/);
  });

  test('largest size that fits a budget', () => {
    expect(largestFitting(268_435_456, (t) => 4 * t * t)).toBe(8192);
    expect(largestFitting(3, (t) => 4 * t)).toBe(0);
    expect(persistentHiddenCapacity({ maxComputeWorkgroupStorageSize: 16384 })).toBe(2048);
  });

  test('uniform packing keeps u32 and f32 fields in order', () => {
    const view = new DataView(
      packUniform([
        ['u32', 7],
        ['f32', 0.5],
        ['u32', 3],
      ]),
    );
    expect(view.byteLength).toBe(16);
    expect(view.getUint32(0, true)).toBe(7);
    expect(view.getFloat32(4, true)).toBe(0.5);
    expect(view.getUint32(8, true)).toBe(3);
  });

  test('comparison tolerances and the mismatch table', () => {
    expect(compareArrays([1, 2, 3], [1, 2.00001, 3], { abs: 1e-4, rel: 0 }).passed).toBe(true);
    const failed = compareArrays([1, 2, 3], [1, 2.5, Number.NaN], { abs: 1e-4, rel: 1e-4 });
    expect(failed.passed).toBe(false);
    expect(failed.mismatchCount).toBe(2);
    expect(failed.mismatches.map((m) => m.index)).toEqual([1, 2]);
    expect(formatMismatches('demo', failed)).toMatch(/demo: 2 of 3 elements outside/);
    expect(compareArrays([1], [1, 2], { abs: 1, rel: 1 }).passed).toBe(false);
  });
});

describe('associative recall references', () => {
  // Imported lazily so the rest of this file reads top to bottom.
  test('row argmax by hand, ties to the lower index', async () => {
    const { rowArgmax } = await import('../../kernels/recall/reference');
    expect(Array.from(rowArgmax(f32([1, 3, 2, 5, 5, 0]), 2, 3))).toEqual([1, 0]);
  });

  test('at small m the fixed state fails where attention still recalls', async () => {
    const { recallInputs, fixedStateAnswersReference, attentionAnswersReference, accuracy } = await import('../../kernels/recall/reference');
    const shape = { pairs: 64, width: 64, queries: 64 };
    const inputs = recallInputs(3, shape, 64);
    expect(accuracy(fixedStateAnswersReference(inputs, shape), inputs.asked)).toBeLessThan(0.5);
    expect(accuracy(attentionAnswersReference(inputs, shape), inputs.asked)).toBeGreaterThanOrEqual(0.99);
    // With a handful of pairs, even a small state recalls them.
    const few = { pairs: 3, width: 64, queries: 3 };
    const fewInputs = recallInputs(3, few, 1024);
    expect(accuracy(fixedStateAnswersReference(fewInputs, few), fewInputs.asked)).toBe(1);
  });

  test('the questions are spread evenly over the pairs', async () => {
    const { askedPairs } = await import('../../kernels/recall/reference');
    // ⌊(q + ½)·10/4⌋ for q = 0 … 3: ⌊1.25⌋, ⌊3.75⌋, ⌊6.25⌋, ⌊8.75⌋.
    expect(Array.from(askedPairs(10, 4))).toEqual([1, 3, 6, 8]);
    expect(Array.from(askedPairs(3, 3))).toEqual([0, 1, 2]);
  });

  test('a window of the last W pairs answers exactly the questions about those pairs', async () => {
    const { recallInputs, attentionAnswersReference, accuracy } = await import('../../kernels/recall/reference');
    // m = 1024 numbers at d = 64 hold W = 1024/128 = 8 pairs; of 64 questions on 64 pairs, 8 are about the last 8.
    const shape = { pairs: 64, width: 64, queries: 64 };
    const inputs = recallInputs(3, shape, 1024);
    expect(inputs.window).toBe(8);
    const answers = attentionAnswersReference(inputs, shape, inputs.window);
    expect(accuracy(answers, inputs.asked)).toBe(8 / 64);
    for (let q = 56; q < 64; q++) expect(answers[q]).toBe(q);
  });

  test('the capacity estimate T ≈ m/(2 ln T), by hand', async () => {
    const { recallCapacityEstimate, windowPairs } = await import('../../kernels/recall/capacity');
    // m = 256: 2·35·ln 35 = 248.9 ≤ 256 < 2·36·ln 36 = 258.0.
    expect(recallCapacityEstimate(256)).toBe(35);
    // m = 16: 2·4·ln 4 = 11.1 ≤ 16 < 2·5·ln 5 = 16.1.
    expect(recallCapacityEstimate(16)).toBe(4);
    expect(windowPairs(256, 64)).toBe(2);
    expect(windowPairs(64, 64)).toBe(0);
  });
});

describe('attention weights', () => {
  test('are exactly the rows attention returns over a T×T identity, with and without the causal mask, fewer queries too', () => {
    for (const shape of [
      { sequenceLength: 9, keyDim: 4 },
      { sequenceLength: 9, keyDim: 4, causal: true },
      { sequenceLength: 11, queries: 5, keyDim: 3, causal: true },
    ]) {
      const { q, k } = attentionInputs({ ...shape, valueDim: 1 }, 7);
      const t = shape.sequenceLength;
      const identity = new Float32Array(t * t);
      for (let i = 0; i < t; i++) identity[i * t + i] = 1;
      expect(attentionWeightsReference(q, k, shape)).toEqual(attentionReference(q, k, identity, { ...shape, valueDim: t }));
    }
  });
});
