/**
 * The host API of the training experiments: an LSTM and a causal attention layer
 * with matched parameter counts, trained side by side on the same batches of any
 * task (recall in ./task.ts, state tracking in ./running-sum.ts), on either
 * backend, behind one interface.
 *
 *   const trainer = await createTrainer(backend, { shape, lstmWidth, heads, learningRate, seed });
 *   const { lstm, attention } = await trainer.step(batch);   // one Adam step each
 *   const heldOut = await trainer.evaluate(heldOutBatch);     // loss, accuracy, answers
 *   trainer.parameterCounts; trainer.dispose();
 *
 * On WebGPU a step is one command buffer per model; on the CPU path the float64
 * reference does the same arithmetic. The trainer keeps its models between calls,
 * so a run can stop and go on (./loop.ts).
 */
import { ADAM_DEFAULTS, adamUpdate, type AdamSettings } from './reference';
import {
  initialParameters,
  matchWidths,
  MIN_LSTM_WIDTH,
  modelLayout,
  modelPass,
  modelShape,
  type MatchedWidths,
  type ModelKind,
  type ModelLayout,
} from './models';
import type { TaskShape, TokenBatch } from './task';
import { buildAdam, buildGraph, createModelBuffers, readLoss, writeAdamStep, writeBatch, type GpuGraph, type GpuModelBuffers, type Recorded } from './gpu';
import { ResourceScope, cancelled, deriveSeed, describeBackend, type Backend, type GpuRuntime } from '../runtime';

export interface TrainerConfig {
  /** The task's input tokens and output classes. */
  shape: TaskShape;
  /** LSTM hidden size; the attention width is chosen to match its parameter count (matchWidths). */
  lstmWidth: number;
  /** Attention heads (1 or 2). */
  heads: number;
  learningRate: number;
  /** Seeds both models' initial parameters. */
  seed: number;
}

export interface StepResult {
  /** Steps taken so far, this one included. */
  step: number;
  /** Mean cross-entropy on this step's batch, before the update. */
  loss: number;
  /** Fraction of this batch's queries answered right, before the update. */
  accuracy: number;
}

export interface ForwardResult {
  loss: number;
  accuracy: number;
  /** Answers asked for in the batch, and how many the model got right. */
  correct: number;
  counted: number;
  /** batch × length × classes. */
  logits: Float32Array | Float64Array;
  /** batch × heads × length × length attention weights (attention only, when asked for). */
  probs?: Float32Array | Float64Array;
}

/** One model on one backend. Both backends implement it alike. */
export interface ModelTrainer {
  readonly kind: ModelKind;
  readonly layout: ModelLayout;
  readonly steps: number;
  /** One Adam step on `data`. */
  step(data: TokenBatch): Promise<StepResult>;
  /** Loss and accuracy on `data`, without training; `withProbs` also returns attention weights. */
  forward(data: TokenBatch, withProbs?: boolean): Promise<ForwardResult>;
  /** The loss and its gradient in the flat layout, without training (for tests). */
  gradients(data: TokenBatch): Promise<{ loss: number; grads: Float32Array | Float64Array }>;
  parameters(): Promise<Float64Array>;
  loadParameters(values: Float64Array): void;
  dispose(): void;
}

function adamSettings(config: TrainerConfig): AdamSettings {
  return { ...ADAM_DEFAULTS, learningRate: config.learningRate };
}

/** The float64 reference as a trainer. */
export function createCpuModelTrainer(layout: ModelLayout, initial: Float64Array, adam: AdamSettings): ModelTrainer {
  let params = Float64Array.from(initial);
  const m = new Float64Array(layout.flatLength);
  const v = new Float64Array(layout.flatLength);
  let steps = 0;
  return {
    kind: layout.shape.kind,
    layout,
    get steps() {
      return steps;
    },
    async step(data) {
      const pass = modelPass(layout, params, data, true);
      steps++;
      adamUpdate(params, pass.grads!, m, v, steps, adam);
      return { step: steps, loss: pass.loss, accuracy: pass.correct / pass.counted };
    },
    async forward(data, withProbs = false) {
      const pass = modelPass(layout, params, data, false);
      return {
        loss: pass.loss,
        accuracy: pass.correct / pass.counted,
        correct: pass.correct,
        counted: pass.counted,
        logits: pass.logits,
        probs: withProbs && layout.shape.kind === 'attention' ? pass.probs : undefined,
      };
    },
    async gradients(data) {
      const pass = modelPass(layout, params, data, true);
      return { loss: pass.loss, grads: pass.grads! };
    },
    async parameters() {
      return Float64Array.from(params);
    },
    loadParameters(values) {
      params = Float64Array.from(values);
    },
    dispose() {},
  };
}

/** The WGSL kernels as a trainer: graphs are built per batch shape on first use and kept. */
export async function createGpuModelTrainer(
  runtime: GpuRuntime,
  layout: ModelLayout,
  initial: Float64Array,
  adam: AdamSettings,
  signal?: AbortSignal,
): Promise<ModelTrainer> {
  const scope = new ResourceScope(runtime, signal);
  const device = runtime.device;
  const label = `train/${layout.shape.kind}`;
  let buffers: GpuModelBuffers;
  let adamStep: Recorded;
  try {
    ({ buffers, adamStep } = await runtime.guarded(`${label}/setup`, async () => {
      const created = createModelBuffers(scope, layout, initial);
      return { buffers: created, adamStep: await buildAdam(runtime, layout, created) };
    }));
  } catch (error) {
    scope.dispose();
    throw error;
  }
  const graphs = new Map<string, Promise<GpuGraph>>();
  const graphFor = (data: TokenBatch, withBackward: boolean) => {
    const key = `${data.batch}/${data.length}/${data.answers}/${withBackward}`;
    let graph = graphs.get(key);
    if (!graph) {
      graph = runtime.guarded(`${label}/build`, () => buildGraph(runtime, scope, layout, buffers, data.batch, data.length, data.answers, withBackward));
      graphs.set(key, graph);
    }
    return graph;
  };
  /** Records `parts` into one command buffer, submits it once, and reads the losses back. */
  const run = (name: string, graph: GpuGraph, data: TokenBatch, parts: Recorded[]) =>
    runtime.guarded(`${label}/${name}`, async () => {
      scope.checkpoint();
      writeBatch(device, graph, data);
      const encoder = device.createCommandEncoder({ label: `${label}/${name}` });
      for (const part of parts) part(encoder);
      device.queue.submit([encoder.finish()]);
      return readLoss(graph);
    });
  const readFloats = async (buffer: GPUBuffer) => runtime.guarded(`${label}/read`, () => scope.read(buffer));
  const clearGrads: Recorded = (encoder) => encoder.clearBuffer(buffers.grads);
  let steps = 0;
  return {
    kind: layout.shape.kind,
    layout,
    get steps() {
      return steps;
    },
    async step(data) {
      const graph = await graphFor(data, true);
      writeAdamStep(device, buffers, steps + 1, adam);
      const { loss, correct, counted } = await run('step', graph, data, [clearGrads, ...graph.forward, ...graph.backward, adamStep]);
      steps++;
      return { step: steps, loss, accuracy: correct / counted };
    },
    async forward(data, withProbs = false) {
      const graph = await graphFor(data, false);
      const { loss, correct, counted } = await run('forward', graph, data, graph.forward);
      const logits = await readFloats(graph.logits);
      const probs = withProbs && graph.probs ? await readFloats(graph.probs) : undefined;
      return { loss, accuracy: correct / counted, correct, counted, logits, probs };
    },
    async gradients(data) {
      const graph = await graphFor(data, true);
      const { loss } = await run('gradients', graph, data, [clearGrads, ...graph.forward, ...graph.backward]);
      return { loss, grads: await readFloats(buffers.grads) };
    },
    async parameters() {
      return Float64Array.from(await readFloats(buffers.params));
    },
    loadParameters(values) {
      device.queue.writeBuffer(buffers.params, 0, Float32Array.from(values));
    },
    dispose() {
      scope.dispose();
    },
  };
}

/** One model's held-out result on a batch. */
export interface Evaluation {
  loss: number;
  correct: number;
  counted: number;
  accuracy: number;
  /** The model's answer (argmax class) at every position, batch × length. */
  answers: Int32Array;
}

export interface Trainer {
  readonly config: TrainerConfig;
  /** describeBackend() of the backend training runs on. */
  readonly backend: string;
  readonly widths: MatchedWidths;
  readonly parameterCounts: Record<ModelKind, number>;
  readonly models: Record<ModelKind, ModelTrainer>;
  /** Adam steps each model has taken, over every run of this trainer. */
  readonly steps: number;
  /** One Adam step of each model on the same batch. */
  step(data: TokenBatch): Promise<Record<ModelKind, StepResult>>;
  /** Each model's loss, accuracy and answers on `data`, without training. */
  evaluate(data: TokenBatch): Promise<Record<ModelKind, Evaluation>>;
  /** The attention model's weights on `data`: batch × heads × length × length. */
  attentionWeights(data: TokenBatch): Promise<Float32Array | Float64Array>;
  dispose(): void;
}

/** The argmax class at every row of batch × length × classes logits. */
export function argmaxAnswers(logits: ArrayLike<number>, rows: number, classes: number): Int32Array {
  return Int32Array.from({ length: rows }, (_, row) => {
    let best = 0;
    for (let k = 1; k < classes; k++) if (logits[row * classes + k]! > logits[row * classes + best]!) best = k;
    return best;
  });
}

/** Throws a readable RangeError for a configuration no trainer can use. */
export function validateConfig(config: TrainerConfig): void {
  for (const [name, value, least] of [
    ['number of input tokens', config.shape.vocab, 1],
    ['number of answer classes', config.shape.classes, 2],
    ['LSTM width', config.lstmWidth, MIN_LSTM_WIDTH],
  ] as const) {
    if (!Number.isInteger(value) || value < least) throw new RangeError(`The ${name} must be a whole number ≥ ${least}; got ${value}.`);
  }
  if (config.heads !== 1 && config.heads !== 2) throw new RangeError(`The attention model has 1 or 2 heads; got ${config.heads}.`);
  if (!(config.learningRate > 0 && config.learningRate < 1)) throw new RangeError(`The learning rate must be between 0 and 1; got ${config.learningRate}.`);
}

/** Throws a readable RangeError for a batch the trainer's models cannot read. */
function validateBatch(data: TokenBatch, shape: TaskShape): void {
  if (data.tokens.length !== data.batch * data.length || data.targets.length !== data.tokens.length) {
    throw new RangeError(`A batch of ${data.batch} sequences of ${data.length} tokens needs ${data.batch * data.length} tokens and targets.`);
  }
  if (data.tokens.some((token) => token < 0 || token >= shape.vocab)) throw new RangeError(`Every token must be between 0 and ${shape.vocab - 1}.`);
  if (data.targets.some((target) => target >= shape.classes)) throw new RangeError(`Every target must be below ${shape.classes} (or −1 for no answer).`);
}

export async function createTrainer(backend: Backend, config: TrainerConfig, signal?: AbortSignal): Promise<Trainer> {
  validateConfig(config);
  const widths = matchWidths(config.shape, config.lstmWidth, config.heads);
  const layouts: Record<ModelKind, ModelLayout> = {
    lstm: modelLayout(modelShape('lstm', config.shape, widths.lstm.width)),
    attention: modelLayout(modelShape('attention', config.shape, widths.attention.width, config.heads)),
  };
  const adam = adamSettings(config);
  const make = (kind: ModelKind) => {
    const initial = initialParameters(layouts[kind], deriveSeed(config.seed, kind === 'lstm' ? 11 : 12));
    return backend.kind === 'cpu'
      ? Promise.resolve(createCpuModelTrainer(layouts[kind], initial, adam))
      : createGpuModelTrainer(backend.runtime, layouts[kind], initial, adam, signal);
  };
  const lstm = await make('lstm');
  let attention: ModelTrainer;
  try {
    attention = await make('attention');
  } catch (error) {
    lstm.dispose();
    throw error;
  }
  const models = { lstm, attention };
  const kinds: ModelKind[] = ['lstm', 'attention'];
  return {
    config,
    backend: describeBackend(backend),
    widths,
    parameterCounts: { lstm: layouts.lstm.parameterCount, attention: layouts.attention.parameterCount },
    models,
    get steps() {
      return lstm.steps;
    },
    async step(data) {
      if (signal?.aborted) throw cancelled();
      validateBatch(data, config.shape);
      return { lstm: await lstm.step(data), attention: await attention.step(data) };
    },
    async evaluate(data) {
      validateBatch(data, config.shape);
      const results = {} as Record<ModelKind, Evaluation>;
      for (const kind of kinds) {
        const pass = await models[kind].forward(data);
        results[kind] = {
          loss: pass.loss,
          accuracy: pass.accuracy,
          correct: pass.correct,
          counted: pass.counted,
          answers: argmaxAnswers(pass.logits, data.batch * data.length, config.shape.classes),
        };
      }
      return results;
    },
    async attentionWeights(data) {
      validateBatch(data, config.shape);
      return (await attention.forward(data, true)).probs!;
    },
    dispose() {
      lstm.dispose();
      attention.dispose();
    },
  };
}
