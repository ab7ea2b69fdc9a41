/**
 * The benchmark suite: every comparison the kernels issue asks for, measured
 * side by side in one run on one adapter, with the same timing helper the
 * experiments use. Runs in the browser; kernels/bench/run.mjs drives it.
 */
import { prepareMatmul, type MatmulVariant } from '../matmul/host';
import { matmulFlops, matmulReference } from '../matmul/reference';
import { prepareMaterialisedAttention, uploadAttentionInputs } from '../attention/host';
import { attentionFlops, attentionReference, type AttentionShape } from '../attention/reference';
import { prepareFlashAttention } from '../flash/host';
import { prepareRnn, runPreparedRnn, uploadRnn, type RnnVariant } from '../rnn/host';
import { rnnFlops, rnnForwardReference, rnnInputs, type RnnShape } from '../rnn/reference';
import { prepareScan, uploadScan, type ScanVariant } from '../scan/host';
import { linearRecurrenceReference, type ScanShape } from '../scan/reference';
import { gradientNorms } from '../gradient/host';
import { gradientNormsReference } from '../gradient/reference';
import { benchTraining } from '../train/bench';
import { deriveSeed, withResources, describeBackend, timeGpuWork, timeWallClock, uniformArray, normalArray, type GpuRuntime, type Timing } from '../runtime';

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

async function benchMatmul(runtime: GpuRuntime, size: number, variant: MatmulVariant, repetitions: number): Promise<BenchRow> {
  const shape = { m: size, n: size, k: size };
  return withResources(runtime, 'bench', undefined, async (scope) => {
    const buffers = {
      a: scope.storage('bench/matmul/a', uniformArray(deriveSeed(1, 1), size * size)),
      b: scope.storage('bench/matmul/b', uniformArray(deriveSeed(1, 2), size * size)),
      c: scope.output('bench/matmul/c', size * size),
    };
    const kernel = await prepareMatmul(runtime, scope, variant, shape, buffers);
    const timing = await timeGpuWork(runtime, (encoder, pass) => kernel.encode(encoder, pass), { repetitions, targetMs: 50, maxBatch: 16 });
    return row('matmul', `${variant} ${size}×${size}`, timing, { flops: matmulFlops(shape) });
  });
}

async function benchRnn(runtime: GpuRuntime, shape: RnnShape, variant: RnnVariant, repetitions: number): Promise<BenchRow> {
  const { weights, x } = rnnInputs(3, shape);
  return withResources(runtime, 'bench', undefined, async (scope) => {
    const rnn = await prepareRnn(runtime, scope, variant, shape, uploadRnn(scope, weights, x, shape));
    const timing =
      variant === 'submit-per-step'
        ? await timeWallClock(
            async (batch) => {
              for (let i = 0; i < batch; i++) await runPreparedRnn(runtime.device, rnn);
            },
            { repetitions, targetMs: 0, maxBatch: 1 },
          )
        : await timeGpuWork(runtime, (encoder, pass) => rnn.encode(encoder, pass), { repetitions, targetMs: 50, maxBatch: 64 });
    return row('rnn', `${variant} T=${shape.steps} d=${shape.hidden}`, timing, { flops: rnnFlops(shape) });
  });
}

async function benchAttention(runtime: GpuRuntime, shape: AttentionShape, kind: 'materialised' | 'flash', repetitions: number): Promise<BenchRow> {
  const t = shape.sequenceLength;
  return withResources(runtime, 'bench', undefined, async (scope) => {
    const buffers = uploadAttentionInputs(
      scope,
      normalArray(deriveSeed(5, 1), t * shape.keyDim),
      normalArray(deriveSeed(5, 2), t * shape.keyDim),
      uniformArray(deriveSeed(5, 3), t * shape.valueDim),
      shape,
    );
    const kernel =
      kind === 'flash' ? await prepareFlashAttention(runtime, scope, shape, buffers) : await prepareMaterialisedAttention(runtime, scope, shape, buffers);
    const allocatedBytes = scope.allocatedBytes;
    const timing = await timeGpuWork(runtime, (encoder, pass) => kernel.encode(encoder, pass), { repetitions, targetMs: 50, maxBatch: 8 });
    return row('attention', `${kind} T=${t} d=${shape.keyDim}`, timing, { flops: attentionFlops(shape), allocatedBytes });
  });
}

async function benchScan(runtime: GpuRuntime, shape: ScanShape, variant: ScanVariant, repetitions: number): Promise<BenchRow> {
  const count = shape.length * shape.channels;
  return withResources(runtime, 'bench', undefined, async (scope) => {
    const buffers = uploadScan(scope, uniformArray(deriveSeed(7, 1), count, 0.5, 0.99), uniformArray(deriveSeed(7, 2), count), shape);
    const kernel = await prepareScan(runtime, scope, variant, shape, buffers);
    const timing = await timeGpuWork(runtime, (encoder, pass) => kernel.encode(encoder, pass), { repetitions, targetMs: 30, maxBatch: 32 });
    return row('scan', `${variant} T=${shape.length} channels=${shape.channels}`, timing);
  });
}

/** WebGPU against the CPU reference for one kernel, at a size the CPU finishes quickly. */
async function benchCpu(name: string, work: () => unknown, repetitions: number): Promise<BenchRow> {
  const timing = await timeWallClock(
    (batch) => {
      for (let i = 0; i < batch; i++) work();
    },
    { repetitions, targetMs: 20, maxBatch: 64 },
  );
  return row('cpu-reference', name, timing);
}

export async function runBenchmarks(runtime: GpuRuntime, partial: Partial<BenchOptions> = {}, progress: Progress = () => {}): Promise<BenchReport> {
  const options = { ...DEFAULT_BENCH_OPTIONS, ...partial };
  const reps = options.repetitions;
  const rows: BenchRow[] = [];
  const add = (result: BenchRow) => {
    rows.push(result);
    progress(`${result.group}: ${result.name} ${result.medianMs.toFixed(3)} ms`);
    return result;
  };

  const naive = add(await benchMatmul(runtime, options.matmulSize, 'naive', reps));
  const tiled = add(await benchMatmul(runtime, options.matmulSize, 'tiled', reps));

  const rnnShape = { steps: options.rnnSteps, hidden: options.rnnHidden, input: options.rnnHidden };
  const perStep = add(await benchRnn(runtime, rnnShape, 'submit-per-step', Math.min(reps, 3)));
  const oneBuffer = add(await benchRnn(runtime, rnnShape, 'command-buffer', reps));
  add(await benchRnn(runtime, rnnShape, 'persistent', reps));

  const attentionShape = { sequenceLength: options.attentionLength, keyDim: options.attentionDim, valueDim: options.attentionDim };
  const materialised = add(await benchAttention(runtime, attentionShape, 'materialised', Math.min(reps, 3)));
  const flash = add(await benchAttention(runtime, attentionShape, 'flash', Math.min(reps, 3)));

  const scanPairs: Array<{ length: number; sequential: BenchRow; parallel: BenchRow }> = [];
  for (const length of options.scanLengths) {
    const shape = { length, channels: options.scanChannels };
    scanPairs.push({
      length,
      sequential: add(await benchScan(runtime, shape, 'sequential', reps)),
      parallel: add(await benchScan(runtime, shape, 'parallel', reps)),
    });
  }

  // WebGPU against the CPU reference, kernel by kernel, at one shared modest size.
  const scale = options.cpuComparisonScale;
  const small = Math.round(128 * scale);
  const cpuMatmulShape = { m: small, n: small, k: small };
  const ma = uniformArray(1, small * small);
  const mb = uniformArray(2, small * small);
  add(await benchCpu(`matmul ${small}×${small}`, () => matmulReference(ma, mb, cpuMatmulShape), reps));
  add(await benchMatmul(runtime, small, 'tiled', reps));
  const cpuAttention = { sequenceLength: small, keyDim: 32, valueDim: 32 };
  const aq = normalArray(3, small * 32);
  add(await benchCpu(`attention T=${small} d=32`, () => attentionReference(aq, aq, aq, cpuAttention), reps));
  add(await benchAttention(runtime, cpuAttention, 'materialised', reps));
  add(await benchAttention(runtime, cpuAttention, 'flash', reps));
  const cpuRnn = { steps: small, hidden: 32, input: 32 };
  const rnnData = rnnInputs(4, cpuRnn);
  add(await benchCpu(`rnn T=${small} d=32`, () => rnnForwardReference(rnnData.weights, rnnData.x, cpuRnn), reps));
  add(await benchRnn(runtime, cpuRnn, 'command-buffer', reps));
  const cpuScan = { length: small * 64, channels: 4 };
  const sa = uniformArray(5, cpuScan.length * 4, 0.5, 0.99);
  add(await benchCpu(`scan T=${cpuScan.length} channels=4`, () => linearRecurrenceReference(sa, sa, cpuScan), reps));
  add(await benchScan(runtime, cpuScan, 'parallel', reps));
  const gradientShape = { steps: 32, hidden: 32, maxDistance: 32 };
  const gradientData = rnnInputs(6, { steps: 32, hidden: 32, input: 4 });
  const gradientStates = rnnForwardReference(gradientData.weights, gradientData.x, { steps: 32, hidden: 32, input: 4 });
  add(await benchCpu('gradient d=32 K=32', () => gradientNormsReference(gradientData.weights.wHh, gradientStates, gradientShape), reps));
  add(
    row(
      'gradient',
      'webgpu d=32 K=32 (including upload and readback)',
      await timeWallClock(() => gradientNorms({ kind: 'webgpu', runtime }, gradientData.weights.wHh, gradientStates, gradientShape).then(() => {}), {
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
