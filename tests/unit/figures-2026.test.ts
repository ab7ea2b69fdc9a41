import { describe, expect, test } from 'vitest';
import katex from 'katex';
import {
  LLAMA3_8B,
  attentionEqualsRestLength,
  bitsPerToken,
  bpttStoredValues,
  chunkedOverSequentialFlops,
  elmanLayerMacs,
  forgetGateHalfLife,
  gateBiasFor,
  gemmTiles,
  kvBytesPerToken,
  largestSequenceForScores,
  lessonFormulas,
  lessonNumbers,
  llamaAttentionEqualsRestLength,
  llamaCausalAttentionMacs,
  llamaLayerMacsPerToken,
  llamaPrefillFlops,
  projectionAndMlpMacsPerToken,
  recallPairsWithinBits,
  rtrlSensitivityValues,
  rtrlStepMacs,
  sigmoid,
  spineTable,
  tiledAttentionExtraBytes,
  tokensWithinBits,
  transformerLayerMacs,
  workedAttention,
  workedRnn,
} from '../../src/lesson/figures';

// Every value below is worked out by hand in the comment beside it.

describe('the bottleneck, in bits', () => {
  test('a 512-wide fp32 state holds at most 16,384 bits: 965 tokens of Llama 3’s 128,256-symbol vocabulary', () => {
    // log2(128256) = 16.969; 16384 / 16.969 = 965.5
    expect(bitsPerToken(128_256)).toBeCloseTo(16.969, 3);
    expect(tokensWithinBits(512, 32, bitsPerToken(128_256))).toBe(965);
    expect(LLAMA3_8B.vocabulary).toBe(128_256);
    expect(lessonNumbers.llamaVocabulary).toBe('128,256');
    expect(lessonNumbers.bitsPerLlamaToken).toBe('17'); // 16.969 to three significant figures, trailing zero dropped
    expect(tokensWithinBits(512, 32, 16)).toBe(1024);
  });

  test('256 numbers of 32 bits can name the values of at most 966 pairs (log2 T! ≤ 8,192)', () => {
    // Stirling, exact to about 1/(12T) nats here: log2 T! = (T ln T − T + ½ ln 2πT) / ln 2.
    // log2 966! = 8,191.4 ≤ 8,192; log2 967! = 8,201.3 > 8,192.
    const log2Factorial = (t: number) => (t * Math.log(t) - t + 0.5 * Math.log(2 * Math.PI * t)) / Math.LN2;
    expect(log2Factorial(966)).toBeCloseTo(8191.38, 1);
    expect(log2Factorial(967)).toBeCloseTo(8201.3, 1);
    expect(recallPairsWithinBits(256, 32)).toBe(966);
    // T·log2 T overstates log2 T!, and would have stopped at 842.
    expect(842 * Math.log2(842)).toBeLessThanOrEqual(8192);
    expect(843 * Math.log2(843)).toBeGreaterThan(8192);
    // Small cases by hand: log2 4! = log2 24 = 4.58 ≤ 5 < log2 5! = log2 120 = 6.91.
    expect(recallPairsWithinBits(1, 5)).toBe(4);
  });
});

describe('whole layers: a transformer layer against an Elman layer', () => {
  test('projections and a 4d MLP cost 12d² per token, six Elman steps', () => {
    // Q, K, V, O: 4d²; MLP d→4d→d: 8d²; Elman: W_hh and W_xh, 2d²
    expect(projectionAndMlpMacsPerToken(512)).toBe(12 * 512 * 512);
    expect(projectionAndMlpMacsPerToken(512) / (2 * 512 * 512)).toBe(6);
  });

  test('at T = 4096, d = 512 the transformer layer does 14 times the Elman layer’s work', () => {
    // (12 · 4096 · 512² + 2 · 4096² · 512) / (2 · 4096 · 512²) = 6 + 4096/512 = 14
    expect(transformerLayerMacs(4096, 512)).toBe(12 * 4096 * 512 ** 2 + 2 * 4096 ** 2 * 512);
    expect(transformerLayerMacs(4096, 512) / elmanLayerMacs(4096, 512)).toBe(14);
  });

  test('the T² part equals the rest at T = 6d = 3,072', () => {
    // 2T²d = 12Td² ⇔ T = 6d
    const t = attentionEqualsRestLength(512);
    expect(t).toBe(3072);
    expect(2 * t * t * 512).toBe(12 * t * 512 * 512);
  });
});

describe('long contexts, for Llama 3 8B', () => {
  test('KV cache: 2 · 32 layers · 8 KV heads · 128 · 2 B = 128 KiB per token', () => {
    expect(kvBytesPerToken(32, 8, 128, 2)).toBe(131_072);
    expect(131_072 * kvBytesPerToken(32, 8, 128, 2)).toBe(16 * 2 ** 30); // 128K tokens: 16 GiB
    expect(kvBytesPerToken(32, 32, 128, 2)).toBe(512 * 1024); // all 32 heads keep K and V
    expect(kvBytesPerToken(32, 1, 128, 2)).toBe(16 * 1024); // one shared KV head
  });

  test('per token outside attention: 218,103,808 multiply-adds per layer, so attention equals the rest at T = 53,248', () => {
    // Q and O: 2·4096·4096 = 33,554,432; K and V: 2·4096·1024 = 8,388,608; MLP: 3·4096·14336 = 176,160,768
    expect(llamaLayerMacsPerToken(LLAMA3_8B)).toBe(33_554_432 + 8_388_608 + 176_160_768);
    expect(llamaAttentionEqualsRestLength(LLAMA3_8B)).toBe(53_248);
    expect(llamaCausalAttentionMacs(53_248, LLAMA3_8B)).toBe(53_248 * llamaLayerMacsPerToken(LLAMA3_8B));
  });

  test('prefill of 131,072 tokens: about 6.33 × 10¹⁵ FLOPs', () => {
    // 2 · 32 · (131072 · 218103808 + 4096 · 131072²) = 64 · (2.8587e13 + 7.0369e13) = 6.333e15
    expect(llamaPrefillFlops(131_072, LLAMA3_8B) / 1e15).toBeCloseTo(6.333, 3);
  });

  test('tiled attention keeps two numbers per row: 800,000 B at T = 100,000', () => {
    expect(tiledAttentionExtraBytes(100_000)).toBe(800_000);
  });

  test('WebGPU’s 128 MiB binding holds a fp32 score matrix of at most 5,792 on a side', () => {
    expect(largestSequenceForScores(128 * 2 ** 20, 4)).toBe(5792);
    expect(5792 * 5792 * 4).toBeLessThanOrEqual(2 ** 27);
    expect(5793 * 5793 * 4).toBeGreaterThan(2 ** 27);
  });
});

describe('forget gates', () => {
  test('half-lives at 0.99 and 0.999: 69 and 693 steps', () => {
    // ln 0.5 / ln 0.99 = 68.97; ln 0.5 / ln 0.999 = 692.8
    expect(forgetGateHalfLife(0.99)).toBeCloseTo(68.97, 2);
    expect(forgetGateHalfLife(0.999)).toBeCloseTo(692.8, 1);
  });

  test('a bias of 1 gives σ(1) = 0.731 (half-life 2.2 steps); holding 0.999 needs a bias of ln 999 = 6.91', () => {
    expect(sigmoid(1)).toBeCloseTo(0.7311, 4);
    expect(forgetGateHalfLife(sigmoid(1))).toBeCloseTo(2.21, 2);
    expect(gateBiasFor(0.999)).toBeCloseTo(Math.log(999), 12);
    expect(sigmoid(gateBiasFor(0.999))).toBeCloseTo(0.999, 12);
  });
});

describe('smaller points', () => {
  test('a 512×512 product is 16 tiles of 128×128', () => {
    expect(gemmTiles(512)).toBe(16);
    expect(gemmTiles(513)).toBe(25);
  });

  test('BPTT keeps T·d values; RTRL costs d⁴ per step', () => {
    expect(bpttStoredValues(4096, 512) * 4).toBe(8 * 2 ** 20); // 8 MiB at fp32
    expect(rtrlStepMacs(256)).toBe(4_294_967_296);
  });
});

describe('the spine table at T = 4096, d = 512, k = 3, w = 1024', () => {
  test('each cell by hand', () => {
    const rows = spineTable(4096, 512, 3, 1024);
    expect(rows.recurrent).toEqual({ macs: 2 * 4096 * 512 * 512, sequential: 4096, path: 4095 });
    expect(rows.convolutional).toEqual({ macs: 3 * 4096 * 512 * 512, sequential: 1, path: 2048 }); // ⌈4095/2⌉
    expect(rows.selfAttention).toEqual({ macs: 2 * 4096 * 4096 * 512, sequential: 1, path: 1 });
    expect(rows.slidingWindow).toEqual({ macs: 2 * 4096 * 1024 * 512, sequential: 1, path: 4 }); // ⌈4095/1024⌉
  });
});

describe('worked examples', () => {
  test('attention over three tokens: scores, softmax and weighted sum', () => {
    const { scores, weights, output } = workedAttention();
    const r = Math.SQRT1_2; // 1/√2
    // q3 = (1, 1) against k1 = (1, 0), k2 = (0, 1), k3 = (1, 1): dot products 1, 1, 2, scaled by 1/√2
    const close = (row: number[] | undefined, expected: number[]) => expected.forEach((value, i) => expect(row![i]).toBeCloseTo(value, 12)); // float64 rounding of 1/√2
    close(scores[2], [r, r, 2 * r]);
    close(scores[1], [0, 2 * r, 2 * r]);
    // softmax of (0.7071, 0.7071, 1.4142): e^0.7071 = 2.0281, e^1.4142 = 4.1133; sum 8.1695
    expect(weights[2]![0]).toBeCloseTo(2.0281 / 8.1695, 4); // float32 reference: 4 decimals
    expect(weights[2]![2]).toBeCloseTo(4.1133 / 8.1695, 4);
    // output row 3 = 0.2483·(1,0) + 0.2483·(0,1) + 0.5035·(2,2) = (1.2553, 1.2553)
    expect(output[2]![0]).toBeCloseTo(0.2483 + 2 * 0.5035, 3);
    for (const row of weights) expect(row.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 6); // float32 rounding
  });

  test('three steps of an RNN: h_t = tanh(W_hh h_{t−1} + W_xh x_t)', () => {
    const { preActivations, states } = workedRnn();
    // step 1 from h_0 = 0: (1·1, 0.5·1) = (1, 0.5); tanh → (0.7616, 0.4621)
    expect(preActivations[0]).toEqual([1, 0.5]);
    expect(states[1]![0]).toBeCloseTo(0.7616, 4);
    expect(states[1]![1]).toBeCloseTo(0.4621, 4);
    // step 2: (0.5·0.7616 − 0.5·0.4621 + 0.5, 0.5·0.7616 + 0.5·0.4621 + 0.25) = (0.6497, 0.8619)
    expect(preActivations[1]![0]).toBeCloseTo(0.6497, 4);
    expect(preActivations[1]![1]).toBeCloseTo(0.8619, 4);
    for (let t = 0; t < 3; t++) for (let i = 0; i < 2; i++) expect(states[t + 1]![i]).toBeCloseTo(Math.tanh(preActivations[t]![i]!), 6); // float32 reference
  });
});

describe('the review’s corrections (issue 12b)', () => {
  test('RTRL for 256 units carries 256³ = 16,777,216 sensitivities, 64 MiB at fp32', () => {
    // ∂h/∂W_hh: 256 state entries × 256² weights; 2^24 · 4 B = 2^26 B = 64 MiB
    expect(rtrlSensitivityValues(256)).toBe(2 ** 24);
    expect(lessonNumbers.rtrlSensitivityValuesEdge).toBe('16.8 million');
    expect(lessonNumbers.rtrlSensitivityBytesEdge).toBe('64 MiB');
  });

  test('the chunked scan does about 2.5 times the loop’s flops at T = 2^18, 4 channels, 1,024 lanes', () => {
    // Plan: chunks of 256 (1,024 of them), then 16 (64), then 16 (4), base loop of 3.
    // Level 1: 3·(1,023·256·4) + 2·(262,144·4) = 3,142,656 + 2,097,152 = 5,239,808
    // Level 2: 3·(63·16·4) + 2·(1,023·4) = 12,096 + 8,184 = 20,280
    // Level 3: 3·(3·16·4) + 2·(63·4) = 576 + 504 = 1,080; base: 2·3·4 = 24
    // Total 5,261,192 against the loop's 2·262,144·4 = 2,097,152
    expect(chunkedOverSequentialFlops(2 ** 18, 4, 1024)).toBeCloseTo(5_261_192 / 2_097_152, 12); // float64 division
    expect(lessonNumbers.chunkedOverLoopFlops).toBe('2.5');
    expect(lessonNumbers.scanWorkT).toBe('262,144');
  });

  test('a forget gate of 0.999 holds about 10 times as long as 0.99', () => {
    // ln 0.99 / ln 0.999 = −0.0100503 / −0.0010005 = 10.045
    expect(lessonNumbers.forgetHalfLifeSlowerRatio).toBe('10');
  });

  test('the years of linear attention and of recurrence at scale', () => {
    // Katharopoulos et al. 2020; RWKV (Peng et al.) and Mamba (Gu & Dao), both 2023
    expect(lessonNumbers.linearAttentionYear).toBe('2020');
    expect(lessonNumbers.recurrenceAtScaleYear).toBe('2023');
  });
});

describe('what the prose shows', () => {
  test('the revision’s values', () => {
    expect(lessonNumbers).toMatchObject({
      tokensWithinStateBits: '965',
      recallPairsWithinBits: '966',
      // The chapter's estimate at m = 256, from kernels/recall/capacity.ts: 2·35·ln 35 = 248.9 ≤ 256 < 2·36·ln 36 = 258.0.
      recallPredictedCapacity: '35',
      forgetHalfLifeSlower: '693',
      forgetGateAtBiasOne: '0.731',
      transformerOverElmanFloor: '6',
      transformerOverElmanMedium: '14',
      attentionEqualsRestT: '3,072',
      llamaKvBytesPerToken: '128 KiB',
      llamaKvBytesAtContext: '16 GiB',
      llamaKvBytesAtMillion: '128 GiB',
      llamaAttentionEqualsRestT: '53,248',
      webgpuBindingLargestT: '5,792',
      edgeTransformerParameters: '1,579,520',
    });
  });

  test('the revision’s formulas render and carry the computed values', () => {
    for (const key of ['stateBits', 'recallBits', 'wholeLayerRatio', 'llamaCrossover', 'llamaKvPerToken', 'workedScores', 'workedRnnSteps'] as const) {
      expect(() => katex.renderToString(lessonFormulas[key], { throwOnError: true, strict: 'error' }), key).not.toThrow();
    }
    expect(lessonFormulas.llamaCrossover).toContain('53{,}248');
    expect(lessonFormulas.workedWeights).toContain('0.248 & 0.248 & 0.503');
  });
});
