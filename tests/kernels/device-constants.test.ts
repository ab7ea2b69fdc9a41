import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  countDispatches,
  measureDispatchCosts,
  measureRooflineRates,
  plainPass,
  timeKernel,
  type GpuRuntime,
  type PreparedKernel,
} from '../../kernels/runtime';
import { dawnRuntime } from '../support/dawn';

let runtime: GpuRuntime;
beforeAll(async () => {
  runtime = await dawnRuntime();
});
afterAll(() => runtime?.destroy());

describe('device constants on a real adapter (Dawn in Node)', () => {
  test('counts the dispatches a kernel records, inside one pass and across passes', () => {
    const pipeline = runtime.device.createComputePipeline({
      label: 'test/empty',
      layout: 'auto',
      compute: { module: runtime.device.createShaderModule({ code: '@compute @workgroup_size(1) fn main() {}' }), entryPoint: 'main' },
    });
    const kernel: PreparedKernel = {
      encode(encoder, pass) {
        const first = encoder.beginComputePass(pass('test/three'));
        first.setPipeline(pipeline);
        for (let i = 0; i < 3; i++) first.dispatchWorkgroups(1);
        first.end();
        const second = encoder.beginComputePass(pass('test/one'));
        second.setPipeline(pipeline);
        second.dispatchWorkgroups(2, 1, 1);
        second.end();
      },
    };
    expect(countDispatches(runtime.device, kernel)).toBe(4);
    expect(countDispatches(runtime.device, { encode: () => undefined })).toBe(0);
    // Counting records nothing that runs: the pass factory is the plain one.
    expect(plainPass('x')).toEqual({ label: 'x' });
  });

  test('measures a positive cost per dispatch and per submit-and-wait', async () => {
    const costs = await measureDispatchCosts(runtime);
    expect(costs.perDispatch.medianMs).toBeGreaterThan(0);
    expect(costs.submitAndWait.medianMs).toBeGreaterThan(0);
    expect(costs.submitAndWait.method).toBe('wall-clock');
  });

  test('measures the roofline: a finite, positive arithmetic rate and bandwidth from the micro-kernels', async () => {
    const costs = await measureDispatchCosts(runtime);
    const rates = await measureRooflineRates(runtime, costs.perDispatch.medianMs);
    // Any real adapter, SwiftShader included, reaches more than 1 MFLOP/s and 1 MB/s, and less than 10 PFLOP/s and 100 TB/s.
    expect(rates.flopsPerMs).toBeGreaterThan(1e3);
    expect(rates.flopsPerMs).toBeLessThan(1e13);
    expect(rates.bytesPerMs).toBeGreaterThan(1e3);
    expect(rates.bytesPerMs).toBeLessThan(1e11);
    console.info(
      `roofline on this adapter: ${(rates.flopsPerMs / 1e6).toPrecision(3)} GFLOP/s (${rates.flops} FLOPs per dispatch), ` +
        `${(rates.bytesPerMs / 1e6).toPrecision(3)} GB/s (${rates.bytes} bytes per copy), ${costs.perDispatch.medianMs.toPrecision(3)} ms per dispatch`,
    );
  }, 120_000);

  test('timeKernel reports wall clock always, GPU time only with timestamps, and the counted dispatches', async () => {
    const pipeline = runtime.device.createComputePipeline({
      label: 'test/empty',
      layout: 'auto',
      compute: { module: runtime.device.createShaderModule({ code: '@compute @workgroup_size(1) fn main() {}' }), entryPoint: 'main' },
    });
    const kernel: PreparedKernel = {
      encode(encoder, pass) {
        const computePass = encoder.beginComputePass(pass('test/two'));
        computePass.setPipeline(pipeline);
        computePass.dispatchWorkgroups(1);
        computePass.dispatchWorkgroups(1);
        computePass.end();
      },
    };
    const quick = { repetitions: 3, targetMs: 1, maxBatch: 4 };
    const oneBuffer = await timeKernel(
      { kind: 'webgpu', runtime },
      { label: 'test', reference: () => 0, prepare: async () => kernel },
      { gpu: quick, cpu: quick },
    );
    expect(oneBuffer.dispatches).toBe(2);
    expect(oneBuffer.submits).toBe(1);
    expect(oneBuffer.timing.wall.medianMs).toBeGreaterThan(0);
    expect(oneBuffer.timing.wall.samplesMs).toHaveLength(3);
    expect(oneBuffer.timing.gpu !== undefined).toBe(runtime.hasTimestamps);

    const perStep = await timeKernel(
      { kind: 'webgpu', runtime },
      {
        label: 'test',
        reference: () => 0,
        prepare: async () => ({ kernel, submits: 2, submitEach: async () => runtime.device.queue.onSubmittedWorkDone() }),
      },
      { gpu: quick, cpu: quick },
    );
    expect(perStep).toMatchObject({ dispatches: 2, submits: 2 });
    expect(perStep.timing.gpu).toBeUndefined();

    const cpu = await timeKernel({ kind: 'cpu' }, { label: 'test', reference: () => 0, prepare: async () => kernel }, { gpu: quick, cpu: quick });
    expect(cpu).toMatchObject({ dispatches: 0, submits: 0 });
  });
});
