import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { FAMILY_COLORS, SERIES_COLORS, seriesColor, seriesFamily } from '../../src/experiments/palette';
import * as names from '../../src/experiments/shared/series';
import { arrowGeometry, familyClass, gridCells, spread, sub } from '../../src/components/figures/geometry';
import { waveProgress, waveSummary } from '../../src/lesson/waves';
import { FIGURE_TOY_LANES, FIGURE_TOY_LENGTHS } from '../../src/lesson/figures';

describe('the visual language', () => {
  const css = readFileSync('src/styles/global.css', 'utf8');
  for (const family of ['recurrent', 'attention'] as const) {
    test(`palette.ts holds the same ${family} colours as --${family} in global.css`, () => {
      const match = css.match(new RegExp(`--${family}:\\s*light-dark\\((#[0-9a-f]{6}),\\s*(#[0-9a-f]{6})\\)`, 'i'));
      expect(match, `--${family} is a light-dark() pair in global.css`).not.toBeNull();
      expect({ light: match![1]!.toLowerCase(), dark: match![2]!.toLowerCase() }).toEqual(FAMILY_COLORS[family]);
    });
  }

  test('every series the experiments emit belongs to the family its name says', () => {
    // The chapter's capacity estimate and the constant-gate reference are formulas, of neither family.
    const expected: Record<string, 'recurrent' | 'attention' | undefined> = {
      RNN_SERIES: 'recurrent',
      RNN_SUBMIT_SERIES: 'recurrent',
      RNN_SUBMIT_NO_WAIT_SERIES: 'recurrent',
      RNN_PERSISTENT_SERIES: 'recurrent',
      ATTENTION_SERIES: 'attention',
      FLASH_SERIES: 'attention',
      FIXED_STATE_SERIES: 'recurrent',
      ATTENTION_RECALL_SERIES: 'attention',
      TANH_GRADIENT_SERIES: 'recurrent',
      LSTM_CELL_GRADIENT_SERIES: 'recurrent',
      FORGET_GRADIENT_SERIES: undefined,
      ATTENTION_GRADIENT_SERIES: 'attention',
      RNN_STEP_SERIES: 'recurrent',
      KV_STEP_SERIES: 'attention',
      SCAN_LOOP_SERIES: 'recurrent',
      SCAN_CHUNKED_SERIES: 'recurrent',
      LSTM_MODEL_SERIES: 'recurrent',
      ATTENTION_MODEL_SERIES: 'attention',
      ATTENTION_LAYER_SERIES: 'attention',
      WINDOW_RECALL_SERIES: 'attention',
      CAPACITY_MEASURED_SERIES: 'recurrent',
      WINDOW_CAPACITY_SERIES: 'attention',
      CAPACITY_ESTIMATE_SERIES: undefined,
    };
    // RNN_VARIANT_SERIES is the table of the RNN names above, not a series of its own.
    const series = Object.fromEntries(Object.entries(names).filter(([key]) => key !== 'RNN_VARIANT_SERIES')) as Record<string, string>;
    expect(Object.keys(series).sort()).toEqual(Object.keys(expected).sort());
    for (const [key, family] of Object.entries(expected)) expect(seriesFamily(series[key]!), key).toBe(family);
  });

  test('a series of neither family keeps its index colour; a family series gets the family variable', () => {
    expect(seriesColor('Something else', 2)).toBe(SERIES_COLORS[2]);
    expect(seriesColor(names.RNN_SERIES, 2)).toBe('var(--recurrent)');
    expect(seriesColor(names.FLASH_SERIES, 0)).toBe('var(--attention)');
  });
});

describe('figure geometry', () => {
  test('an arrow stops `gap` short of both ends, its head touching the end of the gap', () => {
    const { path, head } = arrowGeometry({ x: 0, y: 0 }, { x: 100, y: 0 }, { gap: 10, head: 8 });
    expect(path).toBe('M10,0 L82,0');
    expect(head.split(' ')[0]).toBe('90,0');
  });

  test('a short arrow keeps a visible shaft', () => {
    const { path } = arrowGeometry({ x: 0, y: 0 }, { x: 20, y: 0 }, { gap: 6, head: 7 });
    const [, startX, endX] = path.match(/^M([\d.]+),0 L([\d.]+),0$/)!;
    expect(Number(endX) - Number(startX)).toBeGreaterThan(0);
  });

  test('an arrow between one point and itself is refused with a message', () => {
    expect(() => arrowGeometry({ x: 1, y: 1 }, { x: 1, y: 1 })).toThrow(/two different points/);
  });

  test('spread, gridCells, sub and familyClass', () => {
    expect(spread(3, 10, 5)).toEqual([10, 15, 20]);
    expect(gridCells(2)).toEqual([
      { row: 0, column: 0 },
      { row: 0, column: 1 },
      { row: 1, column: 0 },
      { row: 1, column: 1 },
    ]);
    expect(sub('h', 12)).toBe('h₁₂');
    expect(familyClass('fig-shape', 'recurrent', true)).toBe('fig-shape is-recurrent is-emphasis');
    expect(familyClass('fig-shape', 'plain')).toBe('fig-shape');
  });
});

describe('the chain against the waves', () => {
  // The three outcomes turn on T against T²/lanes: T below the lanes, equal, above.
  const below = FIGURE_TOY_LANES / 2;
  const equal = FIGURE_TOY_LANES;
  const above = FIGURE_TOY_LANES + 2;

  test('the readers’ range covers all three outcomes', () => {
    expect(FIGURE_TOY_LENGTHS.min).toBeLessThanOrEqual(below);
    expect(FIGURE_TOY_LENGTHS.max).toBeGreaterThanOrEqual(above);
  });

  test('progress after a few ticks: one state per tick, `lanes` scores per tick', () => {
    expect(waveProgress(below, 3)).toEqual({ states: 3, scoresDone: 3 * FIGURE_TOY_LANES, wavesDone: 3, scores: below ** 2, waves: below / 2, ticks: below });
  });

  test('T below the lanes: fewer waves than steps', () => {
    expect(waveSummary(below, 0)).toBe(
      `Tick 0 of ${below}: the RNN has computed 0 of ${below} states, attention has 0 of ${below ** 2} scores. At T = ${below} the chain takes ${below} ticks and the scores ${below / 2} waves.`,
    );
  });

  test('T equal to the lanes: a tie', () => {
    expect(waveSummary(equal, equal)).toBe(
      `Tick ${equal} of ${equal}: the RNN has finished all ${equal} steps, attention has finished all ${equal ** 2} scores. At T = ${equal} both take ${equal} ticks.`,
    );
  });

  test('T above the lanes: more waves than steps, and the RNN finishes first', () => {
    const waves = Math.ceil(above ** 2 / FIGURE_TOY_LANES);
    expect(waveSummary(above, above)).toBe(
      `Tick ${above} of ${waves}: the RNN has finished all ${above} steps, attention has ${above * FIGURE_TOY_LANES} of ${above ** 2} scores. At T = ${above} the scores take ${waves} waves, more than the chain's ${above} ticks: the machine's ${FIGURE_TOY_LANES} lanes are too few for T² scores.`,
    );
  });

  test('a single wave reads "wave"', () => {
    expect(waveSummary(2, 1)).toMatch(/the scores 1 wave\.$/);
  });
});
