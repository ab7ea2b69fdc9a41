import { describe, expect, test } from 'vitest';
import katex from 'katex';
import streaming from '../../src/experiments/streaming/definition';
import {
  attentionEqualsRestLength,
  bitsPerToken,
  forgetGateHalfLife,
  lessonFormulas,
  lessonNumbers,
  projectionAndMlpMacsPerToken,
  tokensWithinBits,
} from '../../src/lesson/figures';
import {
  clipByNorm,
  completeLessonFormulas,
  completeLessonNumbers,
  factorial,
  headWidth,
  mlaCacheValues,
  DEEPSEEK_V2_MLA,
  EXERCISES,
  multiHeadCoreMacs,
  parityBySignRecurrence,
  transformerDecodeStepMacs,
  tokensInFp32State,
  gateForHalfLife,
  scoreLeadForHalfWeight,
  causalAttentionEqualsRestLength,
  streamingCountedPosition,
  hillisSteeleCombines,
  formatPowerOfTen,
} from '../../src/lesson/figures-complete';

// Every value below is worked out by hand in the comment beside it.

describe('wiring', () => {
  test('every value and formula reaches lessonNumbers and lessonFormulas', () => {
    for (const [key, value] of Object.entries(completeLessonNumbers)) expect(lessonNumbers[key as keyof typeof lessonNumbers]).toBe(value);
    for (const [key, value] of Object.entries(completeLessonFormulas)) expect(lessonFormulas[key as keyof typeof lessonFormulas]).toBe(value);
  });

  test('every formula renders in KaTeX', () => {
    for (const tex of Object.values(completeLessonFormulas)) expect(() => katex.renderToString(tex, { throwOnError: true, strict: 'error' })).not.toThrow();
  });
});

describe('multi-head attention, base model', () => {
  test('d_model 512 over 8 heads gives d_k = 64; a width that does not split is refused', () => {
    expect(headWidth(512, 8)).toBe(64);
    expect(() => headWidth(512, 7)).toThrow(/does not split/);
    expect(completeLessonNumbers.baseHeadWidth).toBe('64');
  });

  test('the heads together cost what one full-width head costs: 2·8·512²·64 = 2·512²·512 = 268,435,456', () => {
    expect(multiHeadCoreMacs(512, 512, 8)).toBe(268_435_456);
    expect(multiHeadCoreMacs(512, 512, 1)).toBe(268_435_456);
    expect(completeLessonNumbers.multiHeadCoreMacs).toBe('268 million');
    expect(completeLessonNumbers.multiHeadScoreEntries).toBe('2.1 million'); // 8 · 512² = 2,097,152
    expect(completeLessonNumbers.baseProjectionMacs).toBe('1.05 million'); // 4 · 512² = 1,048,576
  });
});

describe('one decode step of a whole layer', () => {
  test('at t = 4096, d = 512: 2·4096·512 + 12·512² = 4,194,304 + 3,145,728 = 7,340,032, 14 Elman steps', () => {
    expect(transformerDecodeStepMacs(4096, 512)).toBe(7_340_032);
    expect(transformerDecodeStepMacs(4096, 512) - 2 * 4096 * 512).toBe(projectionAndMlpMacsPerToken(512));
    expect(completeLessonNumbers.decodeLayerMacs).toBe('7.34 million');
    expect(completeLessonNumbers.decodeRestMacs).toBe('3.15 million');
    expect(completeLessonNumbers.decodeLayerOverElman).toBe('14'); // 7,340,032 / (2 · 512²) = 14
    expect(completeLessonNumbers.decodeLayerOverLstm).toBe('3.5');
  });
});

describe('clipping', () => {
  test('(30, 40) has norm 50; clipped to 1 it becomes (0.6, 0.8); a small gradient is left alone', () => {
    const clipped = clipByNorm([30, 40], 1);
    expect(clipped[0]).toBeCloseTo(0.6, 12);
    expect(clipped[1]).toBeCloseTo(0.8, 12);
    expect(clipByNorm([0.3, 0.4], 1)).toEqual([0.3, 0.4]);
    expect(completeLessonNumbers.clipNorm).toBe('50');
  });
});

describe('where recurrence stands', () => {
  test('MLA caches 512 + 64 = 576 numbers per token and layer against 2·128·128 = 32,768: 1.76%, about 56.9 times fewer', () => {
    expect(mlaCacheValues(DEEPSEEK_V2_MLA)).toEqual({ mla: 576, mha: 32_768 });
    expect(completeLessonNumbers.mlaOverMha).toBe('1.76%');
    expect(completeLessonNumbers.mlaShrink).toBe('56.9');
    expect(completeLessonNumbers.mlaReportedReduction).toBe('93.3%');
  });

  test('published ratios, and Nemotron-H-8B mixes tokens with 24 Mamba-2 and 4 attention layers: 6:1, 14.3%', () => {
    expect(completeLessonNumbers.qwen3NextRatio).toBe('3:1');
    expect(completeLessonNumbers.kimiLinearRatio).toBe('3:1');
    expect(completeLessonNumbers.minimaxRatio).toBe('7:1');
    expect(completeLessonNumbers.graniteRatio).toBe('9:1');
    expect(completeLessonNumbers.jambaRatio).toBe('7:1');
    expect(completeLessonNumbers.qwen3NextCacheShare).toBe('25%'); // 1 / (3 + 1)
    expect(completeLessonNumbers.minimaxCacheShare).toBe('12.5%'); // 1 / (7 + 1)
    expect(completeLessonNumbers.graniteCacheShare).toBe('10%'); // 1 / (9 + 1)
    expect(completeLessonNumbers.nemotronMambaLayers).toBe('24');
    expect(completeLessonNumbers.nemotronAttentionLayers).toBe('4');
    expect(completeLessonNumbers.nemotronFfnLayers).toBe('24');
    expect(completeLessonNumbers.nemotronRatio).toBe('6:1'); // 24 / 4
    expect(completeLessonNumbers.nemotronCacheShare).toBe('14.3%'); // 1 / (6 + 1) = 4 / 28
    expect(completeLessonNumbers.kvQuantFactor).toBe('8'); // 16 bits / 2 bits
    expect(completeLessonNumbers.hybridWindow).toBe('2,048');
    expect(completeLessonNumbers.associativeMemoryYear).toBe('1972');
  });
});

describe('state tracking', () => {
  test('the sign recurrence tracks the parity of 1,0,1,1,0,1 (four ones, even): it ends at +1', () => {
    expect(parityBySignRecurrence([1, 0, 1, 1, 0, 1])).toEqual([1, -1, -1, 1, -1, -1, 1]);
    expect(parityBySignRecurrence([1, 1, 1]).at(-1)).toBe(-1);
    expect(completeLessonNumbers.parityOnes).toBe('4');
  });

  test('5! = 120 states to track a permutation of five elements', () => {
    expect(factorial(5)).toBe(120);
    expect(factorial(0)).toBe(1);
    expect(completeLessonNumbers.permutationStates).toBe('120');
  });
});

describe("the exercises' answers", () => {
  test('chapter 2: 1,024² = 1,048,576 scores on 10,000 units take 105 waves; 1,024 over 16 heads is 64 wide', () => {
    expect(completeLessonNumbers.exWaves).toBe('105');
    expect(completeLessonNumbers.exWideHeadWidth).toBe('64');
  });

  test('chapter 3: log₂ 32,000 = 14.97 bits, so 16,384 bits hold 1,094 tokens; m = 256 holds about 35 pairs by the estimate, and its window 2 pairs', () => {
    expect(completeLessonNumbers.exSmallVocabularyBits).toBe('14.97');
    expect(tokensInFp32State(512, 32_000)).toBe(tokensWithinBits(512, 32, bitsPerToken(32_000)));
    expect(completeLessonNumbers.exTokensInState).toBe('1,094'); // 16384 / 14.966 = 1094.8
    expect(completeLessonNumbers.exRecallEstimate).toBe(lessonNumbers.recallPredictedCapacity);
    expect(completeLessonNumbers.exRecallEstimate).toBe('35'); // 2·35·ln 35 = 248.9 ≤ 256 < 2·36·ln 36 = 258.0
    expect(completeLessonNumbers.exRecallWindowPairs).toBe('2'); // 256 / (2 · 64)
  });

  test('chapter 4: half over 1,000 steps needs f = 0.5^(1/1000) = 0.9993 and a bias of 7.27; (0.3, 0.4) has norm 0.5; ln 4095 = 8.32', () => {
    expect(gateForHalfLife(1000) ** 1000).toBeCloseTo(0.5, 12);
    expect(forgetGateHalfLife(gateForHalfLife(1000))).toBeCloseTo(1000, 6);
    expect(completeLessonNumbers.exHalfGate).toBe('0.9993');
    expect(completeLessonNumbers.exHalfGateBias).toBe('7.27'); // ln(0.999307 / 0.000693) = ln 1442 = 7.274
    expect(completeLessonNumbers.exSmallGradientNorm).toBe('0.5');
    expect(clipByNorm([0.3, 0.4], 1)).toEqual([0.3, 0.4]);
    expect(scoreLeadForHalfWeight(4096)).toBeCloseTo(Math.log(4095), 12);
    expect(completeLessonNumbers.exScoreLead).toBe('8.32');
  });

  test('chapter 5: a 1 GiB fp32 score matrix is 16,384 on a side; with a mask the crossover at d = 1,024 is 12,288', () => {
    expect(completeLessonNumbers.exScoreBudget).toBe('1 GiB');
    expect(completeLessonNumbers.exScoreBudgetT).toBe('16,384'); // √(2³⁰ / 4) = 2¹⁴
    expect(causalAttentionEqualsRestLength(1024)).toBe(2 * attentionEqualsRestLength(1024));
    expect(completeLessonNumbers.exCrossoverCausalT).toBe('12,288');
  });

  test('chapter 6: 48 layers at 3:1 keep 12 attention layers; MLA caches as much as 2.25 key-value heads of 128; by count 10× at p = 640 for the default d = 64', () => {
    expect(completeLessonNumbers.exHybridAttentionLayers).toBe('12');
    expect(completeLessonNumbers.exHybridRecurrentLayers).toBe('36');
    expect(completeLessonNumbers.exMlaGroups).toBe('2.25'); // 576 / (2 · 128)
    expect(streamingCountedPosition(10, 64)).toBe(640); // 4·p·64 = 10 · 4 · 64²
    expect(completeLessonNumbers.exStreamingPosition).toBe('640');
    const defaults = Object.fromEntries(streaming.params.map((param) => [param.key, param.defaultValue]));
    expect(defaults.multiple).toBe(EXERCISES.streamingMultiple);
    expect(defaults.width).toBe(EXERCISES.streamingWidth);
  });

  test("the simple (Hillis–Steele) scan over 8 elements does 7 + 6 + 4 = 17 combines, against the loop's 7", () => {
    expect(hillisSteeleCombines(8)).toBe(17);
    expect(hillisSteeleCombines(1)).toBe(0);
    expect(hillisSteeleCombines(2)).toBe(1);
    expect(hillisSteeleCombines(16)).toBe(15 + 14 + 12 + 8); // T·log₂T − (T − 1) = 64 − 15 = 49
    expect(() => hillisSteeleCombines(6)).toThrow(/power of two/);
  });

  test("Vaswani et al.'s Table 2 (EN–DE), quoted: the big model 28.4 BLEU for 2.3 × 10¹⁹ FLOPs, base 27.3 for 3.3 × 10¹⁸", () => {
    expect(formatPowerOfTen({ mantissa: 2.3, exponent: 19 })).toBe('2.3 × 10¹⁹');
    expect(formatPowerOfTen({ mantissa: 1.8, exponent: 20 })).toBe('1.8 × 10²⁰');
    expect(() => formatPowerOfTen({ mantissa: 1, exponent: -1 })).toThrow(/exponent/);
    expect(completeLessonNumbers.vaswaniBigBleu).toBe('28.4');
    expect(completeLessonNumbers.vaswaniBigFlops).toBe('2.3 × 10¹⁹');
    expect(completeLessonNumbers.vaswaniBaseBleu).toBe('27.3');
    expect(completeLessonNumbers.vaswaniBaseFlops).toBe('3.3 × 10¹⁸');
    expect(completeLessonNumbers.convS2SEnsembleBleu).toBe('26.36');
    expect(completeLessonNumbers.convS2SEnsembleFlops).toBe('7.7 × 10¹⁹');
    expect(completeLessonNumbers.gnmtEnsembleBleu).toBe('26.30');
    expect(completeLessonNumbers.gnmtEnsembleFlops).toBe('1.8 × 10²⁰');
    // The base model alone trained for under a tenth of the LSTM ensemble's estimated cost and scored higher.
    const flops = (f: { mantissa: number; exponent: number }) => f.mantissa * 10 ** f.exponent;
    expect(flops({ mantissa: 3.3, exponent: 18 }) / flops({ mantissa: 1.8, exponent: 20 })).toBeLessThan(0.1);
    expect(lessonNumbers.vaswaniBigBleu).toBe('28.4');
  });
});
