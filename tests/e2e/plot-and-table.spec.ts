import { expect, test, type Page } from '@playwright/test';
import { siteUrl } from '../support/site';

// The result table's caption stands outside its scroll box, its first column stays put when it
// scrolls, its deciding columns fit at 1280 px; a byte axis counts in KiB, MiB and GiB and is wide
// enough for its labels. On the CPU path, so the runs are short and need no adapter.

async function runOnCpu(page: Page, chapter: string, query: string) {
  await page.addInitScript(() => Object.defineProperty(Navigator.prototype, 'gpu', { get: () => undefined, configurable: true }));
  await page.goto(`${siteUrl()}chapters/${chapter}/${query}`);
  const frame = page.locator('.experiment-frame').first();
  await frame.scrollIntoViewIfNeeded();
  await expect(frame).toHaveAttribute('data-backend', 'cpu', { timeout: 30_000 });
  await frame.getByRole('button', { name: /^Run/ }).click();
  await expect(frame).toHaveAttribute('data-status', 'done', { timeout: 120_000 });
  return frame;
}

test('the bottleneck table: caption outside the scroll box, the deciding columns at 1280 px, a sticky first column', async ({ page }) => {
  test.setTimeout(180_000);
  await page.setViewportSize({ width: 1280, height: 900 });
  const frame = await runOnCpu(page, 'information-bottleneck', '?bottleneck.stateSize=16&bottleneck.maxT=64');
  const block = frame.locator('.result-table-block').first();
  // The headline's accuracy and interval where the fixed state fell are cells of one row of the table.
  const headline = (await frame.locator('.experiment-headline').first().textContent())!;
  const [, accuracy, interval] = /fell below 50% at T = [\d,]+, with ([\d.]+%) \(95% interval ([\d.]+–[\d.]+%)\)/.exec(headline) ?? [];
  expect(accuracy, headline).toBeDefined();
  await expect(
    block
      .locator('tbody tr', { has: page.locator(`td[data-column="accuracy"]:text-is("${accuracy}")`) })
      .locator('td[data-column="low"]', { hasText: interval! })
      .first(),
  ).toBeAttached();
  const caption = block.locator('.result-table-caption');
  const box = block.locator('.result-table');
  await expect(caption).toContainText('The information bottleneck');
  // Not inside the scroll box, and not cut: the whole caption is laid out within the block's width.
  await expect(box.locator('.result-table-caption')).toHaveCount(0);
  expect(await caption.evaluate((element) => element.scrollWidth <= element.clientWidth + 1)).toBe(true);
  await expect(box.getByRole('table')).toHaveAccessibleName(/The information bottleneck/);

  // At 1280 px the deciding columns show without scrolling.
  const visibleHeaders = box.locator('thead th:visible');
  await expect(visibleHeaders).toHaveText(['Method', 'State size m', 'Pairs T', 'Recall accuracy', '95% interval', 'First fell below 50% at T']);
  expect(await box.evaluate((element) => element.scrollWidth <= element.clientWidth + 1)).toBe(true);

  // Every column on request; in a narrow window the table scrolls and its first column stays put.
  await frame.getByRole('button', { name: /^Show all \d+ columns$/ }).click();
  await expect(box.locator('thead th:visible')).toHaveCount(9);
  await page.setViewportSize({ width: 480, height: 900 });
  await expect.poll(() => box.evaluate((element) => element.scrollWidth > element.clientWidth)).toBe(true);
  const firstCell = box.locator('tbody tr').first().locator('td').first();
  const secondCell = box.locator('tbody tr').first().locator('td').nth(1);
  const [firstBefore, secondBefore] = [await firstCell.boundingBox(), await secondCell.boundingBox()];
  await box.evaluate((element) => element.scrollTo({ left: 200 }));
  await expect.poll(async () => (await secondCell.boundingBox())!.x).toBeLessThan(secondBefore!.x - 100);
  expect((await firstCell.boundingBox())!.x).toBeCloseTo(firstBefore!.x, 0);
});

test('a byte axis counts in KiB, MiB and GiB, and is as wide as its labels', async ({ page }) => {
  test.setTimeout(180_000);
  await page.setViewportSize({ width: 1280, height: 900 });
  const frame = await runOnCpu(page, 'quadratic-cost', '?quadratic-cost.maxT=64&quadratic-cost.width=8');
  const memoryPlot = frame.locator('.experiment-plot').filter({ hasText: 'bytes allocated' }).locator('[data-y-ticks]');
  await expect(memoryPlot).toHaveAttribute('data-y-ticks', /\S/, { timeout: 30_000 });
  const ticks = (await memoryPlot.getAttribute('data-y-ticks'))!.split('|').filter((tick) => tick !== '');
  expect(ticks.length).toBeGreaterThan(0);
  for (const tick of ticks) expect(tick).toMatch(/^[\d.,]+ (B|KiB|MiB|GiB|TiB)$/);
  // The axis's room covers its widest label as the page's font draws it.
  const widest = await memoryPlot.evaluate((element, labels) => {
    const context = document.createElement('canvas').getContext('2d')!;
    context.font = '12px system-ui, sans-serif';
    return Math.max(...labels.map((label) => context.measureText(label).width));
  }, ticks);
  expect(Number(await memoryPlot.getAttribute('data-y-axis-size'))).toBeGreaterThanOrEqual(widest);
  await expect(frame.locator('.experiment-plot figcaption').first()).toContainText('both axes logarithmic');
});

// Each timing experiment at tiny sizes on the CPU path, in its chapter: at 1280 px its table first
// shows the columns that decide the result (method, size, median wall clock, GPU time, and quadratic
// cost's memory), all of them without scrolling.
const timedTables: Array<{ name: string; chapter: string; query: string; headers: string[]; widest?: Record<string, string> }> = [
  {
    name: 'parallelism',
    chapter: 'sequential-computation',
    query: '?parallelism.maxT=8&parallelism.width=8',
    headers: ['Method', 'T', 'Median time (wall clock)', 'GPU time (timestamps)'],
  },
  {
    name: 'quadratic-cost',
    chapter: 'quadratic-cost',
    query: '?quadratic-cost.maxT=64&quadratic-cost.width=8',
    headers: ['Method', 'T', 'Median time (wall clock)', 'GPU time (timestamps)', 'Score matrix bytes'],
    // The widest cells its largest T gives: 16 GiB of scores at T = 65,536.
    widest: { T: '65,536', scoreMatrixBytes: '17,179,869,184 (16 GiB)' },
  },
  {
    name: 'streaming',
    chapter: 'when-rnns-win',
    query: '?streaming.maxPosition=8&streaming.width=8',
    headers: ['Step', 'Position p', 'Median time (wall clock)', 'GPU time (timestamps)', 'Memory held'],
  },
  {
    name: 'scan',
    chapter: 'when-rnns-win',
    query: '?scan.maxT=4096&scan.channels=1',
    headers: ['Method', 'T', 'Median time (wall clock)', 'GPU time (timestamps)'],
  },
];

for (const { name, chapter, query, headers, widest } of timedTables) {
  test(`the ${name} table shows its deciding columns at 1280 px without scrolling`, async ({ page }) => {
    test.setTimeout(180_000);
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.addInitScript(() => Object.defineProperty(Navigator.prototype, 'gpu', { get: () => undefined, configurable: true }));
    await page.goto(`${siteUrl()}chapters/${chapter}/${query}`);
    // The frame whose controls are this experiment's (a chapter may hold two).
    const frame = page.locator('.experiment-frame', { has: page.locator(`[id^="experiment-${name}-"]`) });
    await frame.scrollIntoViewIfNeeded();
    await expect(frame).toHaveAttribute('data-backend', 'cpu', { timeout: 30_000 });
    await frame.getByRole('button', { name: /^Run/ }).click();
    await expect(frame).toHaveAttribute('data-status', 'done', { timeout: 120_000 });
    const box = frame.locator('.result-table').first();
    await expect(box.locator('thead th:visible')).toHaveText(headers);
    expect(await box.evaluate((element) => element.scrollWidth <= element.clientWidth + 1)).toBe(true);
    if (widest) {
      // Still without scrolling when the cells are as wide as the largest run makes them.
      await box.evaluate((element, cells) => {
        for (const [column, text] of Object.entries(cells)) for (const cell of element.querySelectorAll(`td[data-column="${column}"]`)) cell.textContent = text;
      }, widest);
      expect(await box.evaluate((element) => element.scrollWidth <= element.clientWidth + 1)).toBe(true);
    }
    await expect(frame.getByRole('button', { name: /^Show all \d+ columns$/ })).toBeVisible();
  });
}
