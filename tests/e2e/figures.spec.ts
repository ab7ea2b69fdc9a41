import { expect, test } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { chapterSources, siteUrl } from '../support/site';

const chapters = chapterSources();
const WCAG = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

for (const chapter of chapters) {
  test(`chapter "${chapter.id}" explains with a figure: an SVG of role img with a title and a description, a caption and words`, async ({ page }) => {
    await page.goto(`${siteUrl()}chapters/${chapter.id}/`);
    const figures = page.locator('figure.diagram');
    expect(await figures.count()).toBeGreaterThan(0);
    for (const figure of await figures.all()) {
      await expect(figure.locator('figcaption')).not.toBeEmpty();
      const panels = figure.locator('svg[role="img"]');
      expect(await panels.count()).toBeGreaterThan(0);
      for (const svg of await panels.all()) {
        const [title, description] = await svg.evaluate((element) => [
          element.querySelector(':scope > title')?.textContent?.trim() ?? '',
          element.querySelector(':scope > desc')?.textContent?.trim() ?? '',
        ]);
        expect(title).not.toBe('');
        expect(description).not.toBe('');
        // The accessible name and description are the title and desc, whatever the browser's SVG mapping.
        await expect(svg).toHaveAccessibleName(title);
        await expect(svg).toHaveAccessibleDescription(description);
      }
    }
  });
}

for (const theme of ['light', 'dark'] as const) {
  test(`axe finds no violation in any chapter's figures in the ${theme} theme`, async ({ browser }) => {
    test.setTimeout(240_000);
    const context = await browser.newContext({ colorScheme: theme });
    const page = await context.newPage();
    const failures: string[] = [];
    for (const chapter of chapters) {
      await page.goto(`${siteUrl()}chapters/${chapter.id}/`);
      await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
      await page.waitForLoadState('networkidle');
      const { violations } = await new AxeBuilder({ page }).include('figure.diagram').withTags(WCAG).analyze();
      for (const violation of violations) failures.push(`${chapter.id}: ${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`);
    }
    expect(failures).toEqual([]);
    await context.close();
  });
}

test('at 360 px the figures fit or scroll inside a focusable region, never the page', async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 360, height: 800 } });
  const page = await context.newPage();
  for (const chapter of chapters) {
    await page.goto(`${siteUrl()}chapters/${chapter.id}/`);
    expect(await page.evaluate(() => document.documentElement.scrollWidth), chapter.id).toBeLessThanOrEqual(360);
    // The overflow helper runs when the page is idle; a wide figure must then be a named tab stop. Poll until it has.
    await expect
      .poll(
        () =>
          page
            .locator('.diagram-panels')
            .evaluateAll(
              (boxes) =>
                boxes.filter((box) => box.scrollWidth > box.clientWidth + 1 && (box as HTMLElement).tabIndex !== 0 && !box.getAttribute('aria-label')).length,
            ),
        { message: chapter.id, timeout: 10_000 },
      )
      .toBe(0);
  }
  await context.close();
});

for (const theme of ['light', 'dark'] as const) {
  test(`printed from the ${theme} theme, a chapter's figures are whole, on the page and in light ink`, async ({ browser }) => {
    const context = await browser.newContext({ colorScheme: theme });
    const page = await context.newPage();
    await page.goto(`${siteUrl()}chapters/quadratic-cost/`);
    await page.emulateMedia({ media: 'print', colorScheme: theme });
    const width = await page.evaluate(() => document.documentElement.clientWidth);
    const figures = page.locator('figure.diagram');
    expect(await figures.count()).toBeGreaterThan(1);
    for (const figure of await figures.all()) {
      await expect(figure).toBeVisible();
      for (const svg of await figure.locator('svg[role="img"]').all()) {
        const box = (await svg.boundingBox())!;
        expect(box.width).toBeGreaterThan(100);
        expect(box.x + box.width).toBeLessThanOrEqual(width);
      }
    }
    // Print forces the light colour scheme, so a figure drawn for a dark screen prints in the light theme's colours.
    const stroke = await page
      .locator('figure.diagram .fig-shape.is-attention, figure.diagram .fig-cell.is-score')
      .first()
      .evaluate((element) => getComputedStyle(element).stroke);
    expect(stroke).toBe('rgb(0, 114, 178)');
    await context.close();
  });
}

test('the chain-and-waves stepper: the last tick without JavaScript, and stepped by keyboard with it', async ({ browser }) => {
  const path = `${siteUrl()}chapters/sequential-computation/`;
  const still = await browser.newContext({ javaScriptEnabled: false });
  const stillPage = await still.newPage();
  await stillPage.goto(path);
  const staticFigure = stillPage.locator('#figure-wave-stepper');
  await expect(staticFigure.locator('.wave-stepper-status')).toHaveText(
    /^Tick 8 of 8: the RNN has finished all 8 steps, attention has finished all 64 scores\./,
  );
  await expect(staticFigure.locator('.wave-stepper-controls')).toBeHidden();
  await expect(staticFigure.locator('svg[role="img"]')).toHaveCount(2);
  await still.close();

  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(path);
  const figure = page.locator('#figure-wave-stepper');
  await figure.scrollIntoViewIfNeeded();
  const status = figure.locator('.wave-stepper-status');
  await expect(status).toHaveText(/^Tick 0 of 8:/);
  await figure.getByRole('button', { name: 'Next tick' }).focus();
  await page.keyboard.press('Enter');
  await page.keyboard.press('Enter');
  await expect(status).toHaveText(/^Tick 2 of 8: the RNN has computed 2 of 8 states, attention has 32 of 64 scores\./);
  await expect(figure.locator('.fig-cell.is-active')).toHaveCount(16);
  const slider = figure.getByRole('slider');
  await slider.focus();
  await slider.fill('20');
  await expect(status).toHaveText(/^Tick 0 of 25: .* At T = 20 the scores take 25 waves, more than the chain's 20 ticks/);
  await context.close();
});
