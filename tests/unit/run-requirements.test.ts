import { describe, expect, test } from 'vitest';
import { runRequirements } from '../../src/experiments/runner';
import { parallelism, quadraticCost, scan } from '../../src/experiments/registry';

describe('what a run asks of the device', () => {
  test('the scan link of the review asks for a 256 MiB binding, and names the largest T that fits a 128 MiB one', () => {
    const requirements = runRequirements(scan, { maxT: 1048576, channels: 64 });
    expect(requirements.limits).toEqual({ maxStorageBufferBindingSize: 256 * 2 ** 20 });
    expect(requirements.optionalFeatures).toEqual(['timestamp-query']);
    expect(requirements.describeShortfall!('maxStorageBufferBindingSize', 128 * 2 ** 20)).toEqual({ name: 'Longest sequence T', largestThatFits: 524288 });
  });

  test('a run within the WebGPU defaults asks for no limit above them', () => {
    expect(runRequirements(scan, { maxT: 262144, channels: 4 }).limits).toEqual({});
    expect(runRequirements(parallelism, { maxT: 64, width: 8, variants: false }).limits).toEqual({});
  });

  test('the quadratic cost keeps its own preferred limits: the sweep stops materialising at the memory wall', () => {
    const requirements = runRequirements(quadraticCost, { maxT: 65536, width: 128 });
    expect(requirements.preferredLimits?.maxStorageBufferBindingSize).toBe(4 * 65536 ** 2);
    // Only Q, K, V and the output must fit: 65,536 × 128 float32 = 32 MiB each, within the defaults.
    expect(requirements.limits).toEqual({});
  });
});
