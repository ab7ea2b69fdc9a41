/**
 * Every number the lesson's prose states is computed here, from the few
 * assumptions at the top. Chapters show these values through `<Num>` and
 * `<Tex>` and never type a figure by hand, so a reader who checks our
 * arithmetic finds the same thing this module (and its unit test) does.
 *
 * Pure TypeScript: no DOM, no Astro, no Node APIs. The cost formulas live next
 * to each kernel family's reference (kernels/<family>/cost.ts) and are shared
 * with the experiments and calculators.
 */
import { attentionFlops, attentionMacs, kvCacheValues, kvStepMacs, largestSequenceForScores } from '../../kernels/attention/cost';
import { weightFlopsPerToken } from '../../kernels/matmul/cost';
import { rnnForwardFlops, rnnStepMacs } from '../../kernels/rnn/cost';
import { formatBytes, formatCount, formatDecimalBytes, formatLarge, formatPercent, formatSignificant } from '../utils/format';

export { attentionFlops, kvCacheValues, kvStepMacs, largestSequenceForScores, rnnForwardFlops, rnnStepMacs };
// Light enough for islands (the wave stepper), so they need not load this module.
export { attentionScoreCount, scoreWaves, FIGURE_TOY_LANES, FIGURE_TOY_LENGTHS } from './waves';
import { attentionScoreCount, scoreWaves } from './waves';

import { attentionReference, attentionWeightsReference } from '../../kernels/attention/reference';
import { rnnForwardReference } from '../../kernels/rnn/reference';
import { recallCapacityEstimate } from '../../kernels/recall/capacity';
import { RECALL_EXPERIMENT } from './recall-experiment';
import { planChunkedScan } from '../../kernels/scan/reference';
import { chunkedScanCount, sequentialScanCount } from '../../kernels/scan/cost';
import { completeLessonFormulas, completeLessonNumbers } from './figures-complete';

// ---------------------------------------------------------------------------
// Assumptions: the inputs the article states or implies.
// ---------------------------------------------------------------------------

/** Sequence lengths at which the article quotes the size of the attention matrix. */
export const ARTICLE_SEQUENCE_LENGTHS = { short: 512, medium: 4096, huge: 100_000 } as const;

/** The article's "short sequence" and "prohibitive" thresholds, and its "very long" length. */
export const ARTICLE_THRESHOLDS = { short: 2048, prohibitive: 32_768, veryLong: 50_000 } as const;

/** The article's hypothetical GPU: "10,000 parallel units". */
export const ARTICLE_GPU_LANES = 10_000;

/** Model width used for the lesson's worked examples (the article's 512×512 matrix). */
export const EXAMPLE_WIDTH = 512;

/** The article's forget-gate value and the number of steps it is applied over. */
export const ARTICLE_FORGET_GATE = 0.99;
export const ARTICLE_FORGET_STEPS = 500;

/** The article's rounded claim for that product: "a 99% reduction". */
export const ARTICLE_CLAIMED_REDUCTION = 0.99;

/** The article's empirical reach of LSTMs and GRUs, in steps (a reported range, not derived). */
export const ARTICLE_LSTM_REACH = { low: 100, high: 500 } as const;

/** The article's path-length example: position 1 and position 100. */
export const ARTICLE_PATH_POSITIONS = { from: 1, to: 100 } as const;

/** The article's on-device LSTM: 2 layers of 256 hidden units, and its "~500K parameters" claim. */
export const ARTICLE_EDGE_LSTM = { layers: 2, hidden: 256, claimedParameters: 500_000, claimedStepMs: 1 } as const;

/** Attention heads per layer in the lesson's "realistic layer" example. */
export const EXAMPLE_HEADS = 32;

/** A large data-centre GPU's memory, in bytes (80 GB, as marketed in decimal units). */
export const EXAMPLE_GPU_MEMORY_BYTES = 80e9;

/** WebGPU's default `maxBufferSize` (256 MiB), the ceiling a browser grants without asking. */
export const WEBGPU_DEFAULT_MAX_BUFFER_BYTES = 256 * 1024 * 1024;

/** Bytes per value at the two precisions the lesson quotes. */
export const BYTES_PER_VALUE = { fp32: 4, fp16: 2 } as const;

/** The associative-recall experiment: key and value width, questions per length, and its shortest length. */
export { RECALL_EXPERIMENT };

/** Years: the transformer paper, and the end of the shift. */
export const TIMELINE = { transformerPaper: 2017, shiftComplete: 2020 } as const;

// ---------------------------------------------------------------------------
// The arithmetic.
// ---------------------------------------------------------------------------

/** Bytes for `values` numbers at a precision. */
export function bytesFor(values: number, precision: keyof typeof BYTES_PER_VALUE): number {
  return values * BYTES_PER_VALUE[precision];
}

/** The forget gate's contribution to ∂c_T/∂c_{T−k}: f multiplied by itself k times. */
export function forgetGateProduct(forgetGate: number, steps: number): number {
  return forgetGate ** steps;
}

/** Steps after which a constant forget gate has halved the signal. */
export function forgetGateHalfLife(forgetGate: number): number {
  return Math.log(0.5) / Math.log(forgetGate);
}

/** Hidden-state updates between two positions in an RNN (attention always needs 1). */
export function recurrentPathLength(from: number, to: number): number {
  return Math.abs(to - from);
}

/** Parameters of one LSTM layer: four gates, each with input and recurrent weights and one bias. */
export function lstmLayerParameters(hidden: number, input: number): number {
  return 4 * (hidden * (input + hidden) + hidden);
}

/** Parameters of a stack of LSTM layers whose first layer reads `input` features. */
export function lstmStackParameters(layers: number, hidden: number, input: number): number {
  let total = 0;
  for (let layer = 0; layer < layers; layer++) {
    total += lstmLayerParameters(hidden, layer === 0 ? input : hidden);
  }
  return total;
}

/** Parameters of one GRU layer: three gates, each with input and recurrent weights and one bias. */
export function gruLayerParameters(hidden: number, input: number): number {
  return 3 * (hidden * (input + hidden) + hidden);
}

/**
 * Parameters of one transformer block of width d with a feed-forward width of
 * `ffnMultiple`·d: Q, K, V and output projections with biases, the two
 * feed-forward matrices with biases, and two layer norms (scale and shift).
 */
export function transformerLayerParameters(width: number, ffnMultiple = 4): number {
  const ffn = ffnMultiple * width;
  return 4 * (width * width + width) + (width * ffn + ffn) + (ffn * width + width) + 2 * 2 * width;
}

// ---------------------------------------------------------------------------
// The 2026 revision (issue 12): corrections argued from whole layers, bits and
// a named model, worked examples, and the spine table. Sources are in
// content/references.ts; every figure below is tested by hand in
// tests/unit/figures-2026.test.ts.
// ---------------------------------------------------------------------------

/**
 * Llama 3 8B, as published in "The Llama 3 Herd of Models" (2024), Table 3:
 * a realistic configuration for KV-cache and prefill arithmetic. Context is
 * Llama 3.1's 128K tokens. The vocabulary is the released tokenizer's 128,256
 * entries (the config's vocab_size): the table's rounded 128,000 plus 256
 * reserved special tokens.
 */
export const LLAMA3_8B = {
  layers: 32,
  width: 4096,
  ffnWidth: 14_336,
  heads: 32,
  kvHeads: 8,
  headDim: 128,
  vocabulary: 128_256,
  context: 128 * 1024,
} as const;

/** bf16, the format such models are served in: two bytes per value. */
export const BF16_BYTES = 2;

/** A million-token context, the upper end of what is served in 2026. */
export const MILLION_TOKEN_CONTEXT = 1024 * 1024;

/** WebGPU's default `maxStorageBufferBindingSize` (128 MiB): the most one shader binding may read. */
export const WEBGPU_DEFAULT_MAX_STORAGE_BINDING_BYTES = 128 * 1024 * 1024;

/** Streaming multiprocessors on an NVIDIA H100 SXM5, from NVIDIA's H100 architecture whitepaper. */
export const H100_SXM_SMS = 132;

/** A typical output tile of a GPU matrix-multiply kernel: 128×128 outputs per thread block (an assumption). */
export const GEMM_TILE = 128;

/** Forget-gate values whose half-lives the lesson compares. */
export const FORGET_GATES_COMPARED = { article: 0.99, slower: 0.999 } as const;

/** The common forget-gate bias of 1 (Gers et al. 2000; Jozefowicz et al. 2015). */
export const FORGET_BIAS_ONE = 1;

/** Kernel width of the convolutional layer and window of sliding-window attention in the spine table. */
export const SPINE_EXAMPLE = { kernel: 3, window: 1024 } as const;

/**
 * Years of the three papers in the lesson's history, of linear attention
 * (Katharopoulos et al. 2020), of the first recurrent language models trained
 * at scale in parallel (RWKV and Mamba, both 2023), and of the first released
 * attention–recurrence hybrids (Jamba, RecurrentGemma).
 */
export const HISTORY = { seq2seq: 2014, bahdanau: 2014, linearAttention: 2020, recurrenceAtScale: 2023, firstHybrids: 2024 } as const;

/** State size (numbers) of the recall example in the bits argument: the bottleneck experiment's default. */
export const RECALL_EXAMPLE_STATE = 256;

/**
 * Khandelwal et al. 2018, "Sharp Nearby, Fuzzy Far Away", as quoted in their
 * abstract: an LSTM language model uses about 200 tokens of context, and word
 * order matters only within about the last 50. Quoted, not measured here.
 */
export const KHANDELWAL_2018 = { contextUsed: 200, orderSensitive: 50 } as const;

/** Bits one fp32 number can hold at most. */
export const FP32_BITS = 32;

/** Shannon capacity ceiling: tokens of `bitsPerToken` that `width` numbers of `bitsPerValue` bits can hold at most. */
export function tokensWithinBits(width: number, bitsPerValue: number, bitsPerToken: number): number {
  return Math.floor((width * bitsPerValue) / bitsPerToken);
}

/** Bits a token drawn from a vocabulary of `vocabulary` symbols carries at most: log₂ V. */
export function bitsPerToken(vocabulary: number): number {
  return Math.log2(vocabulary);
}

/**
 * Largest T for which T key–value pairs can be recalled from `stateValues`
 * numbers of `bitsPerValue` bits by counting alone: naming which of T values
 * goes with each of T keys picks one of T! arrangements, so it takes
 * log₂ T! = log₂ 1 + log₂ 2 + … + log₂ T bits (a little under T·log₂T).
 */
export function recallPairsWithinBits(stateValues: number, bitsPerValue: number): number {
  const budget = stateValues * bitsPerValue;
  let pairs = 1;
  let bits = 0; // log₂ 1! = 0
  while (bits + Math.log2(pairs + 1) <= budget) {
    pairs++;
    bits += Math.log2(pairs);
  }
  return pairs;
}

/**
 * Multiply-adds of one transformer layer over T tokens at width d, without a
 * causal mask: Q, K, V and output projections (4d² per token), an MLP of
 * width `ffnMultiple`·d (2·ffnMultiple·d² per token) and attention's QKᵀ and
 * PV (2T²d).
 */
export function transformerLayerMacs(sequenceLength: number, width: number, ffnMultiple = 4): number {
  return sequenceLength * projectionAndMlpMacsPerToken(width, ffnMultiple) + attentionMacs({ sequenceLength, keyDim: width, valueDim: width });
}

/** Per-token multiply-adds of a transformer layer outside attention: projections and MLP, (4 + 2·ffnMultiple)·d². */
export function projectionAndMlpMacsPerToken(width: number, ffnMultiple = 4): number {
  return (4 + 2 * ffnMultiple) * width * width;
}

/** Multiply-adds of one Elman layer over T tokens (input as wide as the state). */
export function elmanLayerMacs(sequenceLength: number, width: number): number {
  return sequenceLength * rnnStepMacs(width);
}

/** The T at which a transformer layer's T² part (2T²d) equals the rest ((4 + 2·ffnMultiple)·T·d²): (2 + ffnMultiple)·d. */
export function attentionEqualsRestLength(width: number, ffnMultiple = 4): number {
  return (2 + ffnMultiple) * width;
}

/** Per-token, per-layer multiply-adds of a Llama-style layer outside attention: Q, K, V, O and a gated (three-matrix) MLP. */
export function llamaLayerMacsPerToken(config: typeof LLAMA3_8B): number {
  const { width, ffnWidth, heads, kvHeads, headDim } = config;
  return 2 * width * heads * headDim + 2 * width * kvHeads * headDim + 3 * width * ffnWidth;
}

/** Causal attention multiply-adds of one layer over a prefill of T tokens: scores and weighted sum over about T²/2 pairs, all heads. */
export function llamaCausalAttentionMacs(sequenceLength: number, config: typeof LLAMA3_8B): number {
  return config.heads * config.headDim * sequenceLength * sequenceLength;
}

/** The prefill length at which causal attention equals the rest of a Llama-style layer's work. */
export function llamaAttentionEqualsRestLength(config: typeof LLAMA3_8B): number {
  return llamaLayerMacsPerToken(config) / (config.heads * config.headDim);
}

/** FLOPs of a whole prefill of T tokens through every layer (2 per multiply-add; embeddings and norms left out). */
export function llamaPrefillFlops(sequenceLength: number, config: typeof LLAMA3_8B): number {
  return 2 * config.layers * (sequenceLength * llamaLayerMacsPerToken(config) + llamaCausalAttentionMacs(sequenceLength, config));
}

/** KV-cache bytes per token: a key and a value per KV head per layer. */
export function kvBytesPerToken(layers: number, kvHeads: number, headDim: number, bytesPerValue: number): number {
  return 2 * layers * kvHeads * headDim * bytesPerValue;
}

/** The logistic sigmoid, the forget gate's squashing function. */
export function sigmoid(x: number): number {
  return 1 / (1 + Math.exp(-x));
}

/** The pre-activation bias that holds a gate at `gate` when the rest of its input is zero: logit(gate). */
export function gateBiasFor(gate: number): number {
  return Math.log(gate / (1 - gate));
}

/** Extra memory of tiled attention per head: a running maximum and sum for each of T rows, at fp32. */
export function tiledAttentionExtraBytes(sequenceLength: number): number {
  return 2 * sequenceLength * BYTES_PER_VALUE.fp32;
}

/** Thread blocks a square n×n matrix product launches at one block per tile×tile of output. */
export function gemmTiles(size: number, tile = GEMM_TILE): number {
  return Math.ceil(size / tile) ** 2;
}

/** Values BPTT keeps for one Elman layer over T steps: every hidden state. */
export function bpttStoredValues(sequenceLength: number, width: number): number {
  return sequenceLength * width;
}

/**
 * Numbers in real-time recurrent learning's sensitivity tensor ∂h/∂W_hh for d
 * fully connected units: d state entries by d² recurrent weights, d³.
 */
export function rtrlSensitivityValues(width: number): number {
  return width ** 3;
}

/** Order of the multiply-adds per step of real-time recurrent learning for d fully connected units: d⁴. */
export function rtrlStepMacs(width: number): number {
  return width ** 4;
}

/**
 * The scan chapter's worked case: the scan experiment's default width (4
 * channels), a long sequence (2¹⁸ steps), and the chunked scan planned for an
 * assumed 1,024 parallel lanes, a small GPU.
 */
export const SCAN_WORK_EXAMPLE = { length: 2 ** 18, channels: 4, lanes: 1024 } as const;

/** Floating-point operations of the chunked scan over those of the loop, both as counted by the kernels' CPU reference. */
export function chunkedOverSequentialFlops(length: number, channels: number, lanes: number): number {
  const shape = { length, channels };
  return chunkedScanCount(planChunkedScan(shape, lanes)).flops / sequentialScanCount(shape).flops;
}

/** Rows of the spine table (after Vaswani et al. 2017, Table 1), at T, d, a kernel width k and a window w. */
export function spineTable(sequenceLength: number, width: number, kernel: number, window: number) {
  return {
    recurrent: { macs: elmanLayerMacs(sequenceLength, width), sequential: sequenceLength, path: sequenceLength - 1 },
    convolutional: { macs: kernel * sequenceLength * width * width, sequential: 1, path: Math.ceil((sequenceLength - 1) / (kernel - 1)) },
    selfAttention: { macs: attentionMacs({ sequenceLength, keyDim: width, valueDim: width }), sequential: 1, path: 1 },
    slidingWindow: {
      macs: attentionMacs({ sequenceLength: window, queries: sequenceLength, keyDim: width, valueDim: width }),
      sequential: 1,
      path: Math.ceil((sequenceLength - 1) / window),
    },
  };
}

/** The worked attention example: three tokens, keys and queries of width two, values of width two. */
export const WORKED_ATTENTION = {
  q: [
    [1, 0],
    [0, 2],
    [1, 1],
  ],
  k: [
    [1, 0],
    [0, 1],
    [1, 1],
  ],
  v: [
    [1, 0],
    [0, 1],
    [2, 2],
  ],
} as const;

/** The worked RNN example: two hidden units, one input, three steps, h_0 = 0, no bias. */
export const WORKED_RNN = {
  wHh: [
    [0.5, -0.5],
    [0.5, 0.5],
  ],
  wXh: [[1], [0.5]],
  x: [1, 0.5, -0.5],
} as const;

/** Scores, weights and outputs of the worked attention example, from the kernels' CPU reference. */
export function workedAttention() {
  const { q, k, v } = WORKED_ATTENTION;
  const shape = { sequenceLength: q.length, keyDim: q[0]!.length, valueDim: v[0]!.length };
  const flat = (rows: ReadonlyArray<ReadonlyArray<number>>) => Float32Array.from(rows.flat());
  const scale = 1 / Math.sqrt(shape.keyDim);
  const scores = q.map((row) => k.map((key) => scale * row.reduce<number>((sum, value, i) => sum + value * key[i]!, 0)));
  const weights = attentionWeightsReference(flat(q), flat(k), shape);
  const output = attentionReference(flat(q), flat(k), flat(v), shape);
  const rows = (values: Float32Array, columns: number) =>
    Array.from({ length: values.length / columns }, (_, r) => Array.from(values.subarray(r * columns, (r + 1) * columns)));
  return { scores, weights: rows(weights, shape.sequenceLength), output: rows(output, shape.valueDim) };
}

/** Pre-activations and states of the worked RNN example, the states from the kernels' CPU reference. */
export function workedRnn() {
  const { wHh, wXh, x } = WORKED_RNN;
  const shape = { steps: x.length, hidden: wHh.length, input: 1 };
  const weights = { wHh: Float32Array.from(wHh.flat()), wXh: Float32Array.from(wXh.flat()), bias: new Float32Array(shape.hidden) };
  const all = rnnForwardReference(weights, Float32Array.from(x), shape);
  const states = Array.from({ length: shape.steps + 1 }, (_, t) => Array.from(all.subarray(t * shape.hidden, (t + 1) * shape.hidden)));
  const preActivations = x.map((input, t) => wHh.map((row, i) => row.reduce<number>((sum, w, j) => sum + w * states[t]![j]!, 0) + wXh[i]![0]! * input));
  return { preActivations, states };
}

// ---------------------------------------------------------------------------
// The values the prose shows, by name. `<Num of="…">` reads `lessonNumbers`,
// `<Tex of="…">` reads `lessonFormulas`.
// ---------------------------------------------------------------------------

const { short, medium, huge } = ARTICLE_SEQUENCE_LENGTHS;
const d = EXAMPLE_WIDTH;
const forget500 = forgetGateProduct(ARTICLE_FORGET_GATE, ARTICLE_FORGET_STEPS);
const edgeParameters = lstmStackParameters(ARTICLE_EDGE_LSTM.layers, ARTICLE_EDGE_LSTM.hidden, ARTICLE_EDGE_LSTM.hidden);
const edgeLayerParameters = lstmLayerParameters(ARTICLE_EDGE_LSTM.hidden, ARTICLE_EDGE_LSTM.hidden);
const edgeStepFlops = weightFlopsPerToken(edgeParameters);
const hugeScoresFp32 = bytesFor(attentionScoreCount(huge), 'fp32');
const kvExamplePosition = medium;
const headFlops = (t: number) => attentionFlops({ sequenceLength: t, keyDim: d, valueDim: d });
const rnnFlopsAt = (t: number) => rnnForwardFlops({ steps: t, hidden: d, input: d });

// The 2026 revision (issue 12).
const llama = LLAMA3_8B;
const llamaKvPerToken = kvBytesPerToken(llama.layers, llama.kvHeads, llama.headDim, BF16_BYTES);
const llamaCrossover = llamaAttentionEqualsRestLength(llama);
const tokenBits = bitsPerToken(llama.vocabulary);
const worked = workedAttention();
const workedSteps = workedRnn();
const transformerOverElmanMedium = transformerLayerMacs(medium, d) / elmanLayerMacs(medium, d);
const slowerGate = FORGET_GATES_COMPARED.slower;
const gateAtBiasOne = sigmoid(FORGET_BIAS_ONE);

/** Named, formatted values for the prose. Keys are stable: chapters refer to them. */
export const lessonNumbers = {
  transformerYear: String(TIMELINE.transformerPaper),
  shiftEndYear: String(TIMELINE.shiftComplete),

  // Chapter: sequential computation
  exampleWidth: formatCount(d),
  rnnStepMacsAtWidth: formatCount(d * d),
  gpuLanes: formatCount(ARTICLE_GPU_LANES),
  shortT: formatCount(short),
  scoresShort: formatCount(attentionScoreCount(short)),
  scoreWavesShort: formatCount(scoreWaves(short, ARTICLE_GPU_LANES)),
  largestOneWaveT: formatCount(Math.floor(Math.sqrt(ARTICLE_GPU_LANES))),
  attentionMacsShort: formatLarge(short * short * d),

  // Chapter: the bottleneck
  pathFrom: formatCount(ARTICLE_PATH_POSITIONS.from),
  pathTo: formatCount(ARTICLE_PATH_POSITIONS.to),
  pathUpdates: formatCount(recurrentPathLength(ARTICLE_PATH_POSITIONS.from, ARTICLE_PATH_POSITIONS.to)),
  recallWidth: formatCount(RECALL_EXPERIMENT.width),
  recallQuestions: formatCount(RECALL_EXPERIMENT.questions),
  recallShortestT: formatCount(RECALL_EXPERIMENT.shortestT),

  // Chapter: long-range dependencies
  lstmReachLow: formatCount(ARTICLE_LSTM_REACH.low),
  lstmReachHigh: formatCount(ARTICLE_LSTM_REACH.high),
  forgetGate: String(ARTICLE_FORGET_GATE),
  forgetSteps: formatCount(ARTICLE_FORGET_STEPS),
  forgetProduct500: formatSignificant(forget500, 3),
  forgetReduction500: formatPercent(1 - forget500),
  articleClaimedReduction: formatPercent(ARTICLE_CLAIMED_REDUCTION),
  forgetProductAtReachLow: formatSignificant(forgetGateProduct(ARTICLE_FORGET_GATE, ARTICLE_LSTM_REACH.low), 3),
  forgetHalfLife: formatSignificant(forgetGateHalfLife(ARTICLE_FORGET_GATE), 3),

  // Chapter: the cost
  mediumT: formatCount(medium),
  hugeT: formatCount(huge),
  scoresMedium: formatCount(attentionScoreCount(medium)),
  scoresMediumLarge: formatLarge(attentionScoreCount(medium)),
  scoresHuge: formatLarge(attentionScoreCount(huge)),
  scoresShortBytesFp32: formatBytes(bytesFor(attentionScoreCount(short), 'fp32')),
  scoresMediumBytesFp32: formatBytes(bytesFor(attentionScoreCount(medium), 'fp32')),
  scoresHugeBytesFp32: formatDecimalBytes(hugeScoresFp32),
  scoresHugeBytesFp32Binary: formatBytes(hugeScoresFp32),
  scoresHugeBytesFp16: formatDecimalBytes(bytesFor(attentionScoreCount(huge), 'fp16')),
  exampleGpuMemory: formatDecimalBytes(EXAMPLE_GPU_MEMORY_BYTES),
  exampleHeads: formatCount(EXAMPLE_HEADS),
  hugeLayerBytesFp32: formatDecimalBytes(EXAMPLE_HEADS * hugeScoresFp32),
  webgpuDefaultMaxBuffer: formatBytes(WEBGPU_DEFAULT_MAX_BUFFER_BYTES),
  webgpuLargestT: formatCount(largestSequenceForScores(WEBGPU_DEFAULT_MAX_BUFFER_BYTES, BYTES_PER_VALUE.fp32)),
  shortThreshold: formatCount(ARTICLE_THRESHOLDS.short),
  shortThresholdBytes: formatBytes(bytesFor(attentionScoreCount(ARTICLE_THRESHOLDS.short), 'fp32')),
  prohibitiveThreshold: formatCount(ARTICLE_THRESHOLDS.prohibitive),
  prohibitiveThresholdBytes: formatBytes(bytesFor(attentionScoreCount(ARTICLE_THRESHOLDS.prohibitive), 'fp32')),
  prohibitiveLayerBytes: formatBytes(EXAMPLE_HEADS * bytesFor(attentionScoreCount(ARTICLE_THRESHOLDS.prohibitive), 'fp32')),
  flopRatioMedium: formatSignificant(headFlops(medium) / rnnFlopsAt(medium), 3),
  flopRatioHuge: formatSignificant(headFlops(huge) / rnnFlopsAt(huge), 3),

  // Chapter: when RNNs still win
  veryLongT: formatCount(ARTICLE_THRESHOLDS.veryLong),
  veryLongScoresBytes: formatDecimalBytes(bytesFor(attentionScoreCount(ARTICLE_THRESHOLDS.veryLong), 'fp32')),
  veryLongScores: formatLarge(attentionScoreCount(ARTICLE_THRESHOLDS.veryLong)),
  edgeLayers: formatCount(ARTICLE_EDGE_LSTM.layers),
  edgeHidden: formatCount(ARTICLE_EDGE_LSTM.hidden),
  edgeClaimedParameters: formatCount(ARTICLE_EDGE_LSTM.claimedParameters),
  edgeParameterRatio: formatSignificant(edgeParameters / ARTICLE_EDGE_LSTM.claimedParameters, 2),
  edgeLayerParameters: formatCount(edgeLayerParameters),
  edgeParameters: formatCount(edgeParameters),
  edgeParametersLarge: formatLarge(edgeParameters),
  edgeStepFlops: formatLarge(edgeStepFlops),
  edgeClaimedStepMs: formatCount(ARTICLE_EDGE_LSTM.claimedStepMs),
  edgeImpliedGflops: formatSignificant(edgeStepFlops / (ARTICLE_EDGE_LSTM.claimedStepMs * 1e-3) / 1e9, 2),
  kvExamplePosition: formatCount(kvExamplePosition),
  kvCacheValuesExample: formatLarge(kvCacheValues(kvExamplePosition, d)),
  kvCacheBytesExample: formatBytes(bytesFor(kvCacheValues(kvExamplePosition, d), 'fp32')),
  kvStepMacsExample: formatLarge(kvStepMacs(kvExamplePosition, d)),
  rnnStepMacsExample: formatCount(rnnStepMacs(d)),

  // The 2026 revision (issue 12). History
  seq2seqYear: String(HISTORY.seq2seq),
  bahdanauYear: String(HISTORY.bahdanau),
  hybridYear: String(HISTORY.firstHybrids),
  linearAttentionYear: String(HISTORY.linearAttention),
  recurrenceAtScaleYear: String(HISTORY.recurrenceAtScale),

  // Chapter: sequential computation
  gemmTile: formatCount(GEMM_TILE),
  gemmTilesAtWidth: formatCount(gemmTiles(d)),
  h100Sms: formatCount(H100_SXM_SMS),

  // Chapter: the bottleneck, in bits
  fp32Bits: formatCount(FP32_BITS),
  stateBitsAtWidth: formatCount(d * FP32_BITS),
  llamaVocabulary: formatCount(llama.vocabulary),
  bitsPerLlamaToken: formatSignificant(tokenBits, 3),
  tokensWithinStateBits: formatCount(tokensWithinBits(d, FP32_BITS, tokenBits)),
  recallExampleState: formatCount(RECALL_EXAMPLE_STATE),
  recallPairsWithinBits: formatCount(recallPairsWithinBits(RECALL_EXAMPLE_STATE, FP32_BITS)),
  recallPredictedCapacity: formatCount(recallCapacityEstimate(RECALL_EXAMPLE_STATE)),

  // Chapter: long-range dependencies
  forgetGateSlower: String(slowerGate),
  forgetHalfLifeSlower: formatSignificant(forgetGateHalfLife(slowerGate), 3),
  forgetHalfLifeSlowerRatio: formatSignificant(forgetGateHalfLife(slowerGate) / forgetGateHalfLife(ARTICLE_FORGET_GATE), 2),
  forgetBiasOne: String(FORGET_BIAS_ONE),
  forgetGateAtBiasOne: formatSignificant(gateAtBiasOne, 3),
  forgetHalfLifeAtBiasOne: formatSignificant(forgetGateHalfLife(gateAtBiasOne), 2),
  biasForSlowerGate: formatSignificant(gateBiasFor(slowerGate), 3),
  khandelwalContextUsed: formatCount(KHANDELWAL_2018.contextUsed),
  khandelwalOrderWindow: formatCount(KHANDELWAL_2018.orderSensitive),
  uniformWeightMedium: formatSignificant(1 / medium, 3),

  // Chapter: the cost, whole layers and long contexts
  transformerOverElmanFloor: formatCount(projectionAndMlpMacsPerToken(d) / rnnStepMacs(d)),
  transformerOverElmanMedium: formatSignificant(transformerOverElmanMedium, 3),
  transformerOverLstmMedium: formatSignificant(transformerOverElmanMedium / 4, 3),
  attentionEqualsRestT: formatCount(attentionEqualsRestLength(d)),
  attentionEqualsRestCausalT: formatCount(2 * attentionEqualsRestLength(d)),
  tiledExtraBytesHuge: formatBytes(tiledAttentionExtraBytes(huge)),
  tiledExtraBytesProhibitive: formatBytes(tiledAttentionExtraBytes(ARTICLE_THRESHOLDS.prohibitive)),
  webgpuBindingLimit: formatBytes(WEBGPU_DEFAULT_MAX_STORAGE_BINDING_BYTES),
  webgpuBindingLargestT: formatCount(largestSequenceForScores(WEBGPU_DEFAULT_MAX_STORAGE_BINDING_BYTES, BYTES_PER_VALUE.fp32)),
  llamaLayers: formatCount(llama.layers),
  llamaHeads: formatCount(llama.heads),
  llamaKvHeads: formatCount(llama.kvHeads),
  llamaHeadDim: formatCount(llama.headDim),
  llamaContext: formatCount(llama.context),
  millionContext: formatCount(MILLION_TOKEN_CONTEXT),
  llamaKvBytesPerToken: formatBytes(llamaKvPerToken),
  llamaKvBytesAtContext: formatBytes(llama.context * llamaKvPerToken),
  llamaKvBytesAtMillion: formatBytes(MILLION_TOKEN_CONTEXT * llamaKvPerToken),
  llamaKvBytesAtVeryLong: formatBytes(ARTICLE_THRESHOLDS.veryLong * llamaKvPerToken),
  mhaKvBytesPerToken: formatBytes(kvBytesPerToken(llama.layers, llama.heads, llama.headDim, BF16_BYTES)),
  mqaKvBytesPerToken: formatBytes(kvBytesPerToken(llama.layers, 1, llama.headDim, BF16_BYTES)),
  llamaAttentionEqualsRestT: formatCount(llamaCrossover),
  llamaAttentionOverRestAtContext: formatSignificant(llama.context / llamaCrossover, 3),
  llamaAttentionOverRestAtMillion: formatSignificant(MILLION_TOKEN_CONTEXT / llamaCrossover, 3),
  bpttStoredBytesMedium: formatBytes(bytesFor(bpttStoredValues(medium, d), 'fp32')),

  // Chapter: when RNNs still win
  edgeTransformerParameters: formatCount(ARTICLE_EDGE_LSTM.layers * transformerLayerParameters(ARTICLE_EDGE_LSTM.hidden)),
  edgeTransformerOverLstm: formatSignificant((ARTICLE_EDGE_LSTM.layers * transformerLayerParameters(ARTICLE_EDGE_LSTM.hidden)) / edgeParameters, 2),
  rtrlStepMacsEdge: formatLarge(rtrlStepMacs(ARTICLE_EDGE_LSTM.hidden)),
  rtrlSensitivityValuesEdge: formatLarge(rtrlSensitivityValues(ARTICLE_EDGE_LSTM.hidden)),
  rtrlSensitivityBytesEdge: formatBytes(bytesFor(rtrlSensitivityValues(ARTICLE_EDGE_LSTM.hidden), 'fp32')),
  scanWorkT: formatCount(SCAN_WORK_EXAMPLE.length),
  scanWorkChannels: formatCount(SCAN_WORK_EXAMPLE.channels),
  scanWorkLanes: formatCount(SCAN_WORK_EXAMPLE.lanes),
  chunkedOverLoopFlops: formatSignificant(chunkedOverSequentialFlops(SCAN_WORK_EXAMPLE.length, SCAN_WORK_EXAMPLE.channels, SCAN_WORK_EXAMPLE.lanes), 2),
  rnnStepMacsEdge: formatCount(rnnStepMacs(ARTICLE_EDGE_LSTM.hidden)),
  spineT: formatCount(medium),
  spineKernel: formatCount(SPINE_EXAMPLE.kernel),
  spineWindow: formatCount(SPINE_EXAMPLE.window),

  // Names that contain digits. The prose check cannot tell a label from a
  // figure, so names like these come from here too.
  llamaModel: 'Llama 3 8B',
  llamaContextModel: 'Llama 3.1',
  mamba2: 'Mamba-2',
  h100: 'H100',
  h100Sxm: 'H100 SXM5',
  bf16: 'bf16',
  geminiModel: 'Gemini 1.5',
  vaswaniTable: 'Table 1',
  ...completeLessonNumbers,
} as const;

export type LessonNumberKey = keyof typeof lessonNumbers;

/** TeX for formulas that carry computed values; rendered at build time by `<Tex>`. */
export const lessonFormulas = {
  scoresShort: `${short}^2 = ${texInt(attentionScoreCount(short))}`,
  scoresMedium: `${medium}^2 = ${texInt(attentionScoreCount(medium))} \\approx ${texLarge(attentionScoreCount(medium))}`,
  scoresHuge: `(10^{${Math.log10(huge)}})^2 = 10^{${Math.log10(attentionScoreCount(huge))}}`,
  scoresHugeBytes: `10^{${Math.log10(attentionScoreCount(huge))}} \\times ${BYTES_PER_VALUE.fp32}\\,\\text{B} = ${texText(lessonNumbers.scoresHugeBytesFp32)}`,
  forgetProduct: `${ARTICLE_FORGET_GATE}^{${ARTICLE_FORGET_STEPS}} = e^{${ARTICLE_FORGET_STEPS}\\ln ${ARTICLE_FORGET_GATE}} \\approx e^{${formatSignificant(ARTICLE_FORGET_STEPS * Math.log(ARTICLE_FORGET_GATE), 4)}} \\approx ${lessonNumbers.forgetProduct500}`,
  forgetHalfLife: `k_{1/2} = \\frac{\\ln 0.5}{\\ln ${ARTICLE_FORGET_GATE}} \\approx ${lessonNumbers.forgetHalfLife}`,
  edgeLayer: `4\\,\\bigl(${ARTICLE_EDGE_LSTM.hidden}\\cdot(${ARTICLE_EDGE_LSTM.hidden}+${ARTICLE_EDGE_LSTM.hidden}) + ${ARTICLE_EDGE_LSTM.hidden}\\bigr) = ${texInt(edgeLayerParameters)}`,
  edgeStack: `${ARTICLE_EDGE_LSTM.layers} \\times ${texInt(edgeLayerParameters)} = ${texInt(edgeParameters)}`,
  flopRatio: `\\frac{4T^2d}{4Td^2} = \\frac{T}{d}`,
  webgpuLargestT: `\\left\\lfloor\\sqrt{2^{28}\\,\\text{B} / 4\\,\\text{B}}\\right\\rfloor = ${texInt(largestSequenceForScores(WEBGPU_DEFAULT_MAX_BUFFER_BYTES, BYTES_PER_VALUE.fp32))}`,
  // The 2026 revision (issue 12).
  stateBits: `${d} \\times ${FP32_BITS} = ${texInt(d * FP32_BITS)}\\ \\text{bits}, \\qquad \\left\\lfloor \\frac{${texInt(d * FP32_BITS)}}{\\log_2 ${texInt(llama.vocabulary)}} \\right\\rfloor = \\left\\lfloor \\frac{${texInt(d * FP32_BITS)}}{${formatSignificant(tokenBits, 4)}} \\right\\rfloor = ${texInt(tokensWithinBits(d, FP32_BITS, tokenBits))}`,
  recallBits: `\\log_2 T! = \\sum_{k=1}^{T} \\log_2 k \\le ${RECALL_EXAMPLE_STATE} \\times ${FP32_BITS} = ${texInt(RECALL_EXAMPLE_STATE * FP32_BITS)} \\iff T \\le ${texInt(recallPairsWithinBits(RECALL_EXAMPLE_STATE, FP32_BITS))}`,
  wholeLayerRatio: `\\frac{12\\,T d^2 + 2\\,T^2 d}{2\\,T d^2} = 6 + \\frac{T}{d}, \\qquad 6 + \\frac{${texInt(medium)}}{${d}} = ${formatSignificant(transformerOverElmanMedium, 3)}`,
  attentionEqualsRest: `2\\,T^2 d = 12\\,T d^2 \\iff T = 6d = ${texInt(attentionEqualsRestLength(d))}`,
  llamaRest: `\\underbrace{2 \\cdot ${llama.width} \\cdot ${llama.heads * llama.headDim}}_{Q,\\,O} + \\underbrace{2 \\cdot ${llama.width} \\cdot ${llama.kvHeads * llama.headDim}}_{K,\\,V} + \\underbrace{3 \\cdot ${llama.width} \\cdot ${texInt(llama.ffnWidth)}}_{\\text{MLP}} = ${texInt(llamaLayerMacsPerToken(llama))}`,
  llamaCrossover: `\\frac{T^2}{2} \\cdot 2 \\cdot ${llama.heads * llama.headDim} = T \\cdot ${texInt(llamaLayerMacsPerToken(llama))} \\iff T = \\frac{${texInt(llamaLayerMacsPerToken(llama))}}{${llama.heads * llama.headDim}} = ${texInt(llamaCrossover)}`,
  llamaPrefill: `\\approx ${formatSignificant(llamaPrefillFlops(llama.context, llama) / 1e15, 3)} \\times 10^{15}\\ \\text{FLOPs}`,
  llamaKvPerToken: `2 \\times ${llama.layers} \\times ${llama.kvHeads} \\times ${llama.headDim} \\times ${BF16_BYTES}\\,\\text{B} = ${texInt(llamaKvPerToken)}\\,\\text{B} = ${texText(formatBytes(llamaKvPerToken))}`,
  forgetHalfLifeSlower: `k_{1/2} = \\frac{\\ln 0.5}{\\ln ${slowerGate}} \\approx ${formatSignificant(forgetGateHalfLife(slowerGate), 3)}`,
  forgetBias: `\\sigma(${FORGET_BIAS_ONE}) \\approx ${formatSignificant(gateAtBiasOne, 3)}, \\qquad \\sigma^{-1}(${slowerGate}) = \\ln \\frac{${slowerGate}}{1 - ${slowerGate}} \\approx ${formatSignificant(gateBiasFor(slowerGate), 3)}`,
  webgpuBindingLargestT: `\\left\\lfloor\\sqrt{2^{27}\\,\\text{B} / 4\\,\\text{B}}\\right\\rfloor = ${texInt(largestSequenceForScores(WEBGPU_DEFAULT_MAX_STORAGE_BINDING_BYTES, BYTES_PER_VALUE.fp32))}`,
  workedInputs: `Q = ${texMatrix(WORKED_ATTENTION.q)}, \\quad K = ${texMatrix(WORKED_ATTENTION.k)}, \\quad V = ${texMatrix(WORKED_ATTENTION.v)}`,
  workedScores: `S = \\frac{QK^{\\top}}{\\sqrt{2}} = ${texMatrix(worked.scores)}`,
  workedWeights: `A = \\operatorname{softmax}(S) = ${texMatrix(worked.weights)}`,
  workedOutput: `AV = ${texMatrix(worked.output)}`,
  workedRowThree: `A_{3\\cdot} = \\frac{\\bigl(e^{${formatSignificant(worked.scores[2]![0]!, 3)}},\\ e^{${formatSignificant(worked.scores[2]![1]!, 3)}},\\ e^{${formatSignificant(worked.scores[2]![2]!, 3)}}\\bigr)}{e^{${formatSignificant(worked.scores[2]![0]!, 3)}} + e^{${formatSignificant(worked.scores[2]![1]!, 3)}} + e^{${formatSignificant(worked.scores[2]![2]!, 3)}}} = ${texRow(worked.weights[2]!)}`,
  workedRnnWeights: `W_{hh} = ${texMatrix(WORKED_RNN.wHh)}, \\quad W_{xh} = ${texMatrix(WORKED_RNN.wXh)}, \\quad (x_1, x_2, x_3) = (${WORKED_RNN.x.join(',\\ ')})`,
  workedRnnSteps: `\\begin{aligned} ${workedSteps.preActivations.map((pre, t) => `h_{${t + 1}} &= \\tanh ${texMatrix(pre.map((value) => [value]))} = ${texMatrix(workedSteps.states[t + 1]!.map((value) => [value]))}`).join(' \\\\ ')} \\end{aligned}`,
  ...completeLessonFormulas,
} as const;

export type LessonFormulaKey = keyof typeof lessonFormulas;

function texInt(value: number): string {
  return formatCount(value).replace(/,/g, '{,}');
}

function texLarge(value: number): string {
  return texText(formatLarge(value));
}

function texText(text: string): string {
  return `\\text{${text}}`;
}

/** A matrix (or column) as a KaTeX pmatrix, entries to three significant digits. */
function texMatrix(rows: ReadonlyArray<ReadonlyArray<number>>): string {
  return `\\begin{pmatrix} ${rows.map((row) => row.map((value) => formatSignificant(value, 3)).join(' & ')).join(' \\\\ ')} \\end{pmatrix}`;
}

/** A row vector in parentheses, entries to three significant digits. */
function texRow(values: ReadonlyArray<number>): string {
  return `(${values.map((value) => formatSignificant(value, 3)).join(',\\ ')})`;
}

// ---------------------------------------------------------------------------
// Figures: the small sizes the explanatory figures draw. A figure shows the
// shape of an idea at a size where every element can carry a label; its
// captions and descriptions compute their counts from these with the functions
// above.
// ---------------------------------------------------------------------------

/** Positions drawn in the chain, all-pairs, bottleneck and decoding figures. */
export const FIGURE_SEQUENCE_LENGTH = 6;

/** Sequence lengths the growing score-matrix figure draws side by side. */
export const FIGURE_MATRIX_LENGTHS = [4, 8, 16] as const;

/** Edge of one tile, in positions, in the tiled-attention figure (drawn on the longest of FIGURE_MATRIX_LENGTHS). */
export const FIGURE_TILE = 4;

/** Distances drawn in the gradient figure: every 100 steps up to the article's 500. */
export const FIGURE_GRADIENT_DISTANCES = Array.from({ length: ARTICLE_FORGET_STEPS / 100 + 1 }, (_, index) => index * 100);

/** Elements combined by the scan figure's tree (a power of two). */
export const FIGURE_SCAN_LENGTH = 8;
