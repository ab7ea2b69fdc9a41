/**
 * The WebGPU path: both models' forward and backward passes and Adam as WGSL
 * kernels, recorded for one training step into ONE command buffer (one submit,
 * one readback of the per-row losses). Shapes are pipeline constants; the
 * parameters, their gradients and Adam's moments live in four flat buffers laid
 * out as in models.ts, each tensor bound as a range of them.
 */
import linearSource from './linear.wgsl?raw';
import embeddingSource from './embedding.wgsl?raw';
import lstmSource from './lstm.wgsl?raw';
import attentionSource from './attention.wgsl?raw';
import optimiseSource from './optimise.wgsl?raw';
import { sinusoidalPositions, type AdamSettings } from './reference';
import type { ModelLayout } from './models';
import type { TokenBatch } from './task';
import { type ResourceScope, bindGroup, encodeDispatch, plainPass, workgroupGrid, type GpuRuntime } from '../runtime';

export const TRAIN_SOURCES = { linear: linearSource, embedding: embeddingSource, lstm: lstmSource, attention: attentionSource, optimise: optimiseSource };

const WORKGROUP = 64;
/** Each LSTM step reads its t from its own 256-byte slot of one uniform buffer (WebGPU's largest uniform offset alignment). */
const STEP_SLOT = 256;

type Binding = GPUBuffer | GPUBufferBinding;
/** A forward (and optionally backward) pass at one batch shape, ready to record. */
export interface GpuGraph {
  batch: number;
  length: number;
  /** Answers per sequence: the loss is the mean over batch × answers of them. */
  answers: number;
  vocab: number;
  tokens: GPUBuffer;
  targets: GPUBuffer;
  /** Which rows used each token, for the embedding's backward pass (embeddingIndex). */
  tokenIndex: GPUBuffer;
  logits: GPUBuffer;
  probs?: GPUBuffer;
  lossRows: GPUBuffer;
  lossStaging: GPUBuffer;
  forward: Recorded[];
  backward: Recorded[];
}

export type Recorded = (encoder: GPUCommandEncoder) => void;

export interface GpuModelBuffers {
  params: GPUBuffer;
  grads: GPUBuffer;
  m: GPUBuffer;
  v: GPUBuffer;
  adamStep: GPUBuffer;
}

export function createModelBuffers(scope: ResourceScope, layout: ModelLayout, initial: Float64Array): GpuModelBuffers {
  const label = `train/${layout.shape.kind}`;
  return {
    params: scope.storage(`${label}/params`, Float32Array.from(initial)),
    grads: scope.output(`${label}/grads`, layout.flatLength),
    m: scope.output(`${label}/adam-m`, layout.flatLength),
    v: scope.output(`${label}/adam-v`, layout.flatLength),
    adamStep: scope.buffer(`${label}/adam-step`, 32, GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST, { counted: false }),
  };
}

/** Creates a pipeline (cached by the runtime) and its bind group, and returns the recorded dispatch. */
function dispatcher(runtime: GpuRuntime, label: string) {
  return async (source: string, entryPoint: string, constants: Record<string, number>, bindings: Binding[], invocations: number): Promise<Recorded> => {
    const pipeline = await runtime.pipeline({ label: `train/${entryPoint}`, code: source, entryPoint, constants });
    const group = bindGroup(runtime, `${label}/${entryPoint}`, pipeline, bindings);
    const grid = workgroupGrid(Math.ceil(invocations / WORKGROUP), runtime.limits.maxComputeWorkgroupsPerDimension);
    return (encoder: GPUCommandEncoder) => encodeDispatch(encoder, plainPass, `${label}/${entryPoint}`, pipeline, group, grid);
  };
}

/** Builds the kernels of one model at one batch shape; `withBackward` adds the gradient kernels. */
export async function buildGraph(
  runtime: GpuRuntime,
  scope: ResourceScope,
  layout: ModelLayout,
  buffers: GpuModelBuffers,
  batch: number,
  length: number,
  answers: number,
  withBackward: boolean,
): Promise<GpuGraph> {
  const { kind, vocab, classes, width: d, heads } = layout.shape;
  const label = `train/${kind}/${batch}x${length}`;
  const rows = batch * length;
  const floats = (name: string, count: number) => scope.output(`${label}/${name}`, count);
  const slot = (buffer: GPUBuffer, name: string): GPUBufferBinding => {
    const tensor = layout.tensors[name]!;
    return { buffer, offset: tensor.offset * 4, size: tensor.size * 4 };
  };
  const param = (name: string) => slot(buffers.params, name);
  const grad = (name: string) => slot(buffers.grads, name);

  const dispatch = dispatcher(runtime, label);
  const linear = (x: Binding, w: Binding, b: Binding, y: Binding, inputs: number, outputs: number, accumulate = false) =>
    dispatch(linearSource, 'linear_forward', { ROWS: rows, INPUTS: inputs, OUTPUTS: outputs, ACCUMULATE: Number(accumulate) }, [x, w, b, y], rows * outputs);
  const linearInput = (dy: Binding, w: Binding, dx: Binding, inputs: number, outputs: number, accumulate = false) =>
    dispatch(
      linearSource,
      'linear_backward_input',
      { ROWS: rows, INPUTS: inputs, OUTPUTS: outputs, ACCUMULATE: Number(accumulate) },
      [dy, w, dx],
      rows * inputs,
    );
  const linearWeight = (dy: Binding, x: Binding, dw: Binding, db: Binding, inputs: number, outputs: number) =>
    dispatch(linearSource, 'linear_backward_weight', { ROWS: rows, INPUTS: inputs, OUTPUTS: outputs }, [dy, x, dw, db], outputs * (inputs + 1));
  const copy =
    (from: GPUBuffer, to: GPUBuffer): Recorded =>
    (encoder) =>
      encoder.copyBufferToBuffer(from, 0, to, 0, from.size);

  const tokens = scope.buffer(`${label}/tokens`, rows * 4, GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_DST);
  const tokenIndex = scope.buffer(`${label}/token-index`, 2 * (vocab + 2 + rows) * 4, GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_DST);
  const targets = scope.buffer(`${label}/targets`, rows * 4, GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_DST);
  // The LSTM has no positions: a table of zeros lets both models share one embedding kernel.
  const positions =
    kind === 'attention' ? scope.storage(`${label}/positions`, Float32Array.from(sinusoidalPositions(length, d))) : floats('positions', length * d);
  const x = floats('x', rows * d);
  const embedding = { BATCH: batch, LENGTH: length, VOCAB: vocab, WIDTH: d };
  const forward: Recorded[] = [await dispatch(embeddingSource, 'embed_forward', embedding, [tokens, param('embed'), param('shift'), positions, x], rows * d)];
  const backward: Recorded[] = [];
  let features: GPUBuffer;
  let probs: GPUBuffer | undefined;
  // Filled in below once dFeatures exists: the model-specific path from dFeatures back to dx.
  let backToInput: (dFeatures: GPUBuffer, dx: GPUBuffer) => Promise<Recorded[]>;

  if (kind === 'lstm') {
    const preX = floats('prex', rows * 4 * d);
    const [H, C, gates] = [floats('h', rows * d), floats('c', rows * d), floats('gates', rows * 4 * d)];
    const recurrence = { BATCH: batch, LENGTH: length, HIDDEN: d };
    const stepRecords = new ArrayBuffer(length * STEP_SLOT);
    for (let t = 0; t < length; t++) new DataView(stepRecords).setUint32(t * STEP_SLOT, t, true);
    const steps = scope.uniform(`${label}/steps`, stepRecords);
    const stepSlot = (t: number): GPUBufferBinding => ({ buffer: steps, offset: t * STEP_SLOT, size: 16 });
    forward.push(await linear(x, param('inputWeight'), param('inputBias'), preX, d, 4 * d));
    for (let t = 0; t < length; t++) {
      forward.push(await dispatch(lstmSource, 'lstm_forward_step', recurrence, [preX, param('recurrent'), H, C, gates, stepSlot(t)], batch * d));
    }
    features = H;
    backToInput = async (dH, dx) => {
      const [dZ, dCarry] = [floats('dz', rows * 4 * d), floats('dcarry', batch * d)];
      const recorded: Recorded[] = [(encoder) => encoder.clearBuffer(dCarry)];
      for (let t = length - 1; t >= 0; t--) {
        recorded.push(await dispatch(lstmSource, 'lstm_backward_step', recurrence, [dH, param('recurrent'), C, gates, dZ, dCarry, stepSlot(t)], batch * d));
      }
      recorded.push(await dispatch(lstmSource, 'lstm_recurrent_gradient', recurrence, [dZ, H, grad('recurrent')], 4 * d * d));
      recorded.push(await linearWeight(dZ, x, grad('inputWeight'), grad('inputBias'), d, 4 * d));
      recorded.push(await linearInput(dZ, param('inputWeight'), dx, d, 4 * d));
      return recorded;
    };
  } else {
    const qkv = floats('qkv', rows * 3 * d);
    probs = floats('probs', batch * heads * length * length);
    const out = floats('attention-out', rows * d);
    features = floats('features', rows * d);
    const attention = { BATCH: batch, LENGTH: length, WIDTH: d, HEADS: heads };
    forward.push(
      await linear(x, param('qkv'), param('qkvBias'), qkv, d, 3 * d),
      await dispatch(attentionSource, 'attention_forward', attention, [qkv, probs, out], batch * heads * length),
      copy(x, features),
      await linear(out, param('output'), param('outputBias'), features, d, d, true),
    );
    const attentionProbs = probs;
    backToInput = async (dY, dx) => {
      const [dOut, dScores, dQkv] = [floats('d-attention-out', rows * d), floats('dscores', batch * heads * length * length), floats('dqkv', rows * 3 * d)];
      return [
        await linearWeight(dY, out, grad('output'), grad('outputBias'), d, d),
        await linearInput(dY, param('output'), dOut, d, d),
        await dispatch(attentionSource, 'attention_backward_scores', attention, [qkv, attentionProbs, dOut, dScores], batch * heads * length),
        await dispatch(attentionSource, 'attention_backward_inputs', attention, [qkv, attentionProbs, dOut, dScores, dQkv], rows * 3 * d),
        await linearWeight(dQkv, x, grad('qkv'), grad('qkvBias'), d, 3 * d),
        // The residual path: dx = dY + dQkv·W.
        copy(dY, dx),
        await linearInput(dQkv, param('qkv'), dx, d, 3 * d, true),
      ];
    };
  }

  const logits = floats('logits', rows * classes);
  const dLogits = floats('dlogits', rows * classes);
  const lossRows = floats('loss-rows', rows * 2);
  const lossStaging = scope.buffer(`${label}/loss-rows/readback`, rows * 2 * 4, GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST, { counted: false });
  forward.push(
    await linear(features, param('readout'), param('readoutBias'), logits, d, classes),
    await dispatch(
      optimiseSource,
      'cross_entropy',
      { ROWS: rows, CLASSES: classes, INVERSE_COUNT: 1 / (batch * answers) },
      [logits, targets, dLogits, lossRows],
      rows,
    ),
    (encoder) => encoder.copyBufferToBuffer(lossRows, 0, lossStaging, 0, lossRows.size),
  );
  if (withBackward) {
    const dFeatures = floats('dfeatures', rows * d);
    const dx = floats('dx', rows * d);
    backward.push(
      await linearWeight(dLogits, features, grad('readout'), grad('readoutBias'), d, classes),
      await linearInput(dLogits, param('readout'), dFeatures, d, classes),
      ...(await backToInput(dFeatures, dx)),
      await dispatch(embeddingSource, 'embed_backward', embedding, [tokenIndex, dx, grad('embed'), grad('shift')], (vocab + 1) * d),
    );
  }
  return { batch, length, answers, vocab, tokens, targets, tokenIndex, logits, probs, lossRows, lossStaging, forward, backward };
}

/** The Adam update over the whole flat buffer (padding included: its gradient is 0, so it stays 0). */
export async function buildAdam(runtime: GpuRuntime, layout: ModelLayout, buffers: GpuModelBuffers): Promise<Recorded> {
  const dispatch = dispatcher(runtime, `train/${layout.shape.kind}`);
  return dispatch(
    optimiseSource,
    'adam',
    { PARAMETERS: layout.flatLength },
    [buffers.params, buffers.grads, buffers.m, buffers.v, buffers.adamStep],
    layout.flatLength,
  );
}

/** Writes this step's Adam settings; the bias corrections are computed in float64 here. */
export function writeAdamStep(device: GPUDevice, buffers: GpuModelBuffers, step: number, settings: AdamSettings): void {
  const { learningRate, beta1, beta2, epsilon } = settings;
  device.queue.writeBuffer(
    buffers.adamStep,
    0,
    new Float32Array([learningRate, beta1, beta2, epsilon, 1 - Math.pow(beta1, step), 1 - Math.pow(beta2, step), 0, 0]),
  );
}

/**
 * For E and then for S: vocab + 2 offsets and the row numbers grouped by token (counting sort),
 * so the embedding's backward pass visits only the rows that used each token.
 */
export function embeddingIndex(data: TokenBatch, vocab: number): Uint32Array<ArrayBuffer> {
  const rows = data.batch * data.length;
  const stride = vocab + 2 + rows;
  const index = new Uint32Array(2 * stride);
  const tokenOf = [(row: number) => data.tokens[row]!, (row: number) => (row % data.length === 0 ? vocab : data.tokens[row - 1]!)];
  tokenOf.forEach((token, table) => {
    const base = table * stride;
    for (let row = 0; row < rows; row++) index[base + token(row) + 1]!++;
    for (let v = 0; v <= vocab; v++) index[base + v + 1]! += index[base + v]!;
    const next = index.slice(base, base + vocab + 1);
    for (let row = 0; row < rows; row++) index[base + vocab + 2 + next[token(row)]!++] = row;
  });
  return index;
}

/** Uploads a batch's tokens and targets into a graph of its shape. */
export function writeBatch(device: GPUDevice, graph: GpuGraph, data: TokenBatch): void {
  if (data.batch !== graph.batch || data.length !== graph.length || data.answers !== graph.answers) {
    throw new Error(
      `A ${data.batch}×${data.length} batch with ${data.answers} answers each does not fit a graph built for ${graph.batch}×${graph.length} with ${graph.answers}.`,
    );
  }
  device.queue.writeBuffer(graph.tokens, 0, data.tokens as Int32Array<ArrayBuffer>);
  device.queue.writeBuffer(graph.tokenIndex, 0, embeddingIndex(data, graph.vocab));
  device.queue.writeBuffer(graph.targets, 0, data.targets as Int32Array<ArrayBuffer>);
}

/** Maps the per-row losses copied at the end of the forward pass: mean loss and correct answers. */
export async function readLoss(graph: GpuGraph): Promise<{ loss: number; correct: number; counted: number }> {
  await graph.lossStaging.mapAsync(GPUMapMode.READ);
  const rowsOut = new Float32Array(graph.lossStaging.getMappedRange().slice(0));
  graph.lossStaging.unmap();
  let loss = 0;
  let correct = 0;
  for (let m = 0; m < rowsOut.length; m += 2) {
    loss += rowsOut[m]!;
    correct += rowsOut[m + 1]!;
  }
  const counted = graph.batch * graph.answers;
  return { loss: loss / counted, correct, counted };
}
