// What a docs site is expected to have: robots.txt naming the sitemap, Open Graph and
// Twitter cards with a real image, a 404 page kept out of search results, chapter dates.
import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { chapterSources, siteUrl, subpathUrl } from '../support/site';
import { SUBPATH_BASE } from '../support/global-setup.mjs';
import { formatUpdated, lastUpdated } from '../../src/utils/last-updated';

// The builds' SITE_URL (npm run build:local), which their absolute URLs carry.
const SITE = 'http://localhost:4321';

for (const [dist, base] of [
  ['dist', '/'],
  ['dist-subpath', SUBPATH_BASE],
] as const) {
  test(`${dist}/robots.txt names the sitemap under the build's SITE_URL and base`, () => {
    const robots = readFileSync(`${dist}/robots.txt`, 'utf8');
    expect(robots).toMatch(/^User-agent: \*$/m);
    expect(robots.match(/^Sitemap: (.+)$/m)?.[1]).toBe(`${SITE}${base}sitemap-index.xml`);
    // And that sitemap exists and lists this build's pages.
    expect(readFileSync(`${dist}/sitemap-index.xml`, 'utf8')).toContain(`<loc>${SITE}${base}sitemap-0.xml</loc>`);
  });
}

async function meta(page: Page, key: string): Promise<string | null> {
  const element = page.locator(`head meta[property="${key}"], head meta[name="${key}"]`);
  return (await element.count()) === 1 ? element.getAttribute('content') : null;
}

/** Width and height from a PNG's IHDR chunk. */
function pngSize(bytes: Buffer): { width: number; height: number } {
  expect(bytes.subarray(0, 8).toString('latin1')).toBe('\x89PNG\r\n\x1a\n');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

for (const [name, root, path, card] of [
  ['a chapter', siteUrl, 'chapters/quadratic-cost/', 'quadratic-cost'],
  ['the start page', siteUrl, '', 'lesson'],
  ['the search page', siteUrl, 'search/', 'lesson'],
  ['a chapter under the sub-path', subpathUrl, 'chapters/summary/', 'summary'],
  ['an embedded chapter', siteUrl, 'embed/summary/', 'summary'],
] as const) {
  test(`${name} has Open Graph and Twitter card tags whose image is a 1200×630 PNG`, async ({ page, request }) => {
    await page.goto(`${root()}${path}`);
    const title = await page.title();
    const description = await page.locator('head meta[name="description"]').getAttribute('content');
    const canonical = await page.locator('head link[rel="canonical"]').getAttribute('href');
    expect(await meta(page, 'og:title')).toBe(title);
    expect(await meta(page, 'twitter:title')).toBe(title);
    expect(await meta(page, 'og:description')).toBe(description);
    expect(await meta(page, 'twitter:description')).toBe(description);
    expect(await meta(page, 'og:url')).toBe(canonical);
    expect(await meta(page, 'og:type')).toBe(path.startsWith('chapters/') ? 'article' : 'website');
    expect(await meta(page, 'twitter:card')).toBe('summary_large_image');
    const image = await meta(page, 'og:image');
    expect(await meta(page, 'twitter:image')).toBe(image);
    expect(await meta(page, 'og:image:alt')).toBeTruthy();
    // Absolute under SITE_URL and the build's base; fetched here from the test server at the same path.
    const imageUrl = new URL(image!);
    expect(imageUrl.origin).toBe(SITE);
    expect(imageUrl.pathname).toBe(`${new URL(root()).pathname}social/${card}.png`);
    const response = await request.get(new URL(imageUrl.pathname, root()).href);
    expect(response.status()).toBe(200);
    expect(pngSize(await response.body())).toEqual({ width: 1200, height: 630 });
  });
}

test('the 404 page is noindex, with no canonical link', async ({ page }) => {
  const response = await page.goto(`${siteUrl()}no-such-page/`);
  expect(response?.status()).toBe(404);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Page not found');
  expect(await meta(page, 'robots')).toBe('noindex');
  await expect(page.locator('head link[rel="canonical"]')).toHaveCount(0);
  expect(await meta(page, 'og:url')).toBeNull();
});

for (const chapter of chapterSources()) {
  test(`chapter "${chapter.id}" shows when its file last changed, from git history (none where history is missing or shallow)`, async ({ page }) => {
    await page.goto(`${siteUrl()}chapters/${chapter.id}/`);
    const expected = lastUpdated(`content/${chapter.file}`);
    const time = page.locator('.chapter-header time');
    if (expected === undefined) {
      await expect(time).toHaveCount(0);
      return;
    }
    await expect(time).toHaveAttribute('datetime', expected);
    await expect(page.locator('.chapter-header')).toContainText(`Last updated ${formatUpdated(expected)}`);
    expect(await meta(page, 'article:modified_time')).toBe(expected);
  });
}

test('the footer says which licence covers the prose and which the code', async ({ page }) => {
  await page.goto(`${siteUrl()}chapters/summary/`);
  const footer = page.getByRole('contentinfo');
  await expect(footer.getByRole('link', { name: 'CC BY 4.0' })).toHaveAttribute('href', 'https://creativecommons.org/licenses/by/4.0/');
  await expect(footer.getByRole('link', { name: 'MIT License' })).toHaveAttribute('href', /\/blob\/[^/]+\/LICENSE$/);
  await expect(footer).toContainText(/text is released under CC BY 4\.0; its code [\s\S]* under the MIT License/);
  const license = readFileSync('LICENSE', 'utf8');
  expect(license).toContain('CC BY 4.0');
  expect(license).toContain('MIT License');
});
