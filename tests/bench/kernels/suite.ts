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
import { flashPlanFor, prepareFlashAttention } from '../../../kernels/flash/host';
import { flashTraffic, materialisedTraffic } from '../../../kernels/flash/cost';
import { prepareRnn, runPreparedRnn, uploadRnn, type RnnVariant } from '../../../kernels/rnn/host';
import { rnnForwardReference, rnnInputs, type RnnShape } from '../../../kernels/rnn/reference';
import { rnnForwardFlops } from '../../../kernels/rnn/cost';
import { prepareScan, scanPlanFor, uploadScan, type ScanVariant } from '../../../kernels/scan/host';
import { linearRecurrenceReference } from '../../../kernels/scan/reference';
import { chunkedScanCount, sequentialScanCount, type ScanShape } from '../../../kernels/scan/cost';
import { gradientNorms } from '../../../kernels/gradient/host';
import { gradientNormsReference } from '../../../kernels/gradient/reference';
import { benchTraining } from '../train/bench';
import { ratioInterval, type RatioInterval } from '../../../src/experiments/shared/ratio-interval';
import {
  adapterClass,
  CPU_BACKEND,
  deriveSeed,
  describeBackend,
  normalArray,
  timeKernel,
  timeWallClock,
  uniformArray,
  type AdapterClass,
  type Backend,
  GpuRuntime,
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
  /** The fp32 peak assumed for a hardware GPU's matmul target, in GFLOP/s (WebGPU does not report it; pass the real one with --peak-gflops). */
  gpuPeakGflops: number;
  /** Chunked scan against the loop: lengths and channel counts; by default those of the targets for the adapter's class. */
  chunkedScanShapes?: ScanShape[];
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
  gpuPeakGflops: 20_000,
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
  /** The GPU's own time (timestamps, or wall clock without them) beside a wall-clock row, where the work fits one command buffer. */
  gpuMedianMs?: number;
  /** Bytes read and written from GPU memory, counted from the algorithm, where it is meaningful. */
  trafficBytes?: number;
  /** Floating-point operations, counted, where they are compared between methods. */
  operations?: number;
  /** Every repetition's time per unit, wall clock, for the ratio intervals (absent on the training rows). */
  samplesMs?: number[];
  note: string;
}

export interface BenchTarget {
  name: string;
  /** The measured ratio (of medians) and the ratio required. */
  ratio: number;
  required: number;
  /** The ratio's 95% bootstrap interval over the two rows' repetitions (as the pages give), where both were timed. */
  interval?: RatioInterval;
  /** Met only when the whole interval clears the requirement; a median above it with an interval below is "within noise", not met. */
  met: boolean;
  description: string;
}

export interface BenchReport {
  adapter: string;
  /** Which table of targets applies: a CPU adapter's or a hardware GPU's. */
  adapterClass: AdapterClass;
  timestamps: boolean;
  options: BenchOptions;
  rows: BenchRow[];
  targets: BenchTarget[];
}

type Progress = (message: string) => void;

function row(group: string, name: string, timing: Timing, extra: Partial<BenchRow> = {}): BenchRow {
  const gflops = extra.flops ? extra.flops / (timing.medianMs * 1e6) : undefined;
  return {
    group,
    name,
    medianMs: timing.medianMs,
    minMs: timing.minMs,
    method: timing.method,
    note: timing.note,
    gflops,
    samplesMs: timing.wall.samplesMs,
    ...extra,
  };
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

/** Every variant by wall clock per forward pass (submit to completion); those that fit one command buffer also by GPU time, in their own column. */
async function benchRnn(backend: Backend, shape: RnnShape, variant: RnnVariant, repetitions: number): Promise<BenchRow> {
  const { weights, x } = rnnInputs(3, shape);
  const stepwise = variant.startsWith('submit-per-step');
  const time = (perPass: boolean) =>
    timeKernel(
      backend,
      {
        label: 'bench',
        reference: () => rnnForwardReference(weights, x, shape),
        async prepare(runtime, scope) {
          const rnn = await prepareRnn(runtime, scope, variant, shape, uploadRnn(scope, weights, x, shape));
          return perPass
            ? { kernel: rnn, submits: stepwise ? rnn.steps + 1 : 1, submitEach: (checkpoint) => runPreparedRnn(runtime.device, rnn, checkpoint) }
            : rnn;
        },
      },
      benchTiming(repetitions, 50, 64),
    );
  const { timing } = await time(true);
  if (backend.kind === 'cpu') return row('cpu-reference', `rnn T=${shape.steps} d=${shape.hidden}`, timing);
  const gpu = stepwise ? undefined : (await time(false)).timing;
  return row('rnn', `${variant} T=${shape.steps} d=${shape.hidden}`, timing, { flops: rnnForwardFlops(shape), gpuMedianMs: gpu?.medianMs });
}

async function benchAttention(backend: Backend, shape: AttentionShape, kind: 'materialised' | 'flash', repetitions: number): Promise<BenchRow> {
  const t = shape.sequenceLength;
  const q = normalArray(deriveSeed(5, 1), t * shape.keyDim);
  const k = normalArray(deriveSeed(5, 2), t * shape.keyDim);
  const v = uniformArray(deriveSeed(5, 3), t * shape.valueDim);
  let allocatedBytes = 0;
  let trafficBytes = 0;
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
        const traffic = kind === 'flash' ? flashTraffic(shape, flashPlanFor(runtime, shape)) : materialisedTraffic(shape);
        trafficBytes = traffic.readBytes + traffic.writtenBytes;
        return kernel;
      },
    },
    benchTiming(repetitions, 50, 8),
  );
  if (backend.kind === 'cpu') return row('cpu-reference', `attention T=${t} d=${shape.keyDim}`, timing);
  return row('attention', `${kind} T=${t} d=${shape.keyDim}`, timing, { flops: attentionFlops(shape), allocatedBytes, trafficBytes });
}

async function benchScan(backend: Backend, shape: ScanShape, variant: ScanVariant, repetitions: number): Promise<BenchRow> {
  const count = shape.length * shape.channels;
  const a = uniformArray(deriveSeed(7, 1), count, 0.5, 0.99);
  const b = uniformArray(deriveSeed(7, 2), count);
  let counted: ReturnType<typeof sequentialScanCount> | undefined;
  const { timing } = await timeKernel(
    backend,
    {
      label: 'bench',
      reference: () => linearRecurrenceReference(a, b, shape),
      prepare: (runtime, scope) => {
        if (variant === 'chunked') counted = chunkedScanCount(scanPlanFor(runtime, shape));
        return prepareScan(runtime, scope, variant, shape, uploadScan(scope, a, b, shape));
      },
    },
    benchTiming(repetitions, 30, 32),
  );
  if (variant === 'sequential') counted = sequentialScanCount(shape);
  const name = backend.kind === 'cpu' ? `scan T=${shape.length} channels=${shape.channels}` : `${variant} T=${shape.length} channels=${shape.channels}`;
  return row(
    groupFor(backend, 'scan'),
    name,
    timing,
    backend.kind === 'cpu' ? {} : { operations: counted?.flops, trafficBytes: counted && 4 * (counted.loads + counted.stores) },
  );
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

  const kind = adapterClass(runtime.adapter);
  const naive = add(await benchMatmul(gpu, options.matmulSize, 'naive', reps));
  const tiled = add(await benchMatmul(gpu, options.matmulSize, 'tiled', reps));
  const coalesced = add(await benchMatmul(gpu, options.matmulSize, 'coalesced', reps));

  const rnnShape = { steps: options.rnnSteps, hidden: options.rnnHidden, input: options.rnnHidden };
  const perStep = add(await benchRnn(gpu, rnnShape, 'submit-per-step', Math.min(reps, 3)));
  add(await benchRnn(gpu, rnnShape, 'submit-per-step-no-wait', Math.min(reps, 3)));
  const oneBuffer = add(await benchRnn(gpu, rnnShape, 'command-buffer', reps));
  add(await benchRnn(gpu, rnnShape, 'persistent', reps));

  const attentionShape = { sequenceLength: options.attentionLength, keyDim: options.attentionDim, valueDim: options.attentionDim };
  const materialised = add(await benchAttention(gpu, attentionShape, 'materialised', Math.min(reps, 3)));
  const flash = add(await benchAttention(gpu, attentionShape, 'flash', Math.min(reps, 3)));
  // Flash's time target: T = 1024 on a CPU adapter, the main size on a GPU (issue #13).
  const flashTimeShape = { ...attentionShape, sequenceLength: kind === 'cpu' ? Math.min(1024, options.attentionLength) : options.attentionLength };
  const flashTime =
    flashTimeShape.sequenceLength === options.attentionLength
      ? { materialised, flash }
      : {
          materialised: add(await benchAttention(gpu, flashTimeShape, 'materialised', Math.min(reps, 3))),
          flash: add(await benchAttention(gpu, flashTimeShape, 'flash', Math.min(reps, 3))),
        };

  const scanPairs: Array<{ length: number; sequential: BenchRow; parallel: BenchRow }> = [];
  for (const length of options.scanLengths) {
    const shape = { length, channels: options.scanChannels };
    scanPairs.push({
      length,
      sequential: add(await benchScan(gpu, shape, 'sequential', reps)),
      parallel: add(await benchScan(gpu, shape, 'parallel', reps)),
    });
  }

  // The chunked scan against the loop, at the shapes of the targets for this adapter's class.
  const chunkedPairs: Array<{ shape: ScanShape; sequential: BenchRow; chunked: BenchRow }> = [];
  for (const shape of options.chunkedScanShapes ?? CHUNKED_SCAN_TARGET_SHAPES[kind]) {
    chunkedPairs.push({
      shape,
      sequential: add(await benchScan(gpu, shape, 'sequential', reps)),
      chunked: add(await benchScan(gpu, shape, 'chunked', reps)),
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
    timedTarget('tiled matmul ≥ 4× naive', naive, tiled, 4, `at N=${options.matmulSize}, in GFLOP/s`),
    kind === 'cpu'
      ? timedTarget('coalesced matmul ≥ 1.5× tiled', tiled, coalesced, 1.5, `at N=${options.matmulSize}`)
      : target(
          'coalesced matmul ≥ 30% of fp32 peak',
          coalesced.gflops! / options.gpuPeakGflops,
          0.3,
          `at N=${options.matmulSize}, against an assumed peak of ${options.gpuPeakGflops.toLocaleString('en-US')} GFLOP/s (set it with --peak-gflops)`,
        ),
    timedTarget('one command buffer ≥ 10× submit-per-step', perStep, oneBuffer, 10, `RNN at T=${options.rnnSteps}, both by wall clock per forward pass`),
    target(
      'flash allocates ≥ 16× fewer bytes',
      materialised.allocatedBytes! / flash.allocatedBytes!,
      16,
      `attention at T=${options.attentionLength}, d=${options.attentionDim}; the ratio is 1 + T/(4d) by construction (the T×T scores), not a measurement of speed`,
    ),
    timedTarget(
      kind === 'cpu' ? 'flash no slower than materialised' : 'flash ≥ 2× faster than materialised',
      flashTime.materialised,
      flashTime.flash,
      kind === 'cpu' ? 1 : 2,
      `time at T=${flashTimeShape.sequenceLength}, d=${options.attentionDim}; flash moves ${(flashTime.flash.trafficBytes! / 2 ** 20).toFixed(1)} MiB against ${(flashTime.materialised.trafficBytes! / 2 ** 20).toFixed(1)} MiB (counted)`,
    ),
    // The tree scan's targets hold on hardware GPUs only: on a CPU adapter its log T levels of passes over every
    // channel do ~2× the loop's work on the same two cores with no parallel lanes to spend it on, so it measured 0.01×
    // there and the target could never hold; the chunked scan's target below is the CPU adapter's scan target.
    ...(kind === 'cpu'
      ? []
      : scanTarget.map((pair) => timedTarget(`scan beats loop at T=${pair.length}`, pair.sequential, pair.parallel, 1, `${options.scanChannels} channels`))),
  ];
  const chunkedRequired = kind === 'cpu' ? 2 : 10;
  targets.push(
    ...chunkedPairs.map(({ shape, sequential, chunked }) =>
      timedTarget(
        `chunked scan ≥ ${chunkedRequired}× the loop at T=${shape.length}, ${shape.channels} channel${shape.channels === 1 ? '' : 's'}`,
        sequential,
        chunked,
        chunkedRequired,
        `${(chunked.operations! / sequential.operations!).toFixed(2)}× the loop's floating-point operations (counted)`,
      ),
    ),
  );
  return { adapter: describeBackend({ kind: 'webgpu', runtime }), adapterClass: kind, timestamps: runtime.hasTimestamps, options, rows, targets };
}

/** The chunked scan's target shapes (issue #13): T = 262,144 on one channel for a CPU adapter; T ≥ 65,536 up to 256 channels on a GPU. */
const CHUNKED_SCAN_TARGET_SHAPES: Record<AdapterClass, ScanShape[]> = {
  cpu: [{ length: 262_144, channels: 1 }],
  gpu: [
    { length: 65_536, channels: 1 },
    { length: 65_536, channels: 256 },
    { length: 262_144, channels: 1 },
  ],
};

/** Limits and features the bench asks for: timestamps where offered, and up to 64 KiB of workgroup memory (flash's key block, the persistent RNN's W_hh). */
export const BENCH_REQUIREMENTS = {
  optionalFeatures: ['timestamp-query'] as GPUFeatureName[],
  preferredLimits: { maxComputeWorkgroupStorageSize: 65_536 },
};

/** The bench's runtime on a given navigator.gpu (the browser's, or Dawn's in Node). */
export function createBenchRuntime(gpu: GPU): Promise<GpuRuntime> {
  return GpuRuntime.create(BENCH_REQUIREMENTS, gpu);
}

function target(name: string, ratio: number, required: number, description: string): BenchTarget {
  return { name, ratio, required, met: ratio >= required, description };
}

/** A target on the time ratio slow ÷ fast of two timed rows: met when its 95% interval lies at or above the requirement. */
function timedTarget(name: string, slow: BenchRow, fast: BenchRow, required: number, description: string): BenchTarget {
  const interval = slow.samplesMs && fast.samplesMs ? ratioInterval(slow.samplesMs, fast.samplesMs) : undefined;
  const ratio = slow.medianMs / fast.medianMs;
  return { name, ratio, required, interval, met: interval ? interval.low >= required : ratio >= required, description };
}
