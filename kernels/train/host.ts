/**
 * The host API of the training experiment: an LSTM and a causal attention layer
 * trained side by side on the same recall batches from the same seed, on either
 * backend, behind one interface.
 *
 *   const trainer = await createTrainer(backend, config);
 *   const { lstm, attention } = await trainer.step();      // one Adam step each
 *   const heldOut = await trainer.evaluate(16);            // accuracy at N = 16
 *   const example = await trainer.example(8);              // answers and attention weights
 *   trainer.parameterCounts; trainer.stateNumbers(8); trainer.dispose();
 *
 * On WebGPU a step is one command buffer per model; on the CPU path the float64
 * reference does the same arithmetic, at smaller defaults (CPU_TRAINING_DEFAULTS).
 */
import { ADAM_DEFAULTS, adamUpdate, type AdamSettings } from './reference';
import {
  attentionCacheNumbers,
  initialParameters,
  lstmStateNumbers,
  matchWidths,
  MIN_LSTM_WIDTH,
  modelLayout,
  modelPass,
  modelShape,
  type MatchedWidths,
  type ModelKind,
  type ModelLayout,
} from './models';
import { heldOutSeed, recallBatch, trainingSeed, validateTask, type RecallBatch, type RecallTask } from './task';
import { buildAdam, buildGraph, createModelBuffers, readLoss, writeAdamStep, writeBatch, type GpuGraph, type GpuModelBuffers, type Recorded } from './gpu';
import { ResourceScope, cancelled, deriveSeed, describeBackend, type Backend, type GpuRuntime } from '../runtime';

export interface TrainingConfig {
  task: RecallTask;
  /** Sequences per training step. */
  batch: number;
  /** LSTM hidden size; the attention width is chosen to match its parameter count (matchWidths). */
  lstmWidth: number;
  /** Attention heads (1 or 2). */
  heads: number;
  learningRate: number;
  seed: number;
  /** Training steps a run takes (the trainer itself steps as often as it is asked). */
  steps: number;
  /** Sequences per held-out evaluation. */
  evaluationBatch: number;
}

// The defaults live apart, so the experiment's page can estimate a run without loading the kernels.
export { TRAINING_DEFAULTS, CPU_TRAINING_DEFAULTS } from './defaults';

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
  step(data: RecallBatch): Promise<StepResult>;
  /** Loss and accuracy on `data`, without training; `withProbs` also returns attention weights. */
  forward(data: RecallBatch, withProbs?: boolean): Promise<ForwardResult>;
  /** The loss and its gradient in the flat layout, without training (for tests). */
  gradients(data: RecallBatch): Promise<{ loss: number; grads: Float32Array | Float64Array }>;
  parameters(): Promise<Float64Array>;
  loadParameters(values: Float64Array): void;
  dispose(): void;
}

function adamSettings(config: TrainingConfig): AdamSettings {
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
  const graphFor = (data: RecallBatch, withBackward: boolean) => {
    const { pairs, queries } = data;
    const key = `${data.batch}/${pairs}/${queries}/${withBackward}`;
    let graph = graphs.get(key);
    if (!graph) {
      graph = runtime.guarded(`${label}/build`, () => buildGraph(runtime, scope, layout, buffers, data.batch, pairs, queries, withBackward));
      graphs.set(key, graph);
    }
    return graph;
  };
  /** Records `parts` into one command buffer, submits it once, and reads the losses back. */
  const run = (name: string, graph: GpuGraph, data: RecallBatch, parts: Recorded[]) =>
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
      return { loss, accuracy: correct / counted, logits, probs };
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

export interface ExampleAnswers {
  /** One sequence: its tokens and the value class asked for at each query (−1 elsewhere). */
  tokens: Int32Array;
  targets: Int32Array;
  /** Each model's answer (argmax class) at every position. */
  answers: Record<ModelKind, Int32Array>;
  /** heads × length × length attention weights of the attention model on this sequence. */
  attentionWeights: Float32Array | Float64Array;
  heads: number;
}

export interface Trainer {
  readonly config: TrainingConfig;
  /** describeBackend() of the backend training runs on. */
  readonly backend: string;
  readonly widths: MatchedWidths;
  readonly parameterCounts: Record<ModelKind, number>;
  readonly models: Record<ModelKind, ModelTrainer>;
  /** Numbers each model carries at N pairs: the LSTM's h and c; the attention model's keys and values for 2N tokens. */
  stateNumbers(pairs: number): Record<ModelKind, number>;
  /** One Adam step of each model on the same next training batch. */
  step(): Promise<Record<ModelKind, StepResult>>;
  /** Held-out accuracy and loss at `pairs` (may exceed the trained N, up to the number of keys). */
  evaluate(pairs: number, batches?: number): Promise<Record<ModelKind, { loss: number; accuracy: number }>>;
  /** One held-out sequence at `pairs`, each model's answers, and the attention weights on it. */
  example(pairs: number): Promise<ExampleAnswers>;
  dispose(): void;
}

/** Throws a readable RangeError for a configuration no trainer can use. */
export function validateConfig(config: TrainingConfig): void {
  validateTask(config.task);
  for (const [name, value, least] of [
    ['batch', config.batch, 1],
    ['evaluation batch', config.evaluationBatch, 1],
    ['number of steps', config.steps, 1],
    ['LSTM width', config.lstmWidth, MIN_LSTM_WIDTH],
  ] as const) {
    if (!Number.isInteger(value) || value < least) throw new RangeError(`The ${name} must be a whole number ≥ ${least}; got ${value}.`);
  }
  if (config.heads !== 1 && config.heads !== 2) throw new RangeError(`The attention model has 1 or 2 heads; got ${config.heads}.`);
  if (!(config.learningRate > 0 && config.learningRate < 1)) throw new RangeError(`The learning rate must be between 0 and 1; got ${config.learningRate}.`);
}

export async function createTrainer(backend: Backend, config: TrainingConfig, signal?: AbortSignal): Promise<Trainer> {
  validateConfig(config);
  const widths = matchWidths(config.task, config.lstmWidth, config.heads);
  const layouts: Record<ModelKind, ModelLayout> = {
    lstm: modelLayout(modelShape('lstm', config.task, widths.lstm.width)),
    attention: modelLayout(modelShape('attention', config.task, widths.attention.width, config.heads)),
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
  const heldOut = (pairs: number, batch: number, index: number) =>
    recallBatch({ ...config.task, pairs, queries: Math.min(config.task.queries, pairs) }, batch, heldOutSeed(config.seed, index));
  let stepsTaken = 0;
  return {
    config,
    backend: describeBackend(backend),
    widths,
    parameterCounts: { lstm: layouts.lstm.parameterCount, attention: layouts.attention.parameterCount },
    models,
    stateNumbers: (pairs) => ({ lstm: lstmStateNumbers(widths.lstm.width), attention: attentionCacheNumbers(pairs, widths.attention.width) }),
    async step() {
      if (signal?.aborted) throw cancelled();
      stepsTaken++;
      const data = recallBatch(config.task, config.batch, trainingSeed(config.seed, stepsTaken));
      return { lstm: await lstm.step(data), attention: await attention.step(data) };
    },
    async evaluate(pairs, batches = 1) {
      const totals = { lstm: { loss: 0, accuracy: 0 }, attention: { loss: 0, accuracy: 0 } };
      for (let index = 0; index < batches; index++) {
        const data = heldOut(pairs, config.evaluationBatch, index);
        for (const kind of kinds) {
          const result = await models[kind].forward(data);
          totals[kind].loss += result.loss / batches;
          totals[kind].accuracy += result.accuracy / batches;
        }
      }
      return totals;
    },
    async example(pairs) {
      const data = heldOut(pairs, 1, 1_000_000);
      const classes = config.task.values;
      const argmax = (logits: Float32Array | Float64Array) =>
        Int32Array.from({ length: data.length }, (_, t) => {
          let best = 0;
          for (let k = 1; k < classes; k++) if (logits[t * classes + k]! > logits[t * classes + best]!) best = k;
          return best;
        });
      const [lstmPass, attentionPass] = [await lstm.forward(data), await attention.forward(data, true)];
      return {
        tokens: data.tokens,
        targets: data.targets,
        answers: { lstm: argmax(lstmPass.logits), attention: argmax(attentionPass.logits) },
        attentionWeights: attentionPass.probs!,
        heads: config.heads,
      };
    },
    dispose() {
      lstm.dispose();
      attention.dispose();
    },
  };
}
