/**
 * Every kernel variant against its CPU reference, on shapes chosen to break
 * tiling assumptions: T = 1, sizes that are not multiples of a tile, widths that
 * are not powers of two, causal and non-causal. Each case states its tolerance.
 */
import { matmul, type MatmulVariant } from '../../../kernels/matmul/host';
import { matmulReference, type MatmulShape } from '../../../kernels/matmul/reference';
import { attentionLayer, attentionWeights, decodeAttention, materialisedAttention } from '../../../kernels/attention/host';
import {
  attentionInputs,
  attentionLayerInputs,
  attentionLayerReference,
  attentionReference,
  attentionWeightsReference,
  decodeAttentionReference,
  type AttentionLayerShape,
  type AttentionShape,
} from '../../../kernels/attention/reference';
import { decodePlan, type DecodeShape } from '../../../kernels/attention/cost';
import { flashAttention, type FlashOptions } from '../../../kernels/flash/host';
import { rnnForward, type RnnVariant } from '../../../kernels/rnn/host';
import { rnnDecodeStep } from '../../../kernels/rnn/decode-step';
import { rnnDecodeStepReference, rnnForwardReference, rnnInputs, type RnnShape, type RnnStepShape } from '../../../kernels/rnn/reference';
import { forgetGateLog10Products, gradientNorms, lstmCellGradientLog10Norms } from '../../../kernels/gradient/host';
import {
  chainBlockLog10NormsReference,
  forgetGateLog10ProductsReference,
  gradientNormsReference,
  lstmChainJacobians,
  lstmForwardReference,
  lstmInputs,
} from '../../../kernels/gradient/reference';
import { linearRecurrence, type ScanOptions, type ScanVariant } from '../../../kernels/scan/host';
import { linearRecurrenceReference, planChunkedScan, type ScanShape } from '../../../kernels/scan/reference';
import { recall, type RecallMethod } from '../../../kernels/recall/host';
import { attentionSimilarityReference, fixedStateSimilarityReference, recallInputs, resolveNearTies, rowArgmax } from '../../../kernels/recall/reference';
import { caseTable, type ChunkedScanSetting } from './case-table';
import { compareArrays, deriveSeed, uniformArray, type Backend, type Comparison, type Tolerance } from '../../../kernels/runtime';

export interface CaseReport extends Comparison {
  name: string;
  backend: string;
}

type Case = (backend: Backend) => Promise<CaseReport>;

const SEED = 20260;

function report(name: string, backend: string, expected: ArrayLike<number>, actual: ArrayLike<number>, tolerance: Tolerance): CaseReport {
  return { name, backend, ...compareArrays(expected, actual, tolerance) };
}

// Matmul: f32 sums of k products of values in [-1, 1].
const MATMUL_TOLERANCE: Tolerance = { abs: 1e-4, rel: 1e-4 };

function matmulCase(variant: MatmulVariant, shape: MatmulShape): Case {
  return async (backend) => {
    const a = uniformArray(deriveSeed(SEED, 1), shape.m * shape.k);
    const b = uniformArray(deriveSeed(SEED, 2), shape.k * shape.n);
    const result = await matmul(backend, a, b, shape, { variant });
    return report(`matmul/${variant}`, result.backend, matmulReference(a, b, shape), result.output, MATMUL_TOLERANCE);
  };
}

// Attention: softmax in f32 against float64; outputs are convex combinations of values in [-1, 1].
const ATTENTION_TOLERANCE: Tolerance = { abs: 2e-5, rel: 1e-4 };

function attentionCase(kind: 'materialised' | 'flash', shape: AttentionShape): Case {
  return async (backend) => {
    const { q, k, v } = attentionInputs(shape, SEED);
    const run = kind === 'flash' ? flashAttention : materialisedAttention;
    const result = await run(backend, q, k, v, shape);
    return report(`attention/${kind}`, result.backend, attentionReference(q, k, v, shape), result.output, ATTENTION_TOLERANCE);
  };
}

function weightsCase(shape: AttentionShape): Case {
  return async (backend) => {
    const { q, k } = attentionInputs(shape, SEED);
    const result = await attentionWeights(backend, q, k, shape);
    return report('attention/weights', result.backend, attentionWeightsReference(q, k, shape), result.output, ATTENTION_TOLERANCE);
  };
}

// Decode: the same f32 scores and convex combinations as attention; the split's combine rescales
// each partial once more, one more rounding of relative size 2⁻²⁴, far inside the same tolerance.
function decodeCase(shape: DecodeShape, keysPerSplit?: number): Case {
  return async (backend) => {
    const { q, k, v } = attentionInputs({ sequenceLength: shape.positions, queries: 1, keyDim: shape.keyDim, valueDim: shape.valueDim }, SEED);
    const plan = keysPerSplit === undefined ? undefined : decodePlan(shape.positions, keysPerSplit);
    const result = await decodeAttention(backend, q, k, v, shape, { plan });
    return report('attention/decode', result.backend, decodeAttentionReference(q, k, v, shape), result.output, ATTENTION_TOLERANCE);
  };
}

// The layer: four d-long f32 sums around the attention, on values of unit scale (weights have std 1/√d).
const ATTENTION_LAYER_TOLERANCE: Tolerance = { abs: 1e-4, rel: 1e-4 };

function attentionLayerCase(shape: AttentionLayerShape): Case {
  return async (backend) => {
    const inputs = attentionLayerInputs(shape, SEED);
    const result = await attentionLayer(backend, inputs, shape);
    return report('attention/layer', result.backend, attentionLayerReference(inputs, shape).output, result.output, ATTENTION_LAYER_TOLERANCE);
  };
}

/** Flash against the materialised kernel, both on the same backend. */
function flashAgainstMaterialised(shape: AttentionShape): Case {
  return async (backend) => {
    const { q, k, v } = attentionInputs(shape, SEED);
    const [flash, materialised] = [await flashAttention(backend, q, k, v, shape), await materialisedAttention(backend, q, k, v, shape)];
    return report('attention/flash-vs-materialised', flash.backend, materialised.output, flash.output, ATTENTION_TOLERANCE);
  };
}

function flashCase(shape: AttentionShape, options: FlashOptions): Case {
  return async (backend) => {
    const { q, k, v } = attentionInputs(shape, SEED);
    const result = await flashAttention(backend, q, k, v, shape, options);
    return report('attention/flash', result.backend, attentionReference(q, k, v, shape), result.output, ATTENTION_TOLERANCE);
  };
}

// RNN: a contractive tanh recurrence, so f32 rounding does not grow with T.
const RNN_TOLERANCE: Tolerance = { abs: 2e-5, rel: 1e-4 };

function rnnCase(variant: RnnVariant, shape: RnnShape): Case {
  return async (backend) => {
    const { weights, x } = rnnInputs(SEED, shape);
    const result = await rnnForward(backend, weights, x, shape, { variant });
    return report(`rnn/${variant}`, result.backend, rnnForwardReference(weights, x, shape), result.output, RNN_TOLERANCE);
  };
}

function rnnDecodeStepCase(shape: RnnStepShape): Case {
  return async (backend) => {
    const { weights, x } = rnnInputs(SEED, { steps: 1, ...shape });
    const h = uniformArray(deriveSeed(SEED, 8), shape.hidden);
    const result = await rnnDecodeStep(backend, weights, h, x, shape);
    return report('rnn/decode-step', result.backend, rnnDecodeStepReference(weights, h, x, shape), result.output, RNN_TOLERANCE);
  };
}

// Gradient norms compared as log10: f32 products over K steps keep about 4 significant digits.
const GRADIENT_TOLERANCE: Tolerance = { abs: 2e-3, rel: 0 };

function gradientCase(hidden: number, steps: number, spectralRadius: number): Case {
  return async (backend) => {
    const shape = { steps, hidden, input: 4 };
    const { weights, x } = rnnInputs(SEED, shape, spectralRadius);
    const states = rnnForwardReference(weights, x, shape);
    const gradientShape = { steps, hidden, maxDistance: steps };
    const result = await gradientNorms(backend, weights.wHh, states, gradientShape);
    const expected = gradientNormsReference(weights.wHh, states, gradientShape);
    return report('gradient/jacobian', result.backend, expected.log10Norms, result.output.log10Norms, GRADIENT_TOLERANCE);
  };
}

// The LSTM cell's chain: f32 products renormalised every step, as the tanh chain, to the same tolerance.
function lstmChainCase(hidden: number, steps: number, forgetGate: number): Case {
  return async (backend) => {
    const shape = { steps, hidden, input: 4 };
    const { weights, x } = lstmInputs(SEED, shape, forgetGate);
    const jacobians = lstmChainJacobians(weights, lstmForwardReference(weights, x, shape), steps, hidden, steps);
    const chain = { size: 2 * hidden, block: hidden, maxDistance: steps };
    const result = await lstmCellGradientLog10Norms(backend, jacobians, chain);
    return report('gradient/lstm-chain', result.backend, chainBlockLog10NormsReference(jacobians, chain), result.output, GRADIENT_TOLERANCE);
  };
}

// log10 of the product: an f32 sum of 500 logarithms of about −0.0044 each, good to about 1e-5 absolute.
const FORGET_TOLERANCE: Tolerance = { abs: 1e-4, rel: 0 };

function forgetCase(variant: ScanVariant): Case {
  return async (backend) => {
    const gates = new Float32Array(500).fill(0.99);
    const result = await forgetGateLog10Products(backend, gates, { variant });
    return report(`gradient/forget-gate-${variant}`, result.backend, forgetGateLog10ProductsReference(gates), result.output, FORGET_TOLERANCE);
  };
}

// Scan: |a| < 1 keeps h bounded; reassociation in the parallel scan changes rounding only.
const SCAN_TOLERANCE: Tolerance = { abs: 1e-5, rel: 1e-4 };

export function scanInputs(shape: ScanShape, seed = SEED) {
  const count = shape.length * shape.channels;
  return { a: uniformArray(deriveSeed(seed, 6), count, 0.5, 0.99), b: uniformArray(deriveSeed(seed, 7), count, -1, 1) };
}

function scanCase(variant: ScanVariant, shape: ScanShape): Case {
  return async (backend) => {
    const { a, b } = scanInputs(shape);
    const result = await linearRecurrence(backend, a, b, shape, { variant });
    return report(`scan/${variant}`, result.backend, linearRecurrenceReference(a, b, shape), result.output, SCAN_TOLERANCE);
  };
}

// The chunked scan: T not a multiple of the chunk; plans for many lanes force several levels; a capped grid forces the 2-D split.
function chunkedScanCase(shape: ScanShape, setting: ChunkedScanSetting): Case {
  // A setting either leaves the plan to the adapter or fixes the lanes it plans for (and may force a 2-D grid).
  const options: ScanOptions = {
    ...(setting.plannedLanes ? { plan: planChunkedScan(shape, setting.plannedLanes) } : {}),
    ...(setting.maxWorkgroupsPerDimension ? { maxWorkgroupsPerDimension: setting.maxWorkgroupsPerDimension } : {}),
  };
  return async (backend) => {
    const { a, b } = scanInputs(shape);
    const result = await linearRecurrence(backend, a, b, shape, { variant: 'chunked', ...options });
    return report('scan/chunked', result.backend, linearRecurrenceReference(a, b, shape), result.output, SCAN_TOLERANCE);
  };
}

// Recall answers are indices: the GPU must decode the pairs the CPU does, except where two
// stored values score within 1e-4 of the row's scale in float64 (f32 sums can swap such near-ties).
const RECALL_TIE = 1e-4;

function recallCase(method: RecallMethod, stateSize: number, pairs: number): Case {
  return async (backend) => {
    const shape = { pairs, width: 24, queries: Math.min(pairs, 20) };
    const inputs = recallInputs(SEED, shape, stateSize);
    const similarity =
      method === 'fixed-state'
        ? fixedStateSimilarityReference(inputs, shape)
        : attentionSimilarityReference(inputs, shape, method === 'attention-window' ? inputs.window : pairs);
    const expected = rowArgmax(similarity, shape.queries, pairs);
    const result = await recall(backend, inputs, shape, method);
    const answers = resolveNearTies(similarity, pairs, expected, result.output.answers, RECALL_TIE);
    return report(`recall/${method}`, result.backend, expected, answers, { abs: 0, rel: 0 });
  };
}

export const CASES: Record<string, Case> = Object.fromEntries(
  caseTable<Case>({
    recall: recallCase,
    matmul: matmulCase,
    attention: attentionCase,
    flashAgainstMaterialised,
    weights: weightsCase,
    decode: decodeCase,
    attentionLayer: attentionLayerCase,
    rnn: rnnCase,
    rnnDecodeStep: rnnDecodeStepCase,
    gradient: gradientCase,
    lstmChain: lstmChainCase,
    forgetGate: forgetCase,
    scan: scanCase,
    flash: flashCase,
    chunkedScan: chunkedScanCase,
  }),
);
