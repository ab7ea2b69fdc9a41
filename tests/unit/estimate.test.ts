import { formatDuration } from '../../src/utils/format';
import { describe, expect, test } from 'vitest';
import { recallWork } from '../../kernels/recall/cost';
import {
  bufferLimitsFor,
  confirmationReason,
  describeEstimate,
  estimateSweep,
  largestThatFits,
  refusalReason,
  priorGpuFlopsPerMs,
  CONFIRM_BYTES,
  GPU_FLOPS_PER_MS,
  UNMEASURED_CPU_STARTUP_MS,
  UNMEASURED_STARTUP_MS,
  type EstimateBackend,
} from '../../src/experiments/shared/estimate';
import { defaults, maximum } from '../../src/experiments/params';
import type { GpuDeviceConstants } from '../../kernels/runtime/device-constants';
import { bottleneck, experiments, gradients, parallelism, quadraticCost, scan, streaming, type AnyExperimentDefinition } from '../../src/experiments/registry';

const cpu: EstimateBackend = { kind: 'cpu' };
const device: GpuDeviceConstants = {
  kind: 'webgpu',
  perDispatchMs: 0.06,
  submitAndWaitMs: 3,
  flopsPerMs: 1e6,
  maxBufferSize: 256 * 2 ** 20,
  maxStorageBufferBindingSize: 128 * 2 ** 20,
  measured: true,
};
const gpu: EstimateBackend = { kind: 'webgpu', device, startupMs: 0 };
const GiB = 2 ** 30;

describe('summing a sweep', () => {
  // The CPU path's prior: 0.2 s to start; each point 100 ms (timed) or 3 ms (untimed) of its own.
  test('a tiny timed point costs the calibration floor and its own fixed cost; an untimed one its arithmetic once', () => {
    // Floor: two calibration runs and five repetitions of at least 4 ms each, then the point's 100 ms.
    expect(estimateSweep([{ flops: 1, bytes: 8, timed: true }], cpu)).toEqual({ ms: 328, fixedMs: 200, workMs: 128, peakBytes: 16, largestBuffer: 8 });
    // 450,000 FLOPs at the cold 0.45 GFLOP/s: 1 ms, then the point's 3 ms.
    expect(estimateSweep([{ flops: 450_000, bytes: 8, timed: false }], cpu)).toEqual({ ms: 204, fixedMs: 200, workMs: 4, peakBytes: 8, largestBuffer: 8 });
  });

  test('a large timed point runs eight times at the warm rate: warm-up, two calibration runs, five repetitions', () => {
    // 250 MFLOP at 1 GFLOP/s is 250 ms; eight runs and the point's 100 ms.
    expect(estimateSweep([{ flops: 250_000_000, bytes: 0, timed: true }], cpu).workMs).toBe(2100);
  });

  test('on the CPU path, an untimed point of many alike (a training step) runs at the warm rate', () => {
    expect(estimateSweep([{ flops: 4.5e6, bytes: 0, timed: false, warm: true }], cpu).workMs).toBe(4.5 + 3);
    expect(estimateSweep([{ flops: 4.5e6, bytes: 0, timed: false }], cpu).workMs).toBe(10 + 3);
  });

  test('on WebGPU, dispatches and submits cost the device’s measured constants, and each point 40 ms of its own', () => {
    expect(estimateSweep([{ flops: 0, dispatches: 1000, bytes: 0, timed: false }], gpu).ms).toBeCloseTo(60 + 40, 9);
    expect(estimateSweep([{ flops: 0, submits: 100, bytes: 0, timed: false }], gpu).ms).toBe(300 + 40);
  });

  test('a timed WebGPU point also draws and uploads its inputs, 15 ns a byte it holds; untimed points and the CPU path do not', () => {
    const held = { flops: 0, bytes: 2e6 };
    expect(estimateSweep([{ ...held, timed: true }], gpu).workMs).toBeCloseTo(28 + 100 + 30, 9);
    expect(estimateSweep([{ ...held, timed: false }], gpu).workMs).toBe(40);
    expect(estimateSweep([{ ...held, timed: true }], cpu).workMs).toBe(28 + 100);
  });

  test('the fixed cost of starting a run is counted once: measured on WebGPU, a stand-in where it was not, assumed on the CPU path', () => {
    expect(estimateSweep([{ flops: 0, dispatches: 1000, bytes: 0, timed: false }], { ...gpu, startupMs: 400 }).ms).toBeCloseTo(400 + 60 + 40, 9);
    expect(estimateSweep([], { kind: 'webgpu', device }).ms).toBe(UNMEASURED_STARTUP_MS);
    expect(estimateSweep([], cpu)).toMatchObject({ ms: UNMEASURED_CPU_STARTUP_MS, fixedMs: UNMEASURED_CPU_STARTUP_MS, workMs: 0 });
  });

  test('after a run on this device, its measured start-up replaces the prior’s and its ratio scales the counted work', () => {
    const points = [{ flops: 0, dispatches: 1000, bytes: 0, timed: false }];
    const measured = { startupMs: 150, workRatio: 3 };
    const estimate = estimateSweep(points, { ...gpu, startupMs: 400, measured });
    expect(estimate.fixedMs).toBe(150);
    // The counted work stays the prior's (what the next run's time is compared with); the time is scaled.
    expect(estimate.workMs).toBeCloseTo(100, 9);
    expect(estimate.ms).toBeCloseTo(150 + 3 * 100, 9);
    expect(estimateSweep([{ flops: 450_000, bytes: 0, timed: false }], { kind: 'cpu', measured: { startupMs: 50, workRatio: 0.5 } }).ms).toBe(50 + 0.5 * 4);
  });

  test('the WebGPU prior is a share of this device’s measured FMA rate, or the assumed rate where none was measured', () => {
    expect(priorGpuFlopsPerMs(5e6)).toBeCloseTo(0.4e6, 6);
    expect(priorGpuFlopsPerMs(5e9)).toBeCloseTo(0.4e9, 3);
    for (const bad of [undefined, 0, -1, NaN, Infinity]) expect(priorGpuFlopsPerMs(bad)).toBe(GPU_FLOPS_PER_MS);
  });
});

describe('each experiment estimates its own run', () => {
  test('parallelism at T ≤ 2, d = 4 on the CPU: four points at the floor; the largest RNN pass, doubled', () => {
    // RNN at T = 2, d = 4: 4·(16 + 16 + 4 + 8 + 12) = 224 bytes.
    // Each at the 28 ms floor and 100 ms of its own; 0.2 s to start.
    expect(parallelism.estimate({ maxT: 2, width: 4, variants: false }, cpu)).toEqual({
      ms: 712,
      fixedMs: 200,
      workMs: 512,
      peakBytes: 448,
      largestBuffer: 224,
    });
  });

  test('parallelism on WebGPU: the other variants add T submits at T = 512', () => {
    const without = parallelism.estimate({ maxT: 512, width: 4, variants: false }, gpu).ms;
    const withVariants = parallelism.estimate({ maxT: 512, width: 4, variants: true }, gpu).ms;
    // Six runs of 512 submit-and-waits of 3 ms at T = 512 alone.
    expect(withVariants - without).toBeGreaterThan(6 * 512 * 3);
  });

  test('the quadratic cost at its CPU maximum: the 4096² score matrix and the inputs, twice; minutes of arithmetic', () => {
    const estimate = quadraticCost.estimate({ maxT: 4096, width: 128 }, cpu);
    expect(estimate.peakBytes).toBe(2 * (4 * 4096 ** 2 + 4 * 4 * 4096 * 128));
    // Materialised attention at T = 4096 alone: 4·T²·d FLOPs, eight runs, at the warm 1 GFLOP/s: over a minute.
    expect(estimate.ms).toBeGreaterThan((8 * 4 * 4096 ** 2 * 128) / 1e6);
    expect(confirmationReason(estimate, cpu)).toMatch(/^This run is estimated at about \d+(\.\d)? minutes and up to 144 MiB of memory on the CPU path/);
  });

  test('the quadratic cost on WebGPU stops materialising at the device’s binding limit', () => {
    const estimate = quadraticCost.estimate({ maxT: 65536, width: 128 }, gpu);
    // Largest T with 4·T² ≤ 128 MiB is 5792, so 4096 is the last materialised; tiled at 65536 holds 4·4·T·d.
    expect(estimate.peakBytes).toBe(Math.max(4 * 4096 ** 2 + 16 * 4096 * 128, 16 * 65536 * 128));
  });

  test('the scan at its CPU maxima: four arrays of T·C floats, twice — 512 MiB', () => {
    expect(scan.estimate({ maxT: 1048576, channels: 16 }, cpu).peakBytes).toBe(512 * 2 ** 20);
  });

  test('streaming at the CPU defaults: the KV cache at p = 1024 and one row of weights, twice', () => {
    expect(streaming.estimate({ maxPosition: 1024, width: 32, multiple: 10 }, cpu).peakBytes).toBe(2 * (4 * (32 + 2 * 1024 * 32 + 32) + 8 * 1024));
  });

  test('the bottleneck at m = 16, T = 8: every run the sweep makes, untimed, counted once', () => {
    // T = 8 only (the shortest length); attention at m = 16; the fixed state at m = 16, 64, 256, 1,024 and 4,096;
    // a window of ⌊m/(2·64)⌋ pairs at m = 256 (2 pairs), 1,024 (8) and 4,096 (8, all there are); none fits below.
    // Each is drawn 8 times, so that 8 × 8 = 64 questions are asked at T = 8.
    const work = (pairs: number, m: number, method: 'fixed-state' | 'attention') => {
      const one = recallWork({ pairs, width: 64, queries: pairs }, m, method);
      return { flops: 8 * one.flops, bytes: one.bytes };
    };
    const runs = [
      work(8, 16, 'attention'),
      ...[16, 64, 256, 1024, 4096].map((m) => work(8, m, 'fixed-state')),
      work(2, 256, 'attention'),
      work(8, 1024, 'attention'),
      work(8, 4096, 'attention'),
    ];
    const estimate = bottleneck.estimate({ stateSize: 16, maxT: 8 }, cpu);
    // Nine runs, each 3 ms of its own, at the cold 0.45 GFLOP/s; 0.2 s to start.
    expect(estimate.ms).toBeCloseTo(200 + 9 * 3 + runs.reduce((sum, run) => sum + run.flops, 0) / 0.45e6, 9);
    expect(estimate.peakBytes).toBe(Math.max(...runs.map((run) => run.bytes)));
  });

  test('gradients at K = 2, d = 2: the forward pass, the Jacobian products, the LSTM chain, the gates and the causal attention rows', () => {
    const estimate = gradients.estimate({ singularValue: 0.9, forgetGate: 0.99, distance: 2, width: 2 }, cpu);
    // The LSTM chain: 2·K·(2d)³ + 12·K·d² = 256 + 96; attention: 4·K·(2K + 1)·d = 80.
    // Summed point by point, so floating-point rounding differs from one division.
    expect(estimate.ms).toBeCloseTo(200 + 5 * 3 + (48 + 32 + 352 + 2 + 80) / 0.45e6, 9);
    // The LSTM chain holds the most: 4·(K·(2d)² + 2·(2d)² + 2·(K + 1)) = 280 bytes.
    expect(estimate.peakBytes).toBe(280);
  });
});

describe('the CPU path’s bounds', () => {
  const definitions: AnyExperimentDefinition[] = Object.values(experiments);
  const largest = (definition: AnyExperimentDefinition) =>
    Object.fromEntries(
      definition.params.map((spec) => [spec.key, spec.kind === 'boolean' ? true : spec.kind === 'choice' ? spec.defaultValue : maximum(spec, 'cpu')!]),
    );

  test('no parameters within the CPU maxima take a run past 1 GiB', () => {
    for (const definition of definitions) {
      const estimate = definition.estimate(largest(definition), cpu);
      expect(estimate.peakBytes, definition.name).toBeLessThanOrEqual(GiB);
    }
  });

  test('the CPU defaults run without asking', () => {
    for (const definition of definitions) {
      expect(confirmationReason(definition.estimate(defaults(definition.params, 'cpu'), cpu), cpu), definition.name).toBeUndefined();
    }
  });
});

describe('confirmation and wording', () => {
  const run = (ms: number, peakBytes: number, largestBuffer = peakBytes) => ({ ms, fixedMs: 0, workMs: ms, peakBytes, largestBuffer });
  test('the CPU path asks past 30 s or 512 MiB, naming the estimate', () => {
    expect(confirmationReason(run(30_000, CONFIRM_BYTES), cpu)).toBeUndefined();
    expect(confirmationReason(run(30_001, 0), cpu)).toBe(
      'This run is estimated at about 30 s and up to 0 B of memory on the CPU path, past the 30 s or 512 MiB it runs without asking. The page stays usable meanwhile, and Cancel stops it.',
    );
    expect(confirmationReason(run(1, CONFIRM_BYTES + 1), cpu)).toMatch(/up to 512 MiB of memory on the CPU path/);
  });

  test('WebGPU asks past the same 30 s or 512 MiB, whatever the adapter’s limits', () => {
    const roomy: EstimateBackend = { kind: 'webgpu', device: { ...device, maxBufferSize: 4 * GiB, maxStorageBufferBindingSize: 4 * GiB }, startupMs: 0 };
    expect(confirmationReason(run(1000, 512 * 2 ** 20), roomy)).toBeUndefined();
    expect(confirmationReason(run(1000, 4 * GiB, 2 ** 20), roomy)).toBe(
      'This run is estimated at about 1 s and up to 4 GiB of memory on WebGPU, past the 30 s or 512 MiB it runs without asking. The page stays usable meanwhile, and Cancel stops it.',
    );
    expect(confirmationReason(run(60_000, 0), gpu)).toMatch(/about 60 s .* on WebGPU, past the 30 s/);
  });

  test('WebGPU refuses a run whose largest buffer the device cannot bind, naming both limits', () => {
    expect(refusalReason(run(1000, GiB, 128 * 2 ** 20), gpu)).toBeUndefined();
    expect(refusalReason(run(1000, GiB, 256 * 2 ** 20), gpu)).toBe(
      'This run needs a buffer of 256 MiB, and this device binds at most 128 MiB in one buffer (maxBufferSize 256 MiB, maxStorageBufferBindingSize 128 MiB), so it cannot run here.',
    );
    expect(refusalReason(run(1000, GiB, GiB), cpu)).toBeUndefined();
  });

  test('the scan link of the review (T = 1,048,576, 64 channels) is refused on the default limits, naming T = 524,288', () => {
    const params = { maxT: 1048576, channels: 64 };
    const estimate = scan.estimate(params, gpu);
    expect(estimate.largestBuffer).toBe(4 * 1048576 * 64);
    expect(refusalReason(estimate, gpu)).toMatch(/needs a buffer of 256 MiB/);
    const fit = largestThatFits(
      scan.params,
      params,
      (values) => scan.estimate(values, gpu),
      (candidate) => refusalReason(candidate, gpu) === undefined,
    );
    expect(fit && [fit.spec.key, fit.value]).toEqual(['maxT', 524288]);
    // A run asks the device for the limits its largest buffer needs, and only above the defaults.
    expect(bufferLimitsFor(estimate)).toEqual({ maxStorageBufferBindingSize: 2 ** 28 });
    expect(bufferLimitsFor(run(0, 0, 100))).toEqual({});
  });

  test('an integer size is searched down to the largest value that fits', () => {
    const specs = [{ key: 'n', label: 'n', kind: 'integer' as const, min: 1, max: 1000, defaultValue: 1 }];
    const fit = largestThatFits(
      specs,
      { n: 1000 },
      ({ n }) => run(0, 0, Number(n) * 3),
      (candidate) => candidate.largestBuffer <= 100,
    );
    expect(fit?.value).toBe(33);
    expect(
      largestThatFits(
        specs,
        { n: 1000 },
        () => run(0, 0, 1000),
        (candidate) => candidate.largestBuffer <= 100,
      ),
    ).toBeUndefined();
  });

  test('durations read in seconds, minutes or hours', () => {
    expect(formatDuration(850)).toBe('under 1 s');
    expect(formatDuration(12_400)).toBe('12 s');
    expect(formatDuration(250_000)).toBe('4.2 minutes');
    expect(formatDuration(9e6)).toBe('2.5 hours');
  });

  test('the estimate says what it rests on: the prior, or this device’s last run', () => {
    expect(describeEstimate(run(2000, 2 ** 20), cpu)).toBe(
      'Estimate: about 2 s and up to 1 MiB of memory (on the CPU reference, an assumed 0.2 s to start, an assumed cost per point, and the counted work at an assumed 0.45–1 GFLOP/s; refined after the first run).',
    );
    expect(describeEstimate(run(2000, 2 ** 20), { ...gpu, startupMs: 380 })).toBe(
      'Estimate: about 2 s and up to 1 MiB of memory (a measured 0.4 s to start, an assumed cost per point, and the counted work at an assumed 1 GFLOP/s; refined after the first run).',
    );
    expect(describeEstimate(run(2000, 2 ** 20), { ...gpu, startupMs: 380, device: { ...device, flopsPerMs: 0.4e6, measuredFlopsPerMs: 5e6 } })).toMatch(
      /counted work at 0\.4 GFLOP\/s \(an assumed 8% of this device’s measured FMA rate\)/,
    );
    expect(describeEstimate(run(2000, 2 ** 20), { ...gpu, measured: { startupMs: 90, workRatio: 2 } })).toBe(
      'Estimate: about 2 s and up to 1 MiB of memory (from this device’s last run of this experiment on WebGPU: 0.09 s to start, then the counted work at the pace that run kept).',
    );
    expect(describeEstimate(run(400, 2 ** 20), cpu)).toMatch(/^Estimate: under 1 s and/);
    expect(describeEstimate(run(2000, 2 ** 20), { kind: 'webgpu', device: { ...device, measured: false } })).toMatch(/\(an assumed 1 s to start/);
    // Never "about under 1 s".
    for (const ms of [1, 999, 1000, 1001]) expect(describeEstimate(run(ms, 0), cpu)).not.toMatch(/about under/);
  });
});
