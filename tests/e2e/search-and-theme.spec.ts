import { expect, test } from '@playwright/test';
import { chapterSources, siteUrl } from '../support/site';

test('search finds a term that only one chapter uses', async ({ page }) => {
  const term = 'hungry';
  const holders = chapterSources().filter((chapter) => chapter.body.toLowerCase().includes(term));
  // Guard the guard: the term must really be unique to one chapter, or this test proves nothing.
  expect(holders.map((chapter) => chapter.id)).toEqual(['long-range-dependencies']);

  await page.goto(siteUrl());
  await page.getByRole('searchbox', { name: 'Search the lesson' }).fill(term);
  await page.getByRole('search').getByRole('button', { name: 'Search' }).click();
  await expect(page).toHaveURL(/\/search\/\?q=hungry$/);
  await expect(page.getByRole('status')).toHaveText(/1 chapter matches/);
  const results = page.locator('.search-results li');
  await expect(results).toHaveCount(1);
  await expect(results.getByRole('link')).toHaveAttribute('href', /\/chapters\/long-range-dependencies\/$/);
  await expect(results.locator('mark').first()).toHaveText(/hungry/i);
});

test('a search query from the URL is shown as text, never as HTML', async ({ page }) => {
  await page.goto(`${siteUrl()}search/?q=${encodeURIComponent('<img src=x onerror="window.pwned=1">')}`);
  await expect(page.getByRole('status')).toContainText('<img src=x');
  expect(await page.evaluate(() => (window as unknown as { pwned?: number }).pwned)).toBeUndefined();
  await expect(page.locator('main img')).toHaveCount(0);
});

test('the theme follows the system until the reader picks one, and the choice survives a reload', async ({ browser }) => {
  const context = await browser.newContext({ colorScheme: 'dark' });
  const page = await context.newPage();
  await page.goto(`${siteUrl()}chapters/summary/`);
  const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBeUndefined();
  const systemDark = await background();

  const picker = page.getByRole('combobox', { name: 'Colour theme' });
  await expect(picker).toHaveValue('auto');
  await picker.selectOption('light');
  expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('light');
  const light = await background();
  expect(light).not.toBe(systemDark);

  await page.reload();
  expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('light');
  await expect(picker).toHaveValue('light');
  expect(await background()).toBe(light);

  await picker.selectOption('auto');
  await page.reload();
  expect(await background()).toBe(systemDark);
  await context.close();
});

test('the stored theme is applied while the page is parsed, before any deferred script runs', async ({ browser }) => {
  const context = await browser.newContext({ colorScheme: 'light' });
  await context.addInitScript(() => localStorage.setItem('theme', 'dark'));
  const page = await context.newPage();
  // Read the theme as soon as <body> exists, before any module script has run.
  await page.addInitScript(() => {
    document.addEventListener('readystatechange', () => {
      if (document.readyState === 'interactive') (window as unknown as { earlyTheme?: string }).earlyTheme = document.documentElement.dataset.theme;
    });
  });
  await page.goto(siteUrl());
  expect(await page.evaluate(() => (window as unknown as { earlyTheme?: string }).earlyTheme)).toBe('dark');
  await context.close();
});
