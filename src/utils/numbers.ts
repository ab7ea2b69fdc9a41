/**
 * Every number the lesson's prose states is computed here, from the few
 * assumptions at the top. Chapters show these values through `<Num>` and
 * `<Tex>` and never type a figure by hand, so a reader who checks our
 * arithmetic finds the same thing this module (and its unit test) does.
 *
 * Pure TypeScript: no DOM, no Astro, no Node APIs.
 */

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
export const RECALL_EXPERIMENT = { width: 64, questions: 128, shortestT: 8 } as const;

/** Years: the transformer paper, and the end of the shift. */
export const TIMELINE = { transformerPaper: 2017, shiftComplete: 2020 } as const;

// ---------------------------------------------------------------------------
// The arithmetic.
// ---------------------------------------------------------------------------

/** Entries in one head's T×T attention score matrix. */
export function attentionScoreCount(sequenceLength: number): number {
  return sequenceLength * sequenceLength;
}

/** Bytes for `values` numbers at a precision. */
export function bytesFor(values: number, precision: keyof typeof BYTES_PER_VALUE): number {
  return values * BYTES_PER_VALUE[precision];
}

/** Largest T whose fp32 T×T score matrix fits in one buffer of `maxBufferBytes`. */
export function largestSequenceForBuffer(maxBufferBytes: number, precision: keyof typeof BYTES_PER_VALUE = 'fp32'): number {
  return Math.floor(Math.sqrt(maxBufferBytes / BYTES_PER_VALUE[precision]));
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

/**
 * Multiply-adds in one Elman step h_t = tanh(W_hh h_{t−1} + W_xh x_t + b):
 * a d×d and a d×d_in matrix–vector product.
 */
export function rnnStepMacs(hidden: number, input: number = hidden): number {
  return hidden * hidden + hidden * input;
}

/** FLOPs (2 per multiply-add) for an RNN forward pass over T steps. */
export function rnnForwardFlops(sequenceLength: number, hidden: number, input: number = hidden): number {
  return 2 * sequenceLength * rnnStepMacs(hidden, input);
}

/** FLOPs for one attention head's scores (QKᵀ) and weighted sum (PV): 2·T²·d multiply-adds. */
export function attentionFlops(sequenceLength: number, headDim: number): number {
  return 2 * 2 * sequenceLength * sequenceLength * headDim;
}

/** Waves a machine of `lanes` parallel units needs to compute T² independent scores. */
export function scoreWaves(sequenceLength: number, lanes: number): number {
  return Math.ceil(attentionScoreCount(sequenceLength) / lanes);
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

/** KV-cache values held per layer after `position` tokens at width d (one key and one value each). */
export function kvCacheValues(position: number, width: number): number {
  return 2 * position * width;
}

/** Multiply-adds for one decode step's attention over `position` cached tokens (scores and weighted sum). */
export function kvAttentionStepMacs(position: number, width: number): number {
  return 2 * position * width;
}

// ---------------------------------------------------------------------------
// Formatting: one place decides how a number reads.
// ---------------------------------------------------------------------------

const integerFormat = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

/** 262144 → "262,144". */
export function formatCount(value: number): string {
  return integerFormat.format(value);
}

/** 16777216 → "16.8 million"; 1e10 → "10 billion". */
export function formatLarge(value: number): string {
  const scales: Array<[number, string]> = [
    [1e12, 'trillion'],
    [1e9, 'billion'],
    [1e6, 'million'],
  ];
  for (const [scale, word] of scales) {
    if (Math.abs(value) >= scale) return `${formatSignificant(value / scale, 3)} ${word}`;
  }
  return formatCount(value);
}

/** Rounds to `digits` significant digits and drops trailing zeros: 0.006570 → "0.00657". */
export function formatSignificant(value: number, digits: number): string {
  if (value === 0) return '0';
  const rounded = Number(value.toPrecision(digits));
  return rounded.toLocaleString('en-US', { maximumFractionDigits: 20, useGrouping: Math.abs(rounded) >= 10_000 });
}

/** Bytes in binary units: 1048576 → "1 MiB", 4e10 → "37.3 GiB". */
export function formatBytes(bytes: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${formatSignificant(value, 3)} ${units[unit]}`;
}

/** Bytes in decimal units, as GPU memory is marketed: 4e10 → "40 GB". */
export function formatDecimalBytes(bytes: number): string {
  const units: Array<[number, string]> = [
    [1e12, 'TB'],
    [1e9, 'GB'],
    [1e6, 'MB'],
    [1e3, 'kB'],
  ];
  for (const [scale, unit] of units) {
    if (bytes >= scale) return `${formatSignificant(bytes / scale, 3)} ${unit}`;
  }
  return `${formatCount(bytes)} B`;
}

/** 0.9934 → "99.3%". */
export function formatPercent(fraction: number, digits = 3): string {
  return `${formatSignificant(fraction * 100, digits)}%`;
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
const edgeStepFlops = 2 * edgeParameters;
const hugeScoresFp32 = bytesFor(attentionScoreCount(huge), 'fp32');
const kvExamplePosition = medium;

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
  encoderValuesAt100: formatCount(ARTICLE_PATH_POSITIONS.to * d),
  compressionAt100: formatCount(ARTICLE_PATH_POSITIONS.to),
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
  webgpuLargestT: formatCount(largestSequenceForBuffer(WEBGPU_DEFAULT_MAX_BUFFER_BYTES)),
  shortThreshold: formatCount(ARTICLE_THRESHOLDS.short),
  shortThresholdBytes: formatBytes(bytesFor(attentionScoreCount(ARTICLE_THRESHOLDS.short), 'fp32')),
  prohibitiveThreshold: formatCount(ARTICLE_THRESHOLDS.prohibitive),
  prohibitiveThresholdBytes: formatBytes(bytesFor(attentionScoreCount(ARTICLE_THRESHOLDS.prohibitive), 'fp32')),
  prohibitiveLayerBytes: formatBytes(EXAMPLE_HEADS * bytesFor(attentionScoreCount(ARTICLE_THRESHOLDS.prohibitive), 'fp32')),
  flopRatioMedium: formatSignificant(attentionFlops(medium, d) / rnnForwardFlops(medium, d), 3),
  flopRatioHuge: formatSignificant(attentionFlops(huge, d) / rnnForwardFlops(huge, d), 3),

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
  kvStepMacsExample: formatLarge(kvAttentionStepMacs(kvExamplePosition, d)),
  rnnStepMacsExample: formatCount(rnnStepMacs(d)),
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
  webgpuLargestT: `\\left\\lfloor\\sqrt{2^{28}\\,\\text{B} / 4\\,\\text{B}}\\right\\rfloor = ${texInt(largestSequenceForBuffer(WEBGPU_DEFAULT_MAX_BUFFER_BYTES))}`,
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

/** The explorable's toy machine: how many independent scores it computes per tick, and the range of T a reader picks. */
export const FIGURE_TOY_LANES = 16;
export const FIGURE_TOY_LENGTHS = { min: 2, max: 24, initial: 8 } as const;
