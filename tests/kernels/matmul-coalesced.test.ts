// The coalesced matmul in both of its per-adapter-class shapes, on a real adapter (Dawn in Node):
// on SwiftShader the host picks the CPU shape, so the GPU shape is forced here to be checked too.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { COALESCED_SHAPES, matmul } from '../../kernels/matmul/host';
import { matmulReference } from '../../kernels/matmul/reference';
import { deriveSeed, uniformArray, type GpuRuntime } from '../../kernels/runtime';
import { MATMUL_SHAPES } from './harness/case-table';
import { dawnRuntime } from '../support/dawn';

let runtime: GpuRuntime;
beforeAll(async () => {
  runtime = await dawnRuntime();
});
afterAll(() => runtime?.destroy());

describe.each(Object.entries(COALESCED_SHAPES))('coalesced matmul, %s shape, against the CPU reference', (_, coalescedShape) => {
  test.each(MATMUL_SHAPES)('%s', async (_label, shape) => {
    const a = uniformArray(deriveSeed(13, 1), shape.m * shape.k);
    const b = uniformArray(deriveSeed(13, 2), shape.k * shape.n);
    const result = await matmul({ kind: 'webgpu', runtime }, a, b, shape, { variant: 'coalesced', coalescedShape });
    expect(result.backend).toMatch(/^WebGPU/);
    const expected = matmulReference(a, b, shape);
    // f32 sums of up to 68 products of values in [-1, 1] against float64: the harness's matmul tolerance.
    let worst = 0;
    for (let i = 0; i < expected.length; i++) worst = Math.max(worst, Math.abs(result.output[i] - expected[i]) - 1e-4 * Math.abs(expected[i]));
    expect(worst).toBeLessThanOrEqual(1e-4);
  });
});
