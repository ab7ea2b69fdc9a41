/**
 * The browser entry the kernel tests and `npm run bench` drive through Playwright.
 * It exposes one object on window; nothing here is part of the lesson site.
 */
import { CASES, type CaseReport } from './cases';
import { createBenchRuntime, runBenchmarks, type BenchOptions, type BenchReport } from '../../bench/kernels/suite';
import { GpuError, GpuRuntime, CPU_BACKEND, cancelled, type Backend } from '../../../kernels/runtime';
import { matmul } from '../../../kernels/matmul/host';
import { largestMaterialisedSequence, materialisedAttention } from '../../../kernels/attention/host';
import { rnnForward } from '../../../kernels/rnn/host';
import { rnnInputs } from '../../../kernels/rnn/reference';

let shared: GpuRuntime | undefined;

async function runtime(): Promise<GpuRuntime> {
  if (!shared || shared.isLost) shared = await GpuRuntime.create({ optionalFeatures: ['timestamp-query'] });
  return shared;
}

async function backendFor(kind: 'webgpu' | 'cpu'): Promise<Backend> {
  return kind === 'cpu' ? CPU_BACKEND : { kind: 'webgpu', runtime: await runtime() };
}

interface ErrorReport {
  kind: string;
  message: string;
  detail?: string;
  recovered?: boolean;
}

function describeError(error: unknown): ErrorReport {
  if (error instanceof GpuError) return { kind: error.kind, message: error.message, detail: error.detail };
  return { kind: 'unexpected', message: error instanceof Error ? `${error.name}: ${error.message}` : String(error) };
}

const ERROR_CASES: Record<string, () => Promise<unknown>> = {
  'no-webgpu': () => GpuRuntime.create({}, null),
  'no-adapter': () => GpuRuntime.create({}, { requestAdapter: async () => null } as unknown as GPU),
  'limit-request': async () => {
    const adapter = await navigator.gpu.requestAdapter();
    return GpuRuntime.create({
      limits: { maxBufferSize: adapter!.limits.maxBufferSize * 2 },
      describeShortfall: (_limit, available) => ({ name: 'sequence length', largestThatFits: Math.floor(Math.sqrt(available / 4)) }),
    });
  },
  'limit-size': async () => {
    const gpu = await runtime();
    const t = largestMaterialisedSequence(gpu.limits) + 1;
    const ones = new Float32Array(t).fill(1);
    return materialisedAttention({ kind: 'webgpu', runtime: gpu }, ones, ones, ones, { sequenceLength: t, keyDim: 1, valueDim: 1 });
  },
  'invalid-shader': async () => {
    const gpu = await runtime();
    return gpu.guarded('invalid-shader', () =>
      gpu.pipeline({ label: 'tests/invalid', code: '@compute @workgroup_size(1) fn main() { let x: u32 = -1.5; }', entryPoint: 'main' }),
    );
  },
  'destroyed-device': async () => {
    const gpu = await GpuRuntime.create();
    gpu.destroy();
    await gpu.device.lost;
    return matmul({ kind: 'webgpu', runtime: gpu }, new Float32Array(4), new Float32Array(4), { m: 2, n: 2, k: 2 });
  },
  cancelled: async () => {
    const gpu = await runtime();
    const shape = { steps: 400, hidden: 16, input: 4 };
    const { weights, x } = rnnInputs(1, shape);
    const controller = new AbortController();
    // Cancelled mid-run, by a condition rather than a clock: once the tenth of its 400 steps is submitted.
    const queue = gpu.device.queue;
    const submit = queue.submit;
    let submitted = 0;
    queue.submit = function (this: GPUQueue, buffers: Iterable<GPUCommandBuffer>) {
      submit.call(this, buffers);
      if (++submitted === 10) controller.abort(cancelled());
    };
    try {
      return await rnnForward({ kind: 'webgpu', runtime: gpu }, weights, x, shape, { variant: 'submit-per-step', signal: controller.signal });
    } finally {
      queue.submit = submit;
    }
  },
};

const harness = {
  async adapter() {
    const gpu = await runtime();
    return {
      ...gpu.adapter,
      hasTimestamps: gpu.hasTimestamps,
      maxBufferSize: gpu.limits.maxBufferSize,
      maxStorageBufferBindingSize: gpu.limits.maxStorageBufferBindingSize,
    };
  },
  caseNames: () => Object.keys(CASES),
  async runCase(name: string, backendKind: 'webgpu' | 'cpu' = 'webgpu'): Promise<CaseReport | ErrorReport> {
    const run = CASES[name];
    if (!run) throw new Error(`No kernel case named ${name}`);
    try {
      return await run(await backendFor(backendKind));
    } catch (error) {
      return describeError(error);
    }
  },
  errorCaseNames: () => Object.keys(ERROR_CASES),
  async errorCase(name: string): Promise<ErrorReport | { kind: 'none' }> {
    try {
      await ERROR_CASES[name]!();
      return { kind: 'none' };
    } catch (error) {
      const report = describeError(error);
      if (name === 'destroyed-device' && report.kind === 'device-lost') {
        // Recovery: asking again gives a working device.
        const fresh = await GpuRuntime.create();
        const result = await matmul({ kind: 'webgpu', runtime: fresh }, new Float32Array([1, 2, 3, 4]), new Float32Array([1, 0, 0, 1]), { m: 2, n: 2, k: 2 });
        report.recovered = Array.from(result.output).join(',') === '1,2,3,4';
        fresh.destroy();
      }
      return report;
    }
  },
  async bench(options: BenchOptions): Promise<BenchReport> {
    // The same device requirements as the Node bench, so both runs measure the same kernels.
    const benchRuntime = await createBenchRuntime(navigator.gpu);
    try {
      return await runBenchmarks(benchRuntime, options);
    } finally {
      benchRuntime.destroy();
    }
  },
};

declare global {
  interface Window {
    kernelHarness: typeof harness;
  }
}

window.kernelHarness = harness;
document.body.dataset.ready = 'true';
