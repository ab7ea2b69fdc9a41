import { describe, expect, test } from 'vitest';
import {
  ARTICLE_EDGE_LSTM,
  attentionFlops,
  attentionScoreCount,
  bytesFor,
  forgetGateHalfLife,
  forgetGateProduct,
  gruLayerParameters,
  transformerLayerParameters,
  kvStepMacs,
  kvCacheValues,
  largestSequenceForScores,
  lessonFormulas,
  lessonNumbers,
  lstmLayerParameters,
  lstmStackParameters,
  recurrentPathLength,
  rnnForwardFlops,
  rnnStepMacs,
  scoreWaves,
} from '../../src/lesson/figures';
import { formatBytes, formatCount, formatDecimalBytes, formatLarge, formatPercent, formatSignificant } from '../../src/utils/format';
import katex from 'katex';

describe('the arithmetic, against hand-computed values', () => {
  test('attention score counts at the article lengths', () => {
    expect(attentionScoreCount(512)).toBe(262_144);
    expect(attentionScoreCount(4096)).toBe(16_777_216);
    expect(attentionScoreCount(100_000)).toBe(10_000_000_000);
  });

  test('bytes at fp32 and fp16', () => {
    expect(bytesFor(262_144, 'fp32')).toBe(1_048_576);
    expect(bytesFor(1e10, 'fp32')).toBe(4e10);
    expect(bytesFor(1e10, 'fp16')).toBe(2e10);
  });

  test('largest T whose fp32 score matrix fits a 256 MiB buffer is 8192', () => {
    expect(largestSequenceForScores(256 * 1024 * 1024)).toBe(8192);
    expect(8192 * 8192 * 4).toBeLessThanOrEqual(256 * 1024 * 1024);
    expect(8193 * 8193 * 4).toBeGreaterThan(256 * 1024 * 1024);
  });

  test('the forget-gate product: 0.99^500', () => {
    const product = forgetGateProduct(0.99, 500);
    expect(product).toBeCloseTo(Math.exp(500 * Math.log(0.99)), 15);
    expect(product.toPrecision(4)).toBe('0.006570');
    expect(1 - product).toBeGreaterThan(0.99);
    expect(forgetGateProduct(0.99, 100).toPrecision(3)).toBe('0.366');
    expect(forgetGateHalfLife(0.99)).toBeCloseTo(68.97, 2);
  });

  test('path lengths', () => {
    expect(recurrentPathLength(1, 100)).toBe(99);
    expect(recurrentPathLength(100, 1)).toBe(99);
  });

  test('RNN and attention FLOPs, and their ratio T/d', () => {
    expect(rnnStepMacs(512)).toBe(2 * 512 * 512);
    expect(rnnStepMacs(4, 3)).toBe(16 + 12);
    expect(rnnForwardFlops({ steps: 10, hidden: 4, input: 3 })).toBe(2 * 10 * 28);
    expect(attentionFlops({ sequenceLength: 10, keyDim: 4, valueDim: 4 })).toBe(4 * 100 * 4);
    for (const [T, d] of [
      [4096, 512],
      [100_000, 512],
      [64, 64],
    ]) {
      expect(attentionFlops({ sequenceLength: T, keyDim: d, valueDim: d }) / rnnForwardFlops({ steps: T, hidden: d, input: d })).toBeCloseTo(T / d, 12);
    }
  });

  test('waves of 10,000 lanes for 512² scores', () => {
    expect(scoreWaves(512, 10_000)).toBe(27);
    expect(scoreWaves(100, 10_000)).toBe(1);
    expect(scoreWaves(101, 10_000)).toBe(2);
  });

  test('LSTM parameter counts', () => {
    // 4 gates × (256 × (256 + 256) weights + 256 biases)
    expect(lstmLayerParameters(256, 256)).toBe(4 * (256 * 512 + 256));
    expect(lstmLayerParameters(256, 256)).toBe(525_312);
    expect(lstmStackParameters(2, 256, 256)).toBe(1_050_624);
    expect(lstmStackParameters(2, 256, 10)).toBe(lstmLayerParameters(256, 10) + 525_312);
  });

  test("the article's two-layer LSTM cannot have ~500K parameters at any input width", () => {
    // The second layer alone exceeds the claim, which is what the chapter's correction says.
    expect(lstmLayerParameters(ARTICLE_EDGE_LSTM.hidden, ARTICLE_EDGE_LSTM.hidden)).toBeGreaterThan(ARTICLE_EDGE_LSTM.claimedParameters);
  });

  test('GRU and transformer layer parameter counts', () => {
    expect(gruLayerParameters(256, 256)).toBe(3 * (256 * 512 + 256));
    // d = 256, d_ff = 1024: 4(d² + d) + (d·d_ff + d_ff) + (d_ff·d + d) + 4d = 12d² + 13d
    expect(transformerLayerParameters(256)).toBe(12 * 256 * 256 + 13 * 256);
    expect(transformerLayerParameters(10, 2)).toBe(4 * 110 + (10 * 20 + 20) + (20 * 10 + 10) + 40);
  });

  test('KV cache grows linearly with position', () => {
    expect(kvCacheValues(4096, 512)).toBe(4_194_304);
    expect(kvStepMacs(2000, 64)).toBe(2 * kvStepMacs(1000, 64));
  });
});

describe('formatting', () => {
  test('counts, large numbers and significant digits', () => {
    expect(formatCount(262_144)).toBe('262,144');
    expect(formatLarge(16_777_216)).toBe('16.8 million');
    expect(formatLarge(1e10)).toBe('10 billion');
    expect(formatLarge(999)).toBe('999');
    expect(formatSignificant(0.0065704, 3)).toBe('0.00657');
    expect(formatSignificant(68.97, 3)).toBe('69');
    expect(formatPercent(0.99343)).toBe('99.3%');
  });

  test('bytes in binary and decimal units', () => {
    expect(formatBytes(1_048_576)).toBe('1 MiB');
    expect(formatBytes(4e10)).toBe('37.3 GiB');
    expect(formatBytes(512)).toBe('512 B');
    expect(formatDecimalBytes(4e10)).toBe('40 GB');
    expect(formatDecimalBytes(1.28e12)).toBe('1.28 TB');
  });
});

describe('what the prose shows', () => {
  test('the values the chapters quote', () => {
    expect(lessonNumbers).toMatchObject({
      scoresShort: '262,144',
      scoresMedium: '16,777,216',
      scoresMediumLarge: '16.8 million',
      scoresHuge: '10 billion',
      scoresHugeBytesFp32: '40 GB',
      scoresHugeBytesFp16: '20 GB',
      hugeLayerBytesFp32: '1.28 TB',
      forgetProduct500: '0.00657',
      forgetReduction500: '99.3%',
      pathUpdates: '99',
      edgeParameters: '1,050,624',
      edgeLayerParameters: '525,312',
      webgpuLargestT: '8,192',
      flopRatioMedium: '8',
      prohibitiveThresholdBytes: '4 GiB',
    });
  });

  test('every value is a non-empty string', () => {
    for (const [key, value] of Object.entries(lessonNumbers)) {
      expect(typeof value, key).toBe('string');
      expect(value.length, key).toBeGreaterThan(0);
      expect(value, key).not.toMatch(/NaN|Infinity|undefined/);
    }
  });

  test('every formula renders in KaTeX without error', () => {
    for (const [key, tex] of Object.entries(lessonFormulas)) {
      expect(() => katex.renderToString(tex, { throwOnError: true, strict: 'error' }), key).not.toThrow();
    }
    expect(lessonFormulas.forgetProduct).toContain('0.00657');
    expect(lessonFormulas.edgeStack).toContain('1{,}050{,}624');
  });
});
