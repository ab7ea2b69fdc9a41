/**
 * Every kernel case by name, built once from the shapes below. Pure (it imports
 * only types), so the Playwright spec can name one test per case without loading
 * the kernels, while cases.ts builds the same table with the real cases.
 */
import type { MatmulVariant } from '../../../kernels/matmul/host';
import type { MatmulShape } from '../../../kernels/matmul/reference';
import type { AttentionLayerShape, AttentionShape } from '../../../kernels/attention/reference';
import type { DecodeShape } from '../../../kernels/attention/cost';
import type { FlashOptions } from '../../../kernels/flash/host';
import type { RnnVariant } from '../../../kernels/rnn/host';
import type { RnnShape, RnnStepShape } from '../../../kernels/rnn/reference';
import type { ScanVariant } from '../../../kernels/scan/host';
import type { ScanShape } from '../../../kernels/scan/reference';
import type { RecallMethod } from '../../../kernels/recall/host';

export interface CaseFactories<Case> {
  recall(method: RecallMethod, stateSize: number, pairs: number): Case;
  matmul(variant: MatmulVariant, shape: MatmulShape): Case;
  attention(kind: 'materialised' | 'flash', shape: AttentionShape): Case;
  flashAgainstMaterialised(shape: AttentionShape): Case;
  weights(shape: AttentionShape): Case;
  /** One decode step over a KV cache; `keysPerSplit` forces a split so a short cache exercises the combine. */
  decode(shape: DecodeShape, keysPerSplit?: number): Case;
  attentionLayer(shape: AttentionLayerShape): Case;
  rnn(variant: RnnVariant, shape: RnnShape): Case;
  rnnDecodeStep(shape: RnnStepShape): Case;
  gradient(hidden: number, steps: number, spectralRadius: number): Case;
  /** The LSTM cell's chain of state Jacobians (lstm-chain.wgsl), with its gates moving around `forgetGate`. */
  lstmChain(hidden: number, steps: number, forgetGate: number): Case;
  forgetGate(variant: ScanVariant): Case;
  scan(variant: ScanVariant, shape: ScanShape): Case;
  flash(shape: AttentionShape, options: FlashOptions): Case;
  chunkedScan(shape: ScanShape, setting: ChunkedScanSetting): Case;
}

/** How a chunked-scan case is planned: by the adapter, or for a fixed number of lanes (and a forced 2-D grid). */
export interface ChunkedScanSetting {
  plannedLanes?: number;
  maxWorkgroupsPerDimension?: number;
}

export const MATMUL_SHAPES: Array<[string, MatmulShape]> = [
  ['1x1x1', { m: 1, n: 1, k: 1 }],
  ['37x53x29', { m: 37, n: 53, k: 29 }],
  ['64x64x64', { m: 64, n: 64, k: 64, alpha: 0.5 }],
  ['33x17x20-transposed', { m: 33, n: 17, k: 20, transposeB: true }],
  ['37x53x45', { m: 37, n: 53, k: 45 }],
  // Interior tiles on the coalesced kernel's vec4 path, with edge tiles around them: plain and transposed B.
  ['130x132x68', { m: 130, n: 132, k: 68 }],
  ['130x70x36-transposed', { m: 130, n: 70, k: 36, transposeB: true, alpha: 0.25 }],
];
// Flash at the head widths it is tuned for, T not a multiple of the 64-query or key block; a forced key split exercises the combine pass.
export const FLASH_CASES: Array<[string, AttentionShape, FlashOptions]> = [
  ['T130-d64', { sequenceLength: 130, keyDim: 64, valueDim: 64 }, {}],
  ['T130-d64-causal', { sequenceLength: 130, keyDim: 64, valueDim: 64, causal: true }, {}],
  ['T77-d128', { sequenceLength: 77, keyDim: 128, valueDim: 128 }, {}],
  ['T77-d128-causal', { sequenceLength: 77, keyDim: 128, valueDim: 128, causal: true }, {}],
  ['T200-d64-causal-3-key-splits', { sequenceLength: 200, keyDim: 64, valueDim: 64, causal: true }, { keySplits: 3 }],
  ['T100-dk3-dv5-2-key-splits', { sequenceLength: 100, keyDim: 3, valueDim: 5 }, { keySplits: 2 }],
];
export const ATTENTION_SHAPES: Array<[string, AttentionShape]> = [
  ['T1-d8', { sequenceLength: 1, keyDim: 8, valueDim: 8 }],
  ['T37-dk20-dv12', { sequenceLength: 37, keyDim: 20, valueDim: 12 }],
  ['T65-d16-causal', { sequenceLength: 65, keyDim: 16, valueDim: 16, causal: true }],
  ['T130-d48-causal', { sequenceLength: 130, keyDim: 48, valueDim: 48, causal: true }],
  ['T100-d3', { sequenceLength: 100, keyDim: 3, valueDim: 5 }],
];
// Fewer queries than keys: a decode step over a cache, and a batch of questions (materialised only).
export const QUERY_SHAPES: Array<[string, AttentionShape]> = [
  ['Q1-T77-d24', { sequenceLength: 77, queries: 1, keyDim: 24, valueDim: 24 }],
  ['Q5-T40-d8-causal', { sequenceLength: 40, queries: 5, keyDim: 8, valueDim: 8, causal: true }],
];
// One query over p cached keys: p = 1, a tile and one more, widths that are not multiples of the
// workgroup (d_v = 130 gives some threads three outputs), and caches long enough to be split.
export const DECODE_SHAPES: Array<[string, DecodeShape, number?]> = [
  ['p1-d64', { positions: 1, keyDim: 64, valueDim: 64 }],
  ['p65-dk3-dv5', { positions: 65, keyDim: 3, valueDim: 5 }],
  ['p300-dk20-dv130', { positions: 300, keyDim: 20, valueDim: 130 }],
  // 1,000 keys in splits of at most 96: 11 splits of 91 and one short one, each ending in a partial tile.
  ['p1000-d64-split96', { positions: 1000, keyDim: 64, valueDim: 64 }, 96],
  ['p37-dk24-dv40-split8', { positions: 37, keyDim: 24, valueDim: 40 }, 8],
  ['p5000-d64', { positions: 5000, keyDim: 64, valueDim: 64 }],
  ['p20000-dk48-dv72', { positions: 20000, keyDim: 48, valueDim: 72 }],
];
// The layer with its projections: T = 1, and sizes off every tile.
export const ATTENTION_LAYER_SHAPES: Array<[string, AttentionLayerShape]> = [
  ['T1-d8', { sequenceLength: 1, width: 8 }],
  ['T45-d36', { sequenceLength: 45, width: 36 }],
];
export const RNN_SHAPES: Array<[string, RnnShape]> = [
  ['T1-d8-in3', { steps: 1, hidden: 8, input: 3 }],
  ['T50-d37-in5', { steps: 50, hidden: 37, input: 5 }],
  ['T20-d130-in7', { steps: 20, hidden: 130, input: 7 }],
];
// One decode step from a nonzero state: widths below, at and above one workgroup, inputs narrower than the state.
export const RNN_STEP_SHAPES: Array<[string, RnnStepShape]> = [
  ['d8-in3', { hidden: 8, input: 3 }],
  ['d64-in64', { hidden: 64, input: 64 }],
  ['d130-in7', { hidden: 130, input: 7 }],
];
export const SCAN_SHAPES: Array<[string, ScanShape]> = [
  ['T1', { length: 1, channels: 1 }],
  ['T1000-c3', { length: 1000, channels: 3 }],
  ['T20000-c2', { length: 20000, channels: 2 }],
];
// T not a multiple of the chunk; 256 channels with totals scanned a level down; a forced 2-D dispatch split.
export const CHUNKED_SCAN_CASES: Array<[string, ScanShape, ChunkedScanSetting]> = [
  ['T20001-c1-adapter-plan', { length: 20001, channels: 1 }, {}],
  ['T3001-c256-two-levels', { length: 3001, channels: 256 }, { plannedLanes: 4096 }],
  ['T5000-c7-grid-2d', { length: 5000, channels: 7 }, { plannedLanes: 4096, maxWorkgroupsPerDimension: 8 }],
];

export function caseTable<Case>(make: CaseFactories<Case>): Array<[string, Case]> {
  return [
    ['recall/fixed-state/S64-T37', make.recall('fixed-state', 64, 37)],
    ['recall/fixed-state/S1024-T100', make.recall('fixed-state', 1024, 100)],
    ['recall/attention/T37', make.recall('attention', 64, 37)],
    ['recall/attention/T130', make.recall('attention', 64, 130)],
    // Width 24: m = 256 keeps the last ⌊256/48⌋ = 5 pairs.
    ['recall/attention-window/S256-T37', make.recall('attention-window', 256, 37)],
    ...(['naive', 'tiled', 'coalesced'] as const).flatMap((variant) =>
      MATMUL_SHAPES.map(([label, shape]): [string, Case] => [`matmul/${variant}/${label}`, make.matmul(variant, shape)]),
    ),
    ...(['materialised', 'flash'] as const).flatMap((kind) =>
      ATTENTION_SHAPES.map(([label, shape]): [string, Case] => [`attention/${kind}/${label}`, make.attention(kind, shape)]),
    ),
    ...ATTENTION_SHAPES.map(([label, shape]): [string, Case] => [`attention/flash-vs-materialised/${label}`, make.flashAgainstMaterialised(shape)]),
    ...FLASH_CASES.map(([label, shape, options]): [string, Case] => [`attention/flash/${label}`, make.flash(shape, options)]),
    ...QUERY_SHAPES.map(([label, shape]): [string, Case] => [`attention/materialised/${label}`, make.attention('materialised', shape)]),
    ...QUERY_SHAPES.map(([label, shape]): [string, Case] => [`attention/weights/${label}`, make.weights(shape)]),
    ...DECODE_SHAPES.map(([label, shape, keysPerSplit]): [string, Case] => [`attention/decode/${label}`, make.decode(shape, keysPerSplit)]),
    ...ATTENTION_LAYER_SHAPES.map(([label, shape]): [string, Case] => [`attention/layer/${label}`, make.attentionLayer(shape)]),
    ...(['submit-per-step', 'submit-per-step-no-wait', 'command-buffer', 'persistent'] as const).flatMap((variant) =>
      RNN_SHAPES.map(([label, shape]): [string, Case] => [`rnn/${variant}/${label}`, make.rnn(variant, shape)]),
    ),
    ...RNN_STEP_SHAPES.map(([label, shape]): [string, Case] => [`rnn/decode-step/${label}`, make.rnnDecodeStep(shape)]),
    ['gradient/jacobian/d16-T40-radius0.9', make.gradient(16, 40, 0.9)],
    ['gradient/jacobian/d33-T25-radius1.5', make.gradient(33, 25, 1.5)],
    ['gradient/lstm-chain/d8-K60-f0.99', make.lstmChain(8, 60, 0.99)],
    ['gradient/lstm-chain/d33-K25-f0.9', make.lstmChain(33, 25, 0.9)],
    ['gradient/forget-gate/sequential', make.forgetGate('sequential')],
    ['gradient/forget-gate/parallel', make.forgetGate('parallel')],
    ...(['sequential', 'parallel', 'chunked'] as const).flatMap((variant) =>
      SCAN_SHAPES.map(([label, shape]): [string, Case] => [`scan/${variant}/${label}`, make.scan(variant, shape)]),
    ),
    ...CHUNKED_SCAN_CASES.map(([label, shape, setting]): [string, Case] => [`scan/chunked/${label}`, make.chunkedScan(shape, setting)]),
  ];
}

const nameOnly = () => undefined;

/** The case names, in the order the harness runs them. */
export const CASE_NAMES: string[] = caseTable<undefined>({
  recall: nameOnly,
  matmul: nameOnly,
  attention: nameOnly,
  flashAgainstMaterialised: nameOnly,
  weights: nameOnly,
  decode: nameOnly,
  attentionLayer: nameOnly,
  rnn: nameOnly,
  rnnDecodeStep: nameOnly,
  gradient: nameOnly,
  lstmChain: nameOnly,
  forgetGate: nameOnly,
  scan: nameOnly,
  flash: nameOnly,
  chunkedScan: nameOnly,
}).map(([name]) => name);
