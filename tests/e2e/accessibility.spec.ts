import { existsSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { sitemapPaths, siteUrl } from '../support/site';

// Every page in the sitemap, in both themes, to WCAG 2.2 AA. Exemptions need a comment saying why; there are none.
const WCAG = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

// One test per page and theme, so a failure names its page and a slow machine times out one page, not the crawl.
// The pages the sitemap leaves out (see src/integrations/sitemap-filter.ts) are pages too.
const UNLISTED = ['search/', 'components/', '404.html'];
const paths = existsSync('dist/sitemap-0.xml') ? [...sitemapPaths('dist'), ...UNLISTED] : [];

test('the built site has pages to scan', () => {
  expect(paths.length, 'dist/ has no sitemap: build the site first ("npm test" does)').toBeGreaterThan(0);
});

for (const theme of ['light', 'dark'] as const) {
  for (const path of paths) {
    test(`axe finds no WCAG 2.2 AA violation on /${path} in the ${theme} theme`, async ({ browser }) => {
      test.setTimeout(120_000);
      const context = await browser.newContext({ colorScheme: theme });
      const page = await context.newPage();
      await page.goto(`${siteUrl()}${path}`);
      // Bring every island to life, so its hydrated markup is what gets scanned.
      await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
      await page.waitForLoadState('networkidle');
      const { violations } = await new AxeBuilder({ page }).withTags(WCAG).analyze();
      const failures = violations.map(
        (violation) =>
          `${violation.id} (${violation.impact}): ${violation.help}\n    ${violation.nodes
            .map((node) => node.target.join(' '))
            .slice(0, 5)
            .join('\n    ')}`,
      );
      expect(failures.join('\n')).toBe('');
      await context.close();
    });
  }
}

test('an experiment with its results, plot and table has no violation', async ({ page }) => {
  await page.goto(`${siteUrl()}chapters/quadratic-cost/?quadratic-cost.maxT=32&quadratic-cost.width=8`);
  const frame = page.locator('.experiment-frame').first();
  await frame.scrollIntoViewIfNeeded();
  await expect(frame).toHaveAttribute('data-backend', 'webgpu');
  await frame.getByRole('button', { name: /^Run/ }).click();
  await expect(frame).toHaveAttribute('data-status', 'done', { timeout: 60_000 });
  const { violations } = await new AxeBuilder({ page }).include('#experiment-quadratic-cost').withTags(WCAG).analyze();
  expect(violations.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`)).toEqual([]);
});

test('keyboard: every experiment control is reachable with Tab, in reading order, and Run works from the keyboard', async ({ page }) => {
  await page.goto(`${siteUrl()}chapters/sequential-computation/?parallelism.maxT=2&parallelism.width=4`);
  const frame = page.locator('#experiment-parallelism .experiment-frame');
  await frame.scrollIntoViewIfNeeded();
  await expect(frame).toHaveAttribute('data-backend', 'webgpu');
  // Run is disabled (and so skipped by Tab) until the run's estimate is ready.
  await expect(frame.getByRole('button', { name: /^Run/ })).toBeEnabled();
  await frame.getByRole('spinbutton', { name: 'Longest sequence T' }).focus();
  const order: string[] = [];
  for (let i = 0; i < 6; i++) {
    order.push(
      await page.evaluate(() => {
        const active = document.activeElement as HTMLElement;
        return (
          active.getAttribute('aria-label') ?? (active.id ? document.querySelector(`label[for="${active.id}"]`)?.textContent : null) ?? active.textContent ?? ''
        );
      }),
    );
    await page.keyboard.press('Tab');
  }
  expect(order.map((label) => label.trim())).toEqual([
    'Longest sequence T',
    'Hidden size d',
    'Also time the other RNN variants',
    'Run sequential against parallel',
    'Copy the backend line',
    'Embed this experiment',
  ]);
  await frame.getByRole('button', { name: /^Run/ }).focus();
  await page.keyboard.press('Enter');
  await expect(frame).toHaveAttribute('data-status', 'done', { timeout: 60_000 });
  await expect(frame.getByRole('status').first()).toContainText('Finished');
});
