import { expect, test } from '@playwright/test';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { chapterSources, siteUrl } from '../support/site';

const chapters = chapterSources();

test('the lesson has the seven chapters in order', () => {
  expect(chapters.map((chapter) => chapter.order)).toEqual([1, 2, 3, 4, 5, 6, 7]);
});

for (const [index, chapter] of chapters.entries()) {
  test(`chapter "${chapter.id}" renders its title, formulas and navigation`, async ({ page }) => {
    await page.goto(`${siteUrl()}chapters/${chapter.id}/`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(chapter.title);
    await expect(page).toHaveTitle(new RegExp(`^${escapeRegExp(chapter.title)} · `));
    expect(await page.locator('.katex').count()).toBeGreaterThan(0);
    await expect(page.locator('.katex-error')).toHaveCount(0);

    const sidebar = page.getByRole('navigation', { name: 'Chapters' });
    await expect(sidebar.locator('a[aria-current="page"]')).toHaveCount(1);
    await expect(sidebar.locator('a[aria-current="page"]')).toHaveAttribute('href', new RegExp(`/chapters/${chapter.id}/$`));

    const pager = page.getByRole('navigation', { name: 'Previous and next chapter' });
    const previous = chapters[index - 1];
    const next = chapters[index + 1];
    if (previous) await expect(pager.getByRole('link', { name: new RegExp(`Previous`) })).toHaveAttribute('href', new RegExp(`/chapters/${previous.id}/$`));
    else await expect(pager.getByRole('link', { name: /Previous/ })).toHaveCount(0);
    if (next) await expect(pager.getByRole('link', { name: /Next/ })).toHaveAttribute('href', new RegExp(`/chapters/${next.id}/$`));
    else await expect(pager.getByRole('link', { name: /Next/ })).toHaveCount(0);

    await expect(page.getByRole('link', { name: 'Edit this page' })).toHaveAttribute('href', new RegExp(`/edit/[^/]+/content/${chapter.file}$`));
    await expect(page.getByRole('link', { name: 'Report an error' })).toHaveAttribute('href', /\/issues\/new\?template=report-an-error\.yml&/);
    await expect(page.getByRole('contentinfo')).toContainText('CC BY 4.0');

    // Every in-page table-of-contents entry and heading anchor points at a heading on this page.
    const fragments = await page.locator('.toc a, a.heading-anchor').evaluateAll((links) => links.map((link) => link.getAttribute('href')));
    expect(fragments.length).toBeGreaterThan(0);
    for (const fragment of fragments) {
      expect(fragment).toMatch(/^#./);
      await expect(page.locator(`[id="${fragment!.slice(1)}"]`)).toHaveCount(1);
    }
  });
}

test('the home page lists every chapter in order', async ({ page }) => {
  await page.goto(siteUrl());
  const titles = await page.locator('.chapter-list > li > a').allTextContents();
  expect(titles).toEqual(chapters.map((chapter) => chapter.title));
});

test('the built site has no KaTeX error markup and no KaTeX script', () => {
  const htmlFiles = listFiles('dist').filter((file) => file.endsWith('.html'));
  expect(htmlFiles.length).toBeGreaterThanOrEqual(chapters.length);
  for (const file of htmlFiles) {
    const html = readFileSync(file, 'utf8');
    expect(html, file).not.toContain('katex-error');
    expect(html, file).not.toMatch(/<script[^>]+katex/i);
  }
  // KaTeX's fonts are served from the site itself.
  expect(listFiles('dist/_astro').some((file) => /KaTeX_Main-Regular.*\.woff2$/.test(file))).toBe(true);
});

test('WGSL code is highlighted at build time', async ({ page }) => {
  await page.goto(`${siteUrl()}chapters/sequential-computation/`);
  const block = page.locator('.kernel-source pre.astro-code[data-language="wgsl"]').first();
  await expect(block).toBeVisible();
  await expect(block).toContainText('fn elman_step');
  expect(await block.locator('span[style*="--shiki-dark"]').count()).toBeGreaterThan(10);
});

function listFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? listFiles(path) : [path];
  });
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

test('in an embedded chapter, a citation scrolls inside the frame, and a link to another page opens a new tab', async ({ page, context }) => {
  // A host page on the lesson's origin, with a frame too short for the chapter (no host.js, so it keeps that height and scrolls).
  await page.goto(siteUrl());
  await page.setContent(`<iframe title="Embedded chapter" src="${siteUrl()}embed/summary/" style="width: 800px; height: 400px"></iframe>`);
  const frame = page.frameLocator('iframe');
  const citation = frame.locator('a.cite').first();
  await expect(citation).toBeVisible();
  const fragment = (await citation.getAttribute('href'))!;
  expect(fragment).toMatch(/^#./);
  await expect(citation).not.toHaveAttribute('target', /.+/);
  const opened: string[] = [];
  context.on('page', (other) => opened.push(other.url()));
  await citation.click();
  const embedded = page.frames().find((candidate) => candidate.url().includes('/embed/summary/'))!;
  await expect.poll(() => new URL(embedded.url()).hash).toBe(fragment);
  await expect(frame.locator(`[id="${fragment.slice(1)}"]`)).toBeInViewport();
  expect(await embedded.evaluate(() => window.scrollY)).toBeGreaterThan(0);
  expect(opened).toEqual([]);

  // A link out of the chapter (here, to an experiment in another chapter) opens a new tab; the frame stays.
  const outward = frame.locator('.prose a[href*="/chapters/"]').first();
  await expect(outward).toHaveAttribute('target', '_blank');
  const [tab] = await Promise.all([context.waitForEvent('page'), outward.click()]);
  await tab.waitForLoadState();
  expect(new URL(tab.url()).pathname).toMatch(/\/chapters\//);
  expect(new URL(embedded.url()).pathname).toBe('/embed/summary/');
  await tab.close();
  // Links to other sites open a new tab too.
  for (const target of await frame.locator('.prose a[href^="http"]').evaluateAll((links) => links.map((link) => link.getAttribute('target')))) {
    expect(target).toBe('_blank');
  }
});
