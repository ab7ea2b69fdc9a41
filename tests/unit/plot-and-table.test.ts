/** The plot's and the table's readable pieces: powers as superscripts, byte axes, the caption's log axes, and which columns show first. */
import { describe, expect, test } from 'vitest';
import { splitPowers, superscriptText } from '../../src/utils/superscript';
import { countsBytes, logAxesText } from '../../src/islands/Plot';
import { essentialColumns } from '../../src/islands/ResultTable';
import { bottleneck } from '../../src/experiments/bottleneck/definition';
import { experiments } from '../../src/experiments/registry';
import type { AnyExperimentDefinition } from '../../src/experiments/shared/definition';

describe('powers', () => {
  test('"T^1.94" is T with the exponent 1.94, a minus becomes a true minus, braces group', () => {
    expect(splitPowers('time grows like T^1.94 here')).toEqual([
      { text: 'time grows like T', superscript: false },
      { text: '1.94', superscript: true },
      { text: ' here', superscript: false },
    ]);
    expect(splitPowers('10^-3.50')).toEqual([
      { text: '10', superscript: false },
      { text: '−3.50', superscript: true },
    ]);
    expect(splitPowers('e^{i π}')).toEqual([
      { text: 'e', superscript: false },
      { text: 'i π', superscript: true },
    ]);
    expect(splitPowers('no powers')).toEqual([{ text: 'no powers', superscript: false }]);
    expect(splitPowers('')).toEqual([{ text: '', superscript: false }]);
  });
  test('as text: Unicode superscripts where every character has one, the caret kept where not', () => {
    expect(superscriptText('Constant forget gate f^k (formula)')).toBe('Constant forget gate fᵏ (formula)');
    expect(superscriptText('σ₁^k and 0.99^500')).toBe('σ₁ᵏ and 0.99⁵⁰⁰');
    expect(superscriptText('T^1.94')).toBe('T^1.94');
  });
});

describe('plot axes', () => {
  test('a byte axis is one the spec says counts bytes, or a field named …Bytes', () => {
    expect(countsBytes('allocatedBytes', undefined)).toBe(true);
    expect(countsBytes('peak', 'bytes')).toBe(true);
    expect(countsBytes('medianMs', undefined)).toBe(false);
  });
  test('the caption names the logarithmic axes, never "log axes" for one', () => {
    expect(logAxesText({ logX: true, logY: true })).toBe(', both axes logarithmic');
    expect(logAxesText({ logX: true, logY: false })).toBe(', the horizontal axis logarithmic');
    expect(logAxesText({ logX: false, logY: true })).toBe(', the vertical axis logarithmic');
    expect(logAxesText({ logX: false, logY: false })).toBe(', both axes linear');
  });
  test('the bottleneck draws its independent samples as points', () => {
    expect(bottleneck.plots.every((plot) => plot.points)).toBe(true);
  });
});

describe('table columns', () => {
  test('with columns marked essential: the first and those; without: every column', () => {
    const columns = [
      { key: 'series' as const, label: 'Method' },
      { key: 'a' as const, label: 'A', essential: true },
      { key: 'b' as const, label: 'B' },
    ];
    expect(essentialColumns(columns).map((column) => column.key)).toEqual(['series', 'a']);
    expect(essentialColumns(columns.map(({ key, label }) => ({ key, label }))).map((column) => column.key)).toEqual(['series', 'a', 'b']);
  });
  test('the bottleneck shows at most six columns first', () => {
    expect(essentialColumns(bottleneck.columns).length).toBeLessThanOrEqual(6);
  });
  test('every timing experiment shows first its method, its size, the median wall clock and the GPU time, and at most six columns', () => {
    const timed: AnyExperimentDefinition[] = Object.values(experiments).filter((definition) => definition.timing);
    expect(timed.map((definition) => definition.name).sort()).toEqual(['parallelism', 'quadratic-cost', 'scan', 'streaming']);
    for (const definition of timed) {
      const keys = essentialColumns(definition.columns).map((column) => column.key);
      expect(keys.slice(0, 2), definition.name).toEqual(['series', definition.name === 'streaming' ? 'position' : 'T']);
      expect(keys, definition.name).toEqual(expect.arrayContaining(['medianMs', 'gpuMs']));
      expect(keys.length, definition.name).toBeLessThanOrEqual(6);
    }
  });
});
