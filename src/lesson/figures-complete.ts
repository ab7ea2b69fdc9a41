/**
 * The numbers of the lesson's completion for 2026 (issue 25): the basics it
 * used to skip (multi-head attention, position, clipping), where recurrence
 * stands in 2025–26, expressivity, and the exercises' answers.
 *
 * `lessonNumbers` and `lessonFormulas` in ./figures.ts spread the two objects
 * at the end of this file, so chapters read these values through `<Num>` and
 * `<Tex>` like every other. This module imports nothing from ./figures.ts, so
 * the two never import each other; where it repeats one of figures.ts's
 * formulas, tests/unit/figures-complete.test.ts checks that the two agree.
 *
 * Quoted configurations carry their source in a comment; the full reference
 * is in content/references.ts.
 */
import { kvStepMacs, largestSequenceForScores } from '../../kernels/attention/cost';
import { recallCapacityEstimate } from '../../kernels/recall/capacity';
import { RECALL_EXPERIMENT } from './recall-experiment';
import { scoreWaves } from './waves';
import { rnnStepMacs } from '../../kernels/rnn/cost';
import { formatBytes, formatCount, formatLarge, formatPercent, formatSignificant } from '../utils/format';

// ---------------------------------------------------------------------------
// Quoted configurations.
// ---------------------------------------------------------------------------

/** The base transformer of Vaswani et al. 2017 (their Table 3): d_model = 512, h = 8 heads, feed-forward width 2048. */
export const BASE_TRANSFORMER = { width: 512, heads: 8, ffnWidth: 2048 } as const;

/**
 * Local attention windows of two released hybrids, in tokens: Samba's sliding
 * window (Ren et al. 2024) and RecurrentGemma's local attention (Botev et al.
 * 2024, after Griffin), both 2,048.
 */
export const HYBRID_LOCAL_WINDOW = 2048;

/** Anderson's and Kohonen's correlation-matrix memories were both published in 1972. */
export const ASSOCIATIVE_MEMORY_YEAR = 1972;

/**
 * Recurrent-to-attention layer ratios as their makers publish them (each a
 * reference in content/references.ts): Jamba 7 Mamba layers per attention
 * layer; Qwen3-Next 3 Gated DeltaNet layers per gated-attention layer (its
 * model card); Kimi Linear 3 Kimi Delta Attention layers per MLA layer;
 * MiniMax-01 7 lightning-attention layers per softmax-attention layer;
 * Granite 4.0 9 Mamba-2 blocks per transformer block (IBM's announcement).
 */
export const HYBRID_RATIOS = {
  jamba: [7, 1],
  qwen3Next: [3, 1],
  kimiLinear: [3, 1],
  minimax01: [7, 1],
  granite4: [9, 1],
} as const satisfies Record<string, readonly [number, number]>;

/**
 * Nemotron-H-8B (NVIDIA 2025): 52 layers, of which 24 are Mamba-2, 4 are
 * self-attention and 24 are feed-forward. Only the first two kinds mix tokens,
 * so the lesson counts its ratio, like the others, over those 28 layers.
 */
export const NEMOTRON_H_8B = { mamba2Layers: 24, attentionLayers: 4, ffnLayers: 24 } as const;

/** Nemotron-H-8B's sequence-mixing layers as a [recurrent, attention] ratio, reduced: 24 : 4 = 6 : 1. */
export const NEMOTRON_H_8B_RATIO = [NEMOTRON_H_8B.mamba2Layers / NEMOTRON_H_8B.attentionLayers, 1] as const satisfies readonly [number, number];

/**
 * DeepSeek-V2's multi-head latent attention (DeepSeek-AI 2024, §2.1 and its
 * configuration): 128 heads of width 128, a compressed key–value latent of
 * 512 numbers and a decoupled rotary key of 64 per token and layer; and the
 * paper's reported 93.3% smaller cache than DeepSeek 67B (quoted, not derived).
 */
export const DEEPSEEK_V2_MLA = { heads: 128, headDim: 128, latent: 512, ropeKey: 64, reportedCacheReduction: 0.933 } as const;

/**
 * Quoted, not measured here: Vaswani et al. 2017, Table 2, WMT 2014 English–German
 * (newstest2014). BLEU as printed; training cost in FLOPs as the paper estimated
 * it, written as mantissa × 10^exponent. The best earlier result is the ConvS2S
 * ensemble (Gehring et al. 2017); GNMT + RL is the ensemble of deep LSTMs.
 */
export const VASWANI_TABLE2_EN_DE = {
  big: { bleu: '28.4', flops: { mantissa: 2.3, exponent: 19 } },
  base: { bleu: '27.3', flops: { mantissa: 3.3, exponent: 18 } },
  convS2SEnsemble: { bleu: '26.36', flops: { mantissa: 7.7, exponent: 19 } },
  gnmtEnsemble: { bleu: '26.30', flops: { mantissa: 1.8, exponent: 20 } },
} as const;

/** Bits per cached value before and after KV-cache quantisation: bf16 to the 2 bits of KIVI (Liu et al. 2024). */
export const KV_QUANT_BITS = { served: 16, quantised: 2 } as const;

/** Delétang et al. 2023, Grazzi et al. 2025: the permutation group of five elements, S5, the classic hard state-tracking case. */
export const STATE_TRACKING_PERMUTED = 5;

/** A bit string whose parity the lesson tracks by hand with a sign-flipping linear recurrence. */
export const PARITY_EXAMPLE = [1, 0, 1, 1, 0, 1] as const;

/** A worked clipping example: a gradient of norm 50 clipped to a threshold of 1 (Pascanu et al. 2013). */
export const CLIPPING_EXAMPLE = { gradient: [30, 40], threshold: 1 } as const;

/**
 * The exercises' givens: values the questions pose, chosen to be checked by
 * hand. Each answer is computed below from these and tested.
 */
export const EXERCISES = {
  /** Chapter 2: waves for a longer sequence on the article's 10,000 units. */
  wavesT: 1024,
  articleLanes: 10_000,
  /** Chapter 2: a wider multi-head model. */
  wideWidth: 1024,
  wideHeads: 16,
  /** Chapter 3: a smaller vocabulary, and the bottleneck experiment's default state size. */
  smallVocabulary: 32_000,
  stateWidth: 512,
  recallState: 256,
  /** Chapter 4: a gate that keeps half the signal over this many steps; a small gradient to clip; a long uniform row. */
  halfOverSteps: 1000,
  smallGradient: [0.3, 0.4],
  diffuseT: 4096,
  /** Chapter 5: a score matrix of 1 GiB; the causal crossover at a wider width. */
  scoreBudgetBytes: 2 ** 30,
  crossoverWidth: 1024,
  /** Chapter 6: a 48-layer hybrid at 3:1; the streaming experiment's default multiple and WebGPU width (checked against its definition in the test). */
  hybridLayers: 48,
  streamingMultiple: 10,
  streamingWidth: 64,
} as const;

// ---------------------------------------------------------------------------
// The arithmetic.
// ---------------------------------------------------------------------------

/** Width of each head when d_model is split across h heads: d_k = d_model / h. */
export function headWidth(width: number, heads: number): number {
  if (!Number.isInteger(width / heads)) throw new Error(`d_model = ${width} does not split into ${heads} heads of whole width`);
  return width / heads;
}

/** Multiply-adds per token of the Q, K, V and output projections: 4·d_model², whatever the number of heads. */
export function attentionProjectionMacsPerToken(width: number): number {
  return 4 * width * width;
}

/** Multiply-adds of QKᵀ and PV over T positions for h heads of width d_k: 2·h·T²·d_k, which is 2·T²·d_model. */
export function multiHeadCoreMacs(sequenceLength: number, width: number, heads: number): number {
  return 2 * heads * sequenceLength * sequenceLength * headWidth(width, heads);
}

/** Score matrices' entries over T positions for h heads: h·T². */
export function multiHeadScoreEntries(sequenceLength: number, heads: number): number {
  return heads * sequenceLength * sequenceLength;
}

/**
 * Multiply-adds of one transformer layer to decode one token at `position`:
 * attention over the cache (2·t·d, kernels/attention/cost.ts) plus the
 * token's projections and MLP, (4 + 2·ffnMultiple)·d² (the same count as
 * projectionAndMlpMacsPerToken in figures.ts).
 */
export function transformerDecodeStepMacs(position: number, width: number, ffnMultiple = 4): number {
  return kvStepMacs(position, width) + (4 + 2 * ffnMultiple) * width * width;
}

/** A gradient clipped by its norm: scaled down to `threshold` when its norm exceeds it, unchanged otherwise. */
export function clipByNorm(gradient: readonly number[], threshold: number): number[] {
  const norm = Math.hypot(...gradient);
  return norm > threshold ? gradient.map((value) => (value * threshold) / norm) : [...gradient];
}

/** Numbers cached per token and layer by MLA (latent plus rotary key) and by full multi-head attention (a key and a value per head). */
export function mlaCacheValues(config: typeof DEEPSEEK_V2_MLA): { mla: number; mha: number } {
  return { mla: config.latent + config.ropeKey, mha: 2 * config.heads * config.headDim };
}

/**
 * The parity of a bit string by a linear recurrence with a sign: h_t = a(x_t)·h_{t−1},
 * h_0 = 1, a(1) = −1 and a(0) = 1. The state ends at +1 for even parity, −1
 * for odd. A gate confined to [0, 1] cannot flip the sign, which is Grazzi et
 * al.'s point about negative eigenvalues.
 */
export function parityBySignRecurrence(bits: readonly number[]): number[] {
  const states = [1];
  for (const bit of bits) states.push(states[states.length - 1]! * (bit ? -1 : 1));
  return states;
}

/** n!: the number of states a model must tell apart to track a permutation of n elements. */
export function factorial(n: number): number {
  let product = 1;
  for (let k = 2; k <= n; k++) product *= k;
  return product;
}

/**
 * The share of a hybrid's layers that are full attention, for a ratio of r
 * recurrent layers to one attention layer: 1/(r + 1). With the same layer
 * widths, it is also the hybrid's key-value cache as a share of one with
 * attention in every layer (the recurrent layers' states do not grow).
 */
export function attentionLayerShare([recurrent, attention]: readonly [number, number]): number {
  return attention / (recurrent + attention);
}

/** Tokens of a `vocabulary`-symbol alphabet that `width` fp32 numbers hold at most: ⌊32·width / log₂ V⌋ (as tokensWithinBits in figures.ts). */
export function tokensInFp32State(width: number, vocabulary: number): number {
  return Math.floor((32 * width) / Math.log2(vocabulary));
}

/** The constant forget gate that keeps half the signal over `steps` steps: 0.5^(1/steps). */
export function gateForHalfLife(steps: number): number {
  return 0.5 ** (1 / steps);
}

/** The score advantage one key needs over T − 1 equal rivals to take half a softmax row's weight: ln(T − 1). */
export function scoreLeadForHalfWeight(sequenceLength: number): number {
  return Math.log(sequenceLength - 1);
}

/** With a causal mask, the T at which a transformer layer's T² part equals the rest (MLP of 4d): 2·(2 + 4)·d = 12d. */
export function causalAttentionEqualsRestLength(width: number, ffnMultiple = 4): number {
  return 2 * (2 + ffnMultiple) * width;
}

/** The position at which, by count, a KV-cache step (4·p·d FLOPs) does `multiple` times an Elman step's 4·d²: p = multiple·d. */
export function streamingCountedPosition(multiple: number, width: number): number {
  return (multiple * 4 * width * width) / (4 * width);
}

/** A ratio such as [3, 1] as it is written: "3:1". */
/**
 * Combines done by the simple (Hillis–Steele) scan over `length` elements, a
 * power of two: in the round at distance 2^r every element from 2^r + 1 on
 * combines with the one 2^r to its left, so the rounds do
 * (T − 1) + (T − 2) + (T − 4) + … + (T − T/2) = T·log₂T − (T − 1) combines, O(T log T),
 * against the loop's T − 1.
 */
export function hillisSteeleCombines(length: number): number {
  const rounds = Math.log2(length);
  if (!Number.isInteger(rounds) || rounds < 0) throw new Error(`hillisSteeleCombines: length must be a power of two, not ${length}.`);
  let combines = 0;
  for (let distance = 1; distance < length; distance *= 2) combines += length - distance;
  return combines;
}

const SUPERSCRIPT_DIGITS = '⁰¹²³⁴⁵⁶⁷⁸⁹';

/** A quoted mantissa and power of ten as prose writes it: { 2.3, 19 } → "2.3 × 10¹⁹". */
export function formatPowerOfTen({ mantissa, exponent }: { mantissa: number; exponent: number }): string {
  if (!Number.isInteger(exponent) || exponent < 0) throw new Error(`formatPowerOfTen: exponent must be a whole number ≥ 0, not ${exponent}.`);
  const superscript = [...String(exponent)].map((digit) => SUPERSCRIPT_DIGITS[Number(digit)]).join('');
  return `${mantissa} × 10${superscript}`;
}

export function formatRatio([recurrent, attention]: readonly [number, number]): string {
  return `${recurrent}:${attention}`;
}

// ---------------------------------------------------------------------------
// Values for the prose, merged into lessonNumbers and lessonFormulas.
// ---------------------------------------------------------------------------

const base = BASE_TRANSFORMER;
const baseHead = headWidth(base.width, base.heads);
/** The article's short sequence, used for the multi-head example (the same 512 as ARTICLE_SEQUENCE_LENGTHS.short). */
const multiHeadT = 512;
/** The decode example of chapter 6: width 512 at position 4,096 (the same as figures.ts's kvExamplePosition). */
const decode = { width: 512, position: 4096 } as const;
const decodeLayer = transformerDecodeStepMacs(decode.position, decode.width);
const decodeRest = decodeLayer - kvStepMacs(decode.position, decode.width);
const clipped = clipByNorm(CLIPPING_EXAMPLE.gradient, CLIPPING_EXAMPLE.threshold);
const clipNorm = Math.hypot(...CLIPPING_EXAMPLE.gradient);
const mla = mlaCacheValues(DEEPSEEK_V2_MLA);
const parityStates = parityBySignRecurrence(PARITY_EXAMPLE);

const ex = EXERCISES;
const halfGate = gateForHalfLife(ex.halfOverSteps);
const hybridAttentionLayers = ex.hybridLayers * attentionLayerShare(HYBRID_RATIOS.qwen3Next);

export const completeLessonNumbers = {
  // Faults of the second review.
  hybridWindow: formatCount(HYBRID_LOCAL_WINDOW),
  associativeMemoryYear: String(ASSOCIATIVE_MEMORY_YEAR),
  decodeRestMacs: formatLarge(decodeRest),
  decodeLayerMacs: formatLarge(decodeLayer),
  decodeLayerOverElman: formatSignificant(decodeLayer / rnnStepMacs(decode.width), 3),
  decodeLayerOverLstm: formatSignificant(decodeLayer / (4 * rnnStepMacs(decode.width)), 3),

  // The evidence that drove the shift (quoted from Vaswani et al. 2017, Table 2).
  vaswaniBigBleu: VASWANI_TABLE2_EN_DE.big.bleu,
  vaswaniBigFlops: formatPowerOfTen(VASWANI_TABLE2_EN_DE.big.flops),
  vaswaniBaseBleu: VASWANI_TABLE2_EN_DE.base.bleu,
  vaswaniBaseFlops: formatPowerOfTen(VASWANI_TABLE2_EN_DE.base.flops),
  convS2SEnsembleBleu: VASWANI_TABLE2_EN_DE.convS2SEnsemble.bleu,
  convS2SEnsembleFlops: formatPowerOfTen(VASWANI_TABLE2_EN_DE.convS2SEnsemble.flops),
  gnmtEnsembleBleu: VASWANI_TABLE2_EN_DE.gnmtEnsemble.bleu,
  gnmtEnsembleFlops: formatPowerOfTen(VASWANI_TABLE2_EN_DE.gnmtEnsemble.flops),

  // Multi-head attention, with the base model's numbers.
  baseWidth: formatCount(base.width),
  baseHeads: formatCount(base.heads),
  baseHeadWidth: formatCount(baseHead),
  baseFfnWidth: formatCount(base.ffnWidth),
  baseProjectionMacs: formatLarge(attentionProjectionMacsPerToken(base.width)),
  multiHeadT: formatCount(multiHeadT),
  multiHeadScoreEntries: formatLarge(multiHeadScoreEntries(multiHeadT, base.heads)),
  multiHeadCoreMacs: formatLarge(multiHeadCoreMacs(multiHeadT, base.width, base.heads)),

  // BPTT and clipping.
  clipNorm: formatCount(clipNorm),
  clipThreshold: formatCount(CLIPPING_EXAMPLE.threshold),

  // Where recurrence stands.
  jambaRatio: formatRatio(HYBRID_RATIOS.jamba),
  qwen3NextRatio: formatRatio(HYBRID_RATIOS.qwen3Next),
  kimiLinearRatio: formatRatio(HYBRID_RATIOS.kimiLinear),
  minimaxRatio: formatRatio(HYBRID_RATIOS.minimax01),
  graniteRatio: formatRatio(HYBRID_RATIOS.granite4),
  qwen3NextCacheShare: formatPercent(attentionLayerShare(HYBRID_RATIOS.qwen3Next), 3),
  minimaxCacheShare: formatPercent(attentionLayerShare(HYBRID_RATIOS.minimax01), 3),
  graniteCacheShare: formatPercent(attentionLayerShare(HYBRID_RATIOS.granite4), 3),
  nemotronMambaLayers: formatCount(NEMOTRON_H_8B.mamba2Layers),
  nemotronAttentionLayers: formatCount(NEMOTRON_H_8B.attentionLayers),
  nemotronFfnLayers: formatCount(NEMOTRON_H_8B.ffnLayers),
  nemotronRatio: formatRatio(NEMOTRON_H_8B_RATIO),
  nemotronCacheShare: formatPercent(attentionLayerShare(NEMOTRON_H_8B_RATIO), 3),
  mlaCacheValues: formatCount(mla.mla),
  mhaCacheValuesDeepseek: formatCount(mla.mha),
  mlaOverMha: formatPercent(mla.mla / mla.mha, 3),
  mlaShrink: formatSignificant(mla.mha / mla.mla, 3),
  mlaReportedReduction: formatPercent(DEEPSEEK_V2_MLA.reportedCacheReduction, 3),
  kvServedBits: formatCount(KV_QUANT_BITS.served),
  kvQuantBits: formatCount(KV_QUANT_BITS.quantised),
  kvQuantFactor: formatCount(KV_QUANT_BITS.served / KV_QUANT_BITS.quantised),

  // Expressivity.
  permutedElements: formatCount(STATE_TRACKING_PERMUTED),
  permutationStates: formatCount(factorial(STATE_TRACKING_PERMUTED)),
  parityOnes: formatCount(PARITY_EXAMPLE.filter((bit) => bit === 1).length),

  // Exercises.
  exWavesT: formatCount(ex.wavesT),
  exArticleLanes: formatCount(ex.articleLanes),
  exWaves: formatCount(scoreWaves(ex.wavesT, ex.articleLanes)),
  exWideWidth: formatCount(ex.wideWidth),
  exWideHeads: formatCount(ex.wideHeads),
  exWideHeadWidth: formatCount(headWidth(ex.wideWidth, ex.wideHeads)),
  exSmallVocabulary: formatCount(ex.smallVocabulary),
  exSmallVocabularyBits: formatSignificant(Math.log2(ex.smallVocabulary), 4),
  exStateWidth: formatCount(ex.stateWidth),
  exStateBits: formatCount(32 * ex.stateWidth),
  exTokensInState: formatCount(tokensInFp32State(ex.stateWidth, ex.smallVocabulary)),
  exRecallState: formatCount(ex.recallState),
  exRecallEstimate: formatCount(recallCapacityEstimate(ex.recallState)),
  exRecallWindowPairs: formatCount(ex.recallState / (2 * RECALL_EXPERIMENT.width)),
  exRecallWidth: formatCount(RECALL_EXPERIMENT.width),
  exHalfOverSteps: formatCount(ex.halfOverSteps),
  exHalfGate: formatSignificant(halfGate, 4),
  exHalfGateBias: formatSignificant(Math.log(halfGate / (1 - halfGate)), 3),
  exSmallGradient: ex.smallGradient.join(', '),
  exSmallGradientNorm: formatSignificant(Math.hypot(...ex.smallGradient), 2),
  exDiffuseT: formatCount(ex.diffuseT),
  exScoreLead: formatSignificant(scoreLeadForHalfWeight(ex.diffuseT), 3),
  exScoreBudget: formatBytes(EXERCISES.scoreBudgetBytes),
  exScoreBudgetT: formatCount(largestSequenceForScores(ex.scoreBudgetBytes, 4)),
  exCrossoverWidth: formatCount(ex.crossoverWidth),
  exCrossoverCausalT: formatCount(causalAttentionEqualsRestLength(ex.crossoverWidth)),
  exHybridLayers: formatCount(ex.hybridLayers),
  exHybridAttentionLayers: formatCount(hybridAttentionLayers),
  exHybridRecurrentLayers: formatCount(ex.hybridLayers - hybridAttentionLayers),
  exMlaGroups: formatSignificant(mla.mla / (2 * DEEPSEEK_V2_MLA.headDim), 3),
  exMlaHeadWidth: formatCount(DEEPSEEK_V2_MLA.headDim),
  exStreamingMultiple: formatCount(ex.streamingMultiple),
  exStreamingWidth: formatCount(ex.streamingWidth),
  exStreamingPosition: formatCount(streamingCountedPosition(ex.streamingMultiple, ex.streamingWidth)),

  // Names that contain digits.
  qwen3Next: 'Qwen3-Next',
  minimax01: 'MiniMax-01',
  llama4Scout: 'Llama 4 Scout',
  qwen25Million: 'Qwen2.5-1M',
  granite4: 'Granite 4.0',
  nemotronH: 'Nemotron-H',
  nemotronH8b: 'Nemotron-H-8B',
  falconH1: 'Falcon-H1',
  deepseekV2: 'DeepSeek-V2',
  deepseek67b: 'DeepSeek 67B',
  rwkv7: 'RWKV-7',
} as const;

export const completeLessonFormulas = {
  multiHeadSplit: `d_k = d_v = \\frac{d_\\text{model}}{h} = \\frac{${base.width}}{${base.heads}} = ${baseHead}`,
  multiHeadCore: `2 \\cdot h \\cdot T^2 d_k = 2 \\cdot ${base.heads} \\cdot ${multiHeadT}^2 \\cdot ${baseHead} = 2\\,T^2 d_\\text{model} = ${texInt(multiHeadCoreMacs(multiHeadT, base.width, base.heads))}`,
  clipExample: `g = (${CLIPPING_EXAMPLE.gradient.join(',\\ ')}),\\ \\lVert g \\rVert = ${clipNorm} > \\theta = ${CLIPPING_EXAMPLE.threshold} \\ \\Rightarrow\\ g \\leftarrow \\frac{\\theta}{\\lVert g \\rVert}\\, g = (${clipped.map((value) => formatSignificant(value, 3)).join(',\\ ')})`,
  decodeLayer: `\\underbrace{2\\,t\\,d}_{\\text{cache}} + \\underbrace{12\\,d^2}_{\\text{projections, MLP}} = ${texInt(kvStepMacs(decode.position, decode.width))} + ${texInt(decodeRest)} = ${texInt(decodeLayer)}`,
  mlaCache: `\\underbrace{${DEEPSEEK_V2_MLA.latent} + ${DEEPSEEK_V2_MLA.ropeKey}}_{\\text{MLA}} = ${mla.mla} \\quad\\text{against}\\quad \\underbrace{2 \\cdot ${DEEPSEEK_V2_MLA.heads} \\cdot ${DEEPSEEK_V2_MLA.headDim}}_{\\text{keys and values of every head}} = ${texInt(mla.mha)}`,
  parityExample: `x = (${PARITY_EXAMPLE.join(',\\ ')}): \\quad h = ${parityStates.map((value) => (value > 0 ? '+1' : '-1')).join(' \\to ')}`,
  permutationStates: `${STATE_TRACKING_PERMUTED}! = ${factorial(STATE_TRACKING_PERMUTED)}`,
  exWaves: `\\left\\lceil \\frac{${ex.wavesT}^2}{${texInt(ex.articleLanes)}} \\right\\rceil = \\left\\lceil \\frac{${texInt(ex.wavesT ** 2)}}{${texInt(ex.articleLanes)}} \\right\\rceil = ${texInt(scoreWaves(ex.wavesT, ex.articleLanes))}`,
  exTokensInState: `\\left\\lfloor \\frac{32 \\times ${ex.stateWidth}}{\\log_2 ${texInt(ex.smallVocabulary)}} \\right\\rfloor = \\left\\lfloor \\frac{${texInt(32 * ex.stateWidth)}}{${formatSignificant(Math.log2(ex.smallVocabulary), 4)}} \\right\\rfloor = ${texInt(tokensInFp32State(ex.stateWidth, ex.smallVocabulary))}`,
  exHalfGate: `f = 0.5^{1/${texInt(ex.halfOverSteps)}} \\approx ${formatSignificant(halfGate, 4)}, \\qquad b_f = \\ln \\frac{f}{1 - f} \\approx ${formatSignificant(Math.log(halfGate / (1 - halfGate)), 3)}`,
  exScoreLead: `\\frac{e^{\\Delta}}{e^{\\Delta} + (T - 1)} \\ge \\frac{1}{2} \\iff \\Delta \\ge \\ln(T - 1) = \\ln ${texInt(ex.diffuseT - 1)} \\approx ${formatSignificant(scoreLeadForHalfWeight(ex.diffuseT), 3)}`,
  exScoreBudgetT: `T = \\left\\lfloor \\sqrt{2^{30}\\,\\text{B} / 4\\,\\text{B}} \\right\\rfloor = ${texInt(largestSequenceForScores(ex.scoreBudgetBytes, 4))}`,
} as const;

function texInt(value: number): string {
  return formatCount(value).replace(/,/g, '{,}');
}
