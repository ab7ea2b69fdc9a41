import { formatMs } from '../../src/utils/format';
import { describe, expect, test } from 'vitest';
import { clampParam, defaults, readParams, writeParams, type ParamSpec } from '../../src/experiments/params';
import { crossing, logLogSlope, toCsv, toJson, upperHalf } from '../../src/experiments/shared/results';
import { controlsOf, experiments, parallelism, quadraticCost, ATTENTION_LAYER_SERIES, RNN_SERIES, type ParallelismRow } from '../../src/experiments/registry';

const maxT: ParamSpec = { key: 'maxT', label: 'Longest sequence T', kind: 'power-of-two', min: 2, max: 4096, defaultValue: 512, cpuDefault: 128 };
const width: ParamSpec = { key: 'width', label: 'Hidden size d', kind: 'integer', min: 4, max: 256, defaultValue: 64 };
const toggle: ParamSpec = { key: 'variants', label: 'Variants', kind: 'boolean', defaultValue: false };

describe('parameters', () => {
  test('defaults differ by backend', () => {
    expect(defaults([maxT, width], 'webgpu')).toEqual({ maxT: 512, width: 64 });
    expect(defaults([maxT, width], 'cpu')).toEqual({ maxT: 128, width: 64 });
  });

  test('clamping explains itself', () => {
    expect(clampParam(maxT, '999999', 512)).toEqual({ value: 4096, notice: 'Longest sequence T: 999999 is above the maximum 4096; using 4096.' });
    expect(clampParam(maxT, '1', 512).value).toBe(2);
    expect(clampParam(maxT, '300', 512)).toEqual({ value: 256, notice: 'Longest sequence T: 300 is not a power of two; using 256.' });
    expect(clampParam(maxT, '256', 512)).toEqual({ value: 256 });
    expect(clampParam(width, 'abc', 64)).toEqual({ value: 64, notice: 'Hidden size d: “abc” is not a number; using 64.' });
    expect(clampParam(width, '', 64).notice).toMatch(/not a number/);
    expect(clampParam(width, '12.7', 64)).toEqual({ value: 13, notice: 'Hidden size d: 12.7 is not a whole number; using 13.' });
    expect(clampParam(width, '1e308', 64).value).toBe(256);
    expect(clampParam(width, '-Infinity', 64).notice).toMatch(/not a number/);
    expect(clampParam(toggle, 'true', false)).toEqual({ value: true });
    expect(clampParam(toggle, 'maybe', false).notice).toMatch(/not on or off/);
  });

  test('URL round trip, namespaced by experiment', () => {
    const search = writeParams('parallelism', { maxT: 64, width: 8, variants: true }, new URLSearchParams('other=1'));
    expect(search.get('other')).toBe('1');
    expect(search.toString()).toBe('other=1&parallelism.maxT=64&parallelism.width=8&parallelism.variants=true');
    expect(readParams('parallelism', [maxT, width, toggle], search, 'webgpu')).toEqual({ values: { maxT: 64, width: 8, variants: true }, notices: [] });
    // Another experiment's parameters are not read.
    expect(readParams('quadratic-cost', [maxT], search, 'webgpu').values).toEqual({ maxT: 512 });
  });
});

describe('results', () => {
  test('a power law has its exponent as log-log slope', () => {
    const points = [16, 32, 64, 128].map((x) => ({ x, y: 3 * x * x }));
    expect(logLogSlope(points)).toBeCloseTo(2, 10);
    expect(logLogSlope([{ x: 1, y: 1 }])).toBeUndefined();
    expect(upperHalf(points.map((p) => ({ ...p }))).map((p) => p.x)).toEqual([64, 128]);
  });

  test('crossing of two series', () => {
    const a = new Map([
      [1, 1],
      [2, 2],
      [4, 8],
    ]);
    const b = new Map([
      [1, 3],
      [2, 3],
      [4, 3],
    ]);
    expect(crossing(a, b)).toEqual({ x: 4, lastBefore: 2, before: 'a' });
    expect(crossing(b, b)).toBeUndefined();
  });

  test('CSV escapes and JSON carries its metadata', () => {
    const rows = [{ series: 'a, "quoted"', T: 1 }];
    expect(
      toCsv(rows, [
        { key: 'series', label: 'S' },
        { key: 'T', label: 'T' },
      ]),
    ).toBe('series,T\n"a, ""quoted""",1');
    expect(JSON.parse(toJson(rows, { experiment: 'x' }))).toEqual({ experiment: 'x', rows });
    expect(formatMs(0.0123)).toBe('12.3 µs');
    expect(formatMs(2500)).toBe('2.50 s');
  });
});

describe('experiment definitions', () => {
  test('table cells format with the one formatting module', async () => {
    const { formatBytesCell, formatInteger } = await import('../../src/utils/format');
    expect(formatBytesCell(1_048_576)).toBe('1,048,576 (1 MiB)');
    expect(formatBytesCell(0)).toBe('0');
    expect(formatInteger(262144)).toBe('262,144');
  });

  test('every parameter default is within its own range', () => {
    for (const definition of Object.values(experiments)) {
      for (const spec of definition.params) {
        for (const value of [spec.defaultValue, spec.cpuDefault].filter((v) => v !== undefined)) {
          expect(clampParam(spec, value, spec.defaultValue).notice, `${definition.name}.${spec.key}`).toBeUndefined();
        }
      }
    }
  });

  test("each frame's controls are plain data, as the page passes them to the island", () => {
    for (const definition of Object.values(experiments)) {
      const controls = controlsOf(definition);
      expect(JSON.parse(JSON.stringify(controls)), definition.name).toEqual(controls);
      expect(controls.params, definition.name).toBe(definition.params);
      expect(controls.resumable, definition.name).toBe(definition.session !== undefined);
    }
  });

  test('each definition loads its summary from its own folder, on demand', async () => {
    for (const [name, definition] of Object.entries(experiments)) {
      const module: Record<string, unknown> = await import(`../../src/experiments/${name}/summary.ts`);
      expect(Object.values(module), name).toContain(await definition.summarize());
    }
  });

  test('the parallelism summary reads ratios and the crossing from rows', async () => {
    const row = (series: string, T: number, medianMs: number): ParallelismRow => ({
      series,
      T,
      medianMs,
      minMs: medianMs,
      timing: 'wall clock',
      dispatches: 1,
      submits: 1,
      flops: 1e6,
      gflops: 1,
    });
    const rows = [row(RNN_SERIES, 1, 1), row(ATTENTION_LAYER_SERIES, 1, 2), row(RNN_SERIES, 512, 512), row(ATTENTION_LAYER_SERIES, 512, 4)];
    const summary = (await parallelism.summarize())(rows, { maxT: 512, width: 64, variants: false });
    expect(summary.details).toContain(`${RNN_SERIES}: T = 512 took 512× as long as T = 1.`);
    expect(summary.details).toContain(`${ATTENTION_LAYER_SERIES}: T = 512 took 2.00× as long as T = 1.`);
    // One repetition per point: no lead can be stated, whatever the medians.
    expect(summary.verdict).toBe('noisy');
    expect((await quadraticCost.summarize())([], { maxT: 2048, width: 64 }).headline).toBe('');
  });
});
