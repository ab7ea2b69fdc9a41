/**
 * The timing sweeps on a real adapter (Dawn in Node) at tiny sizes: the compared methods are timed
 * interleaved, every point has at least five repetitions, and every timed row carries its counted
 * FLOPs and bytes for the roofline.
 */
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { GpuRuntime } from '../../kernels/runtime';
import { experiments, type AnyExperimentDefinition, type TimedRow } from '../../src/experiments/registry';
import { MIN_REPETITIONS } from '../../src/experiments/shared/ratio-interval';
import { dawnRuntime } from '../support/dawn';

let runtime: GpuRuntime;
beforeAll(async () => {
  runtime = await dawnRuntime({ optionalFeatures: ['timestamp-query'] });
});
afterAll(() => runtime?.destroy());

const TINY = {
  parallelism: { maxT: 4, width: 8, variants: false },
  'quadratic-cost': { maxT: 32, width: 8 },
  streaming: { maxPosition: 4, width: 8, multiple: 10 },
  scan: { maxT: 1024, channels: 1 },
} as const;

for (const [name, params] of Object.entries(TINY)) {
  test(`${name}: at least ${MIN_REPETITIONS} repetitions per point, counted FLOPs and bytes on every row`, async () => {
    const definition: AnyExperimentDefinition = experiments[name as keyof typeof TINY];
    const rows: TimedRow[] = [];
    const sweep = await definition.sweep();
    await sweep({
      backend: { kind: 'webgpu', runtime },
      params,
      signal: new AbortController().signal,
      emit: (row: TimedRow) => rows.push(row),
      progress() {},
      notice() {},
    });
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      expect(row.samplesMs!.length, `${row.series}`).toBeGreaterThanOrEqual(MIN_REPETITIONS);
      expect(row.flops, `${row.series}`).toBeGreaterThan(0);
      expect(row.bytes, `${row.series}`).toBeGreaterThan(0);
    }
    const summary = (await definition.summarize())(rows, params, { kind: 'cpu' });
    expect(summary.headline).not.toBe('');
  }, 120_000);
}
