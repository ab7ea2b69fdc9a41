import { expect, test, type Page } from '@playwright/test';
import { readdir, writeFile } from 'node:fs/promises';
import { execFileSync } from 'node:child_process';
import { siteUrl } from '../support/site';
import { FALLBACK_HEIGHTS, MEASURED_AT_WIDTH } from '../../src/embed/fallback-heights';

// Where a wiki allows only an iframe, the snippet's fixed height is all the embed gets. It must be the
// embed's content height in a typical wiki column (src/embed/fallback-heights.ts): this measures every
// embed page and fails when one has drifted more than 10% from its entry.
// UPDATE_EMBED_HEIGHTS=1 npx playwright test tests/e2e/embed-heights.spec.ts rewrites the table.

const TOLERANCE = 0.1;
const TABLE = 'src/embed/fallback-heights.ts';

/** The page's content height at the column width, once fonts, images and every experiment are ready. */
async function contentHeight(page: Page, path: string): Promise<number> {
  // A frame as tall as its content shows all of it, so every experiment in it starts: grow the
  // viewport to the content until the height holds.
  let height = 600;
  for (let round = 0; round < 5; round++) {
    await page.setViewportSize({ width: MEASURED_AT_WIDTH, height: Math.min(height, 16_000) });
    if (round === 0) await page.goto(`${siteUrl()}${path}`);
    // Experiments outside the viewport wait for it (they start as they scroll into view).
    await page.waitForFunction(
      (all) =>
        document.fonts.status === 'loaded' &&
        [...document.images].every((image) => image.complete) &&
        (!all || [...document.querySelectorAll('.experiment-frame')].every((frame) => frame.hasAttribute('data-backend'))),
      round > 0,
    );
    const measured = await page.evaluate(() => Math.ceil(document.documentElement.getBoundingClientRect().height));
    if (measured === height) return measured;
    height = measured;
  }
  return height;
}

test('each embed\u2019s snippet height is its content height at a wiki column width, within 10%', async ({ page }) => {
  test.setTimeout(240_000);
  const experiments = (await readdir('dist/embed/experiment')).sort();
  const chapters = (await readdir('dist/embed', { withFileTypes: true }))
    .filter((entry) => entry.isDirectory() && entry.name !== 'experiment')
    .map((entry) => entry.name)
    .sort();
  const measured = { chapters: {} as Record<string, number>, experiments: {} as Record<string, number> };
  for (const chapter of chapters) measured.chapters[chapter] = await contentHeight(page, `embed/${chapter}/`);
  for (const experiment of experiments) measured.experiments[experiment] = await contentHeight(page, `embed/experiment/${experiment}/`);

  if (process.env.UPDATE_EMBED_HEIGHTS) {
    const source = (await import('node:fs')).readFileSync(TABLE, 'utf8');
    const table = `export const FALLBACK_HEIGHTS: { chapters: Record<string, number>; experiments: Record<string, number> } = ${JSON.stringify(measured, null, 2)};\n`;
    await writeFile(TABLE, source.replace(/export const FALLBACK_HEIGHTS[\s\S]*$/, table));
    execFileSync('npx', ['prettier', '--write', TABLE]);
    return;
  }
  const drift: string[] = [];
  for (const kind of ['chapters', 'experiments'] as const) {
    expect(Object.keys(FALLBACK_HEIGHTS[kind]).sort(), `every ${kind} embed has a height in ${TABLE}`).toEqual(Object.keys(measured[kind]).sort());
    for (const [name, height] of Object.entries(measured[kind])) {
      const listed = FALLBACK_HEIGHTS[kind][name]!;
      if (Math.abs(height - listed) / listed > TOLERANCE) drift.push(`${kind}/${name}: measured ${height} px, listed ${listed} px`);
    }
  }
  expect(drift, `refresh with UPDATE_EMBED_HEIGHTS=1 npx playwright test tests/e2e/embed-heights.spec.ts`).toEqual([]);
});
