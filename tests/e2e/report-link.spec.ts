import { expect, test, type Page } from '@playwright/test';
import { siteUrl } from '../support/site';

// The "Report an error" link names the chapter and page without JavaScript; with it, also the section
// of the text the reader selected, or of the heading they followed.
const reportLink = (page: Page) => page.locator('a[data-report-error]');
const sectionOf = async (page: Page) => new URL((await reportLink(page).getAttribute('href'))!).searchParams.get('section');

test('without a selection the link names the chapter and the page, and no section', async ({ page }) => {
  await page.goto(`${siteUrl()}chapters/summary/`);
  const url = new URL((await reportLink(page).getAttribute('href'))!);
  expect(url.searchParams.get('template')).toBe('report-an-error.yml');
  expect(url.searchParams.get('chapter')).toBe(await page.getByRole('heading', { level: 1 }).textContent());
  expect(url.searchParams.get('url')).toMatch(/\/chapters\/summary\/$/);
  expect(url.searchParams.has('section')).toBe(false);
  await expect(reportLink(page)).toHaveText('Report an error');
});

test('selecting text names its section, and a click that collapses the selection keeps it', async ({ page }) => {
  await page.goto(`${siteUrl()}chapters/summary/`);
  const heading = page.locator('.prose h2').nth(1);
  const headingText = (await heading.textContent())!.trim();
  // Select the paragraph after the second heading, as a reader would with the mouse.
  await heading.locator('xpath=following-sibling::p[1]').selectText();
  await expect(reportLink(page)).toHaveText(`Report an error in “${headingText}”`);
  expect(await sectionOf(page)).toBe(headingText);
  // A click (as on the link itself) collapses the selection, here in another section; the section stays.
  await page.locator('.prose h2').first().locator('xpath=following-sibling::p[1]').click();
  expect(await page.evaluate(() => document.getSelection()?.isCollapsed)).toBe(true);
  expect(await sectionOf(page)).toBe(headingText);
});

test('following a heading link names that section', async ({ page }) => {
  await page.goto(`${siteUrl()}chapters/summary/`);
  const heading = page.locator('.prose h2').first();
  const id = await heading.getAttribute('id');
  await page.goto(`${siteUrl()}chapters/summary/#${id}`);
  expect(await sectionOf(page)).toBe((await heading.textContent())!.trim());
});
