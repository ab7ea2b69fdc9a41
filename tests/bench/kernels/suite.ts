/**
 * The benchmark suite: every comparison the kernels issue asks for, measured
 * side by side in one run on one adapter, with the same timing helper the
 * experiments use. Runs in the browser; tests/bench/kernels/run.mjs drives it.
 */
import { prepareMatmul, type MatmulVariant } from '../../../kernels/matmul/host';
import { matmulReference } from '../../../kernels/matmul/reference';
import { matmulFlops } from '../../../kernels/matmul/cost';
import { prepareMaterialisedAttention, uploadAttentionInputs } from '../../../kernels/attention/host';
import { attentionReference, type AttentionShape } from '../../../kernels/attention/reference';
import { attentionFlops } from '../../../kernels/attention/cost';
import { prepareFlashAttention } from '../../../kernels/flash/host';
import { prepareRnn, runPreparedRnn, uploadRnn, type RnnVariant } from '../../../kernels/rnn/host';
import { rnnForwardReference, rnnInputs, type RnnShape } from '../../../kernels/rnn/reference';
import { rnnForwardFlops } from '../../../kernels/rnn/cost';
import { prepareScan, uploadScan, type ScanVariant } from '../../../kernels/scan/host';
import { linearRecurrenceReference, type ScanShape } from '../../../kernels/scan/reference';
import { gradientNorms } from '../../../kernels/gradient/host';
import { gradientNormsReference } from '../../../kernels/gradient/reference';
import { benchTraining } from '../../../kernels/train/bench';
import {
  CPU_BACKEND,
  deriveSeed,
  describeBackend,
  normalArray,
  timeKernel,
  timeWallClock,
  uniformArray,
  type Backend,
  type GpuRuntime,
  type KernelTimingOptions,
  type Timing,
} from '../../../kernels/runtime';

export interface BenchOptions {
  /** Matrix size for the matmul comparison (target at 1024). */
  matmulSize: number;
  /** Steps and width for the RNN variants (target at T = 512). */
  rnnSteps: number;
  rnnHidden: number;
  /** Sequence length and head width for flash against materialised (target at 4096, 64). */
  attentionLength: number;
  attentionDim: number;
  /** Lengths for scan against loop (target at T ≥ 16384). */
  scanLengths: number[];
  scanChannels: number;
  /** Sizes for WebGPU against the CPU reference, kept small for the CPU. */
  cpuComparisonScale: number;
  repetitions: number;
}

export const DEFAULT_BENCH_OPTIONS: BenchOptions = {
  matmulSize: 1024,
  rnnSteps: 512,
  rnnHidden: 64,
  attentionLength: 4096,
  attentionDim: 64,
  scanLengths: [4096, 16384, 65536],
  scanChannels: 4,
  cpuComparisonScale: 1,
  repetitions: 5,
};

export interface BenchRow {
  group: string;
  name: string;
  medianMs: number;
  minMs: number;
  method: Timing['method'];
  /** Work per unit, where it is meaningful. */
  flops?: number;
  gflops?: number;
  allocatedBytes?: number;
  note: string;
}

export interface BenchTarget {
  name: string;
  /** The measured ratio and the ratio required. */
  ratio: number;
  required: number;
  met: boolean;
  description: string;
}

export interface BenchReport {
  adapter: string;
  timestamps: boolean;
  options: BenchOptions;
  rows: BenchRow[];
  targets: BenchTarget[];
}

type Progress = (message: string) => void;

function row(group: string, name: string, timing: Timing, extra: Partial<BenchRow> = {}): BenchRow {
  const gflops = extra.flops ? extra.flops / (timing.medianMs * 1e6) : undefined;
  return { group, name, medianMs: timing.medianMs, minMs: timing.minMs, method: timing.method, note: timing.note, gflops, ...extra };
}

/** Timing for the bench: longer targets than a sweep's, since nobody is waiting on a page. */
function benchTiming(repetitions: number, targetMs: number, maxBatch: number): KernelTimingOptions {
  return { gpu: { repetitions, targetMs, maxBatch }, cpu: { repetitions, targetMs: 20, maxBatch: 64 } };
}

/** The group a row belongs to: the family on WebGPU, and the CPU references together. */
const groupFor = (backend: Backend, family: string) => (backend.kind === 'cpu' ? 'cpu-reference' : family);

async function benchMatmul(backend: Backend, size: number, variant: MatmulVariant, repetitions: number): Promise<BenchRow> {
  const shape = { m: size, n: size, k: size };
  const a = uniformArray(deriveSeed(1, 1), size * size);
  const b = uniformArray(deriveSeed(1, 2), size * size);
  const { timing } = await timeKernel(
    backend,
    {
      label: 'bench',
      reference: () => matmulReference(a, b, shape),
      prepare: (runtime, scope) =>
        prepareMatmul(runtime, scope, variant, shape, {
          a: scope.storage('bench/matmul/a', a),
          b: scope.storage('bench/matmul/b', b),
          c: scope.output('bench/matmul/c', size * size),
        }),
    },
    benchTiming(repetitions, 50, 16),
  );
  const name = backend.kind === 'cpu' ? `matmul ${size}×${size}` : `${variant} ${size}×${size}`;
  return row(groupFor(backend, 'matmul'), name, timing, backend.kind === 'cpu' ? {} : { flops: matmulFlops(shape) });
}

async function benchRnn(backend: Backend, shape: RnnShape, variant: RnnVariant, repetitions: number): Promise<BenchRow> {
  const { weights, x } = rnnInputs(3, shape);
  const { timing } = await timeKernel(
    backend,
    {
      label: 'bench',
      reference: () => rnnForwardReference(weights, x, shape),
      async prepare(runtime, scope) {
        const rnn = await prepareRnn(runtime, scope, variant, shape, uploadRnn(scope, weights, x, shape));
        return variant === 'submit-per-step' ? { submitEach: () => runPreparedRnn(runtime.device, rnn) } : rnn;
      },
    },
    benchTiming(repetitions, 50, 64),
  );
  if (backend.kind === 'cpu') return row('cpu-reference', `rnn T=${shape.steps} d=${shape.hidden}`, timing);
  return row('rnn', `${variant} T=${shape.steps} d=${shape.hidden}`, timing, { flops: rnnForwardFlops(shape) });
}

async function benchAttention(backend: Backend, shape: AttentionShape, kind: 'materialised' | 'flash', repetitions: number): Promise<BenchRow> {
  const t = shape.sequenceLength;
  const q = normalArray(deriveSeed(5, 1), t * shape.keyDim);
  const k = normalArray(deriveSeed(5, 2), t * shape.keyDim);
  const v = uniformArray(deriveSeed(5, 3), t * shape.valueDim);
  let allocatedBytes = 0;
  const { timing } = await timeKernel(
    backend,
    {
      label: 'bench',
      reference: () => attentionReference(q, k, v, shape),
      async prepare(runtime, scope) {
        const buffers = uploadAttentionInputs(scope, q, k, v, shape);
        const kernel =
          kind === 'flash' ? await prepareFlashAttention(runtime, scope, shape, buffers) : await prepareMaterialisedAttention(runtime, scope, shape, buffers);
        allocatedBytes = scope.allocatedBytes;
        return kernel;
      },
    },
    benchTiming(repetitions, 50, 8),
  );
  if (backend.kind === 'cpu') return row('cpu-reference', `attention T=${t} d=${shape.keyDim}`, timing);
  return row('attention', `${kind} T=${t} d=${shape.keyDim}`, timing, { flops: attentionFlops(shape), allocatedBytes });
}

async function benchScan(backend: Backend, shape: ScanShape, variant: ScanVariant, repetitions: number): Promise<BenchRow> {
  const count = shape.length * shape.channels;
  const a = uniformArray(deriveSeed(7, 1), count, 0.5, 0.99);
  const b = uniformArray(deriveSeed(7, 2), count);
  const { timing } = await timeKernel(
    backend,
    {
      label: 'bench',
      reference: () => linearRecurrenceReference(a, b, shape),
      prepare: (runtime, scope) => prepareScan(runtime, scope, variant, shape, uploadScan(scope, a, b, shape)),
    },
    benchTiming(repetitions, 30, 32),
  );
  const name = backend.kind === 'cpu' ? `scan T=${shape.length} channels=${shape.channels}` : `${variant} T=${shape.length} channels=${shape.channels}`;
  return row(groupFor(backend, 'scan'), name, timing);
}

export async function runBenchmarks(runtime: GpuRuntime, partial: Partial<BenchOptions> = {}, progress: Progress = () => {}): Promise<BenchReport> {
  const gpu: Backend = { kind: 'webgpu', runtime };
  const options = { ...DEFAULT_BENCH_OPTIONS, ...partial };
  const reps = options.repetitions;
  const rows: BenchRow[] = [];
  const add = (result: BenchRow) => {
    rows.push(result);
    progress(`${result.group}: ${result.name} ${result.medianMs.toFixed(3)} ms`);
    return result;
  };

  const naive = add(await benchMatmul(gpu, options.matmulSize, 'naive', reps));
  const tiled = add(await benchMatmul(gpu, options.matmulSize, 'tiled', reps));

  const rnnShape = { steps: options.rnnSteps, hidden: options.rnnHidden, input: options.rnnHidden };
  const perStep = add(await benchRnn(gpu, rnnShape, 'submit-per-step', Math.min(reps, 3)));
  const oneBuffer = add(await benchRnn(gpu, rnnShape, 'command-buffer', reps));
  add(await benchRnn(gpu, rnnShape, 'persistent', reps));

  const attentionShape = { sequenceLength: options.attentionLength, keyDim: options.attentionDim, valueDim: options.attentionDim };
  const materialised = add(await benchAttention(gpu, attentionShape, 'materialised', Math.min(reps, 3)));
  const flash = add(await benchAttention(gpu, attentionShape, 'flash', Math.min(reps, 3)));

  const scanPairs: Array<{ length: number; sequential: BenchRow; parallel: BenchRow }> = [];
  for (const length of options.scanLengths) {
    const shape = { length, channels: options.scanChannels };
    scanPairs.push({
      length,
      sequential: add(await benchScan(gpu, shape, 'sequential', reps)),
      parallel: add(await benchScan(gpu, shape, 'parallel', reps)),
    });
  }

  // WebGPU against the CPU reference, kernel by kernel, at one shared modest size.
  const scale = options.cpuComparisonScale;
  const small = Math.round(128 * scale);
  add(await benchMatmul(CPU_BACKEND, small, 'tiled', reps));
  add(await benchMatmul(gpu, small, 'tiled', reps));
  const cpuAttention = { sequenceLength: small, keyDim: 32, valueDim: 32 };
  add(await benchAttention(CPU_BACKEND, cpuAttention, 'materialised', reps));
  add(await benchAttention(gpu, cpuAttention, 'materialised', reps));
  add(await benchAttention(gpu, cpuAttention, 'flash', reps));
  const cpuRnn = { steps: small, hidden: 32, input: 32 };
  add(await benchRnn(CPU_BACKEND, cpuRnn, 'command-buffer', reps));
  add(await benchRnn(gpu, cpuRnn, 'command-buffer', reps));
  const cpuScan = { length: small * 64, channels: 4 };
  add(await benchScan(CPU_BACKEND, cpuScan, 'sequential', reps));
  add(await benchScan(gpu, cpuScan, 'parallel', reps));
  const gradientShape = { steps: 32, hidden: 32, maxDistance: 32 };
  const gradientData = rnnInputs(6, { steps: 32, hidden: 32, input: 4 });
  const gradientStates = rnnForwardReference(gradientData.weights, gradientData.x, { steps: 32, hidden: 32, input: 4 });
  add(
    row(
      'cpu-reference',
      'gradient d=32 K=32',
      await timeWallClock(() => void gradientNormsReference(gradientData.weights.wHh, gradientStates, gradientShape), {
        repetitions: reps,
        targetMs: 20,
        maxBatch: 64,
      }),
    ),
  );
  add(
    row(
      'gradient',
      'webgpu d=32 K=32 (including upload and readback)',
      await timeWallClock(() => gradientNorms(gpu, gradientData.weights.wHh, gradientStates, gradientShape).then(() => {}), {
        repetitions: reps,
        targetMs: 20,
        maxBatch: 16,
      }),
    ),
  );

  for (const trainingRow of await benchTraining(runtime, partial, progress)) add(trainingRow);

  const scanTarget = scanPairs.filter((pair) => pair.length >= 16384);
  const targets: BenchTarget[] = [
    target('tiled matmul ≥ 4× naive', naive.medianMs / tiled.medianMs, 4, `at N=${options.matmulSize}, in GFLOP/s`),
    target('one command buffer ≥ 10× submit-per-step', perStep.medianMs / oneBuffer.medianMs, 10, `RNN at T=${options.rnnSteps}`),
    target(
      'flash allocates ≥ 16× fewer bytes',
      materialised.allocatedBytes! / flash.allocatedBytes!,
      16,
      `attention at T=${options.attentionLength}, d=${options.attentionDim}`,
    ),
    ...scanTarget.map((pair) =>
      target(`scan beats loop at T=${pair.length}`, pair.sequential.medianMs / pair.parallel.medianMs, 1, `${options.scanChannels} channels`),
    ),
  ];
  return { adapter: describeBackend({ kind: 'webgpu', runtime }), timestamps: runtime.hasTimestamps, options, rows, targets };
}

function target(name: string, ratio: number, required: number, description: string): BenchTarget {
  return { name, ratio, required, met: ratio >= required, description };
}
