/**
 * Every kernel variant against its CPU reference, on shapes chosen to break
 * tiling assumptions: T = 1, sizes that are not multiples of a tile, widths that
 * are not powers of two, causal and non-causal. Each case states its tolerance.
 */
import { matmul, type MatmulVariant } from '../matmul/host';
import { matmulReference, type MatmulShape } from '../matmul/reference';
import { attentionWeights, materialisedAttention } from '../attention/host';
import { attentionInputs, attentionReference, attentionWeightsReference, type AttentionShape } from '../attention/reference';
import { flashAttention, type FlashOptions } from '../flash/host';
import { rnnForward, type RnnVariant } from '../rnn/host';
import { rnnForwardReference, rnnInputs, type RnnShape } from '../rnn/reference';
import { forgetGateProducts, gradientNorms } from '../gradient/host';
import { forgetGateProductsReference, gradientNormsReference } from '../gradient/reference';
import { linearRecurrence, type ScanOptions, type ScanVariant } from '../scan/host';
import { linearRecurrenceReference, planChunkedScan, type ScanShape } from '../scan/reference';
import { recall, type RecallMethod } from '../recall/host';
import { attentionSimilarityReference, fixedStateSimilarityReference, recallInputs, resolveNearTies, rowArgmax } from '../recall/reference';
import { compareArrays, deriveSeed, uniformArray, type Backend, type Comparison, type Tolerance } from '../runtime';

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
const MATMUL_SHAPES: Array<[string, MatmulShape]> = [
  ['1x1x1', { m: 1, n: 1, k: 1 }],
  ['37x53x29', { m: 37, n: 53, k: 29 }],
  ['64x64x64', { m: 64, n: 64, k: 64, alpha: 0.5 }],
  ['33x17x20-transposed', { m: 33, n: 17, k: 20, transposeB: true }],
  ['37x53x45', { m: 37, n: 53, k: 45 }],
  // Interior tiles on the vec4 path, with edge tiles around them: plain and transposed B.
  ['130x132x68', { m: 130, n: 132, k: 68 }],
  ['130x70x36-transposed', { m: 130, n: 70, k: 36, transposeB: true, alpha: 0.25 }],
];

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
const ATTENTION_SHAPES: Array<[string, AttentionShape]> = [
  ['T1-d8', { sequenceLength: 1, keyDim: 8, valueDim: 8 }],
  ['T37-dk20-dv12', { sequenceLength: 37, keyDim: 20, valueDim: 12 }],
  ['T65-d16-causal', { sequenceLength: 65, keyDim: 16, valueDim: 16, causal: true }],
  ['T130-d48-causal', { sequenceLength: 130, keyDim: 48, valueDim: 48, causal: true }],
  ['T100-d3', { sequenceLength: 100, keyDim: 3, valueDim: 5 }],
];
// Fewer queries than keys: a decode step over a cache, and a batch of questions (materialised only).
const QUERY_SHAPES: Array<[string, AttentionShape]> = [
  ['Q1-T77-d24', { sequenceLength: 77, queries: 1, keyDim: 24, valueDim: 24 }],
  ['Q5-T40-d8-causal', { sequenceLength: 40, queries: 5, keyDim: 8, valueDim: 8, causal: true }],
];

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

/** Flash against the materialised kernel, both on the same backend. */
function flashAgainstMaterialised(shape: AttentionShape): Case {
  return async (backend) => {
    const { q, k, v } = attentionInputs(shape, SEED);
    const [flash, materialised] = [await flashAttention(backend, q, k, v, shape), await materialisedAttention(backend, q, k, v, shape)];
    return report('attention/flash-vs-materialised', flash.backend, materialised.output, flash.output, ATTENTION_TOLERANCE);
  };
}

// Flash at the head widths it is tuned for, T not a multiple of the 64-query or key block; a forced key split exercises the combine pass.
const FLASH_CASES: Array<[string, AttentionShape, FlashOptions]> = [
  ['T130-d64', { sequenceLength: 130, keyDim: 64, valueDim: 64 }, {}],
  ['T130-d64-causal', { sequenceLength: 130, keyDim: 64, valueDim: 64, causal: true }, {}],
  ['T77-d128', { sequenceLength: 77, keyDim: 128, valueDim: 128 }, {}],
  ['T77-d128-causal', { sequenceLength: 77, keyDim: 128, valueDim: 128, causal: true }, {}],
  ['T200-d64-causal-3-key-splits', { sequenceLength: 200, keyDim: 64, valueDim: 64, causal: true }, { keySplits: 3 }],
  ['T100-dk3-dv5-2-key-splits', { sequenceLength: 100, keyDim: 3, valueDim: 5 }, { keySplits: 2 }],
];

function flashCase(shape: AttentionShape, options: FlashOptions): Case {
  return async (backend) => {
    const { q, k, v } = attentionInputs(shape, SEED);
    const result = await flashAttention(backend, q, k, v, shape, options);
    return report('attention/flash', result.backend, attentionReference(q, k, v, shape), result.output, ATTENTION_TOLERANCE);
  };
}

// RNN: a contractive tanh recurrence, so f32 rounding does not grow with T.
const RNN_TOLERANCE: Tolerance = { abs: 2e-5, rel: 1e-4 };
const RNN_SHAPES: Array<[string, RnnShape]> = [
  ['T1-d8-in3', { steps: 1, hidden: 8, input: 3 }],
  ['T50-d37-in5', { steps: 50, hidden: 37, input: 5 }],
  ['T20-d130-in7', { steps: 20, hidden: 130, input: 7 }],
];

function rnnCase(variant: RnnVariant, shape: RnnShape): Case {
  return async (backend) => {
    const { weights, x } = rnnInputs(SEED, shape);
    const result = await rnnForward(backend, weights, x, shape, { variant });
    return report(`rnn/${variant}`, result.backend, rnnForwardReference(weights, x, shape), result.output, RNN_TOLERANCE);
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

const FORGET_TOLERANCE: Tolerance = { abs: 0, rel: 1e-4 };

function forgetCase(variant: ScanVariant): Case {
  return async (backend) => {
    const gates = new Float32Array(500).fill(0.99);
    const result = await forgetGateProducts(backend, gates, { variant });
    return report(`gradient/forget-gate-${variant}`, result.backend, forgetGateProductsReference(gates), result.output, FORGET_TOLERANCE);
  };
}

// Scan: |a| < 1 keeps h bounded; reassociation in the parallel scan changes rounding only.
const SCAN_TOLERANCE: Tolerance = { abs: 1e-5, rel: 1e-4 };
const SCAN_SHAPES: Array<[string, ScanShape]> = [
  ['T1', { length: 1, channels: 1 }],
  ['T1000-c3', { length: 1000, channels: 3 }],
  ['T20000-c2', { length: 20000, channels: 2 }],
];

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
const CHUNKED_SCAN_CASES: Array<[string, ScanShape, (shape: ScanShape) => ScanOptions]> = [
  ['T20001-c1-adapter-plan', { length: 20001, channels: 1 }, () => ({})],
  ['T3001-c256-two-levels', { length: 3001, channels: 256 }, (shape) => ({ plan: planChunkedScan(shape, 4096) })],
  ['T5000-c7-grid-2d', { length: 5000, channels: 7 }, (shape) => ({ plan: planChunkedScan(shape, 4096), maxWorkgroupsPerDimension: 8 })],
];

function chunkedScanCase(shape: ScanShape, options: ScanOptions): Case {
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
    const similarity = method === 'fixed-state' ? fixedStateSimilarityReference(inputs, shape) : attentionSimilarityReference(inputs, shape);
    const expected = rowArgmax(similarity, shape.queries, pairs);
    const result = await recall(backend, inputs, shape, method);
    const answers = resolveNearTies(similarity, pairs, expected, result.output.answers, RECALL_TIE);
    return report(`recall/${method}`, result.backend, expected, answers, { abs: 0, rel: 0 });
  };
}

export const CASES: Record<string, Case> = Object.fromEntries([
  ['recall/fixed-state/S64-T37', recallCase('fixed-state', 64, 37)],
  ['recall/fixed-state/S1024-T100', recallCase('fixed-state', 1024, 100)],
  ['recall/attention/T37', recallCase('attention', 64, 37)],
  ['recall/attention/T130', recallCase('attention', 64, 130)],
  ...(['naive', 'tiled', 'coalesced'] as const).flatMap((variant) =>
    MATMUL_SHAPES.map(([label, shape]) => [`matmul/${variant}/${label}`, matmulCase(variant, shape)]),
  ),
  ...(['materialised', 'flash'] as const).flatMap((kind) =>
    ATTENTION_SHAPES.map(([label, shape]) => [`attention/${kind}/${label}`, attentionCase(kind, shape)]),
  ),
  ...ATTENTION_SHAPES.map(([label, shape]) => [`attention/flash-vs-materialised/${label}`, flashAgainstMaterialised(shape)]),
  ...FLASH_CASES.map(([label, shape, options]) => [`attention/flash/${label}`, flashCase(shape, options)]),
  ...QUERY_SHAPES.map(([label, shape]) => [`attention/materialised/${label}`, attentionCase('materialised', shape)]),
  ...QUERY_SHAPES.map(([label, shape]) => [`attention/weights/${label}`, weightsCase(shape)]),
  ...(['submit-per-step', 'submit-per-step-no-wait', 'command-buffer', 'persistent'] as const).flatMap((variant) =>
    RNN_SHAPES.map(([label, shape]) => [`rnn/${variant}/${label}`, rnnCase(variant, shape)]),
  ),
  ['gradient/jacobian/d16-T40-radius0.9', gradientCase(16, 40, 0.9)],
  ['gradient/jacobian/d33-T25-radius1.5', gradientCase(33, 25, 1.5)],
  ['gradient/forget-gate/sequential', forgetCase('sequential')],
  ['gradient/forget-gate/parallel', forgetCase('parallel')],
  ...(['sequential', 'parallel', 'chunked'] as const).flatMap((variant) =>
    SCAN_SHAPES.map(([label, shape]) => [`scan/${variant}/${label}`, scanCase(variant, shape)]),
  ),
  ...CHUNKED_SCAN_CASES.map(([label, shape, options]) => [`scan/chunked/${label}`, chunkedScanCase(shape, options(shape))]),
]);
