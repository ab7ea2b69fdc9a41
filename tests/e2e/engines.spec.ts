import { expect, test, type BrowserContext, type Frame, type Page } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { sha384Integrity, siteUrl } from '../support/site';
import { buildWikis, serveWiki, WIKI_EMBEDS, type BuiltWiki } from '../engines/wikis';

// Real docs engines (tests/engines/), each a small wiki that embeds a chapter and an experiment and
// adds host.js as the lesson's embedding page says. A team's reader reaches a page directly or
// through the engine's client-side router; either way the embeds must end up sized to their content.

test.describe.configure({ mode: 'serial' });

let wikis: BuiltWiki[] = [];
test.beforeAll(async () => {
  // The first run on a machine installs the engines and builds the wikis (a minute or two); later runs reuse them.
  test.setTimeout(600_000);
  wikis = await buildWikis();
});

/** Every console error and CSP violation, in the wiki and in the lesson's frames. */
async function watch(context: BrowserContext, page: Page): Promise<string[]> {
  const problems: string[] = [];
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) =>
      console.error(`CSP violation: ${event.violatedDirective} blocked ${event.blockedURI} in ${location.href}`),
    );
  });
  page.on('console', (message) => message.type() === 'error' && problems.push(`${message.location().url}: ${message.text()}`));
  page.on('pageerror', (error) => problems.push(error.message));
  return problems;
}

function lessonFrame(page: Page, path: string): Frame | undefined {
  return page.frames().find((frame) => frame.url().includes(path));
}

/** The iframe's height on the wiki page, and how far its page could still scroll inside it. */
async function embedState(page: Page, path: string): Promise<{ height: number; overflow: number } | undefined> {
  const frame = lessonFrame(page, path);
  if (!frame) return undefined;
  const height = await page.locator(`iframe[src*="${path}"]`).evaluate((iframe) => iframe.getBoundingClientRect().height);
  const overflow = await frame.evaluate(() => document.documentElement.scrollHeight - document.documentElement.clientHeight).catch(() => Infinity);
  return { height, overflow };
}

/** Waits until the embed at `path` has been resized from its snippet height to its content: no inner scroll bar. */
async function expectSized(page: Page, path: string): Promise<void> {
  await expect(page.locator(`iframe[src*="${path}"]`)).toHaveAttribute('style', /height:\s*\d+px/, { timeout: 15_000 });
  await expect.poll(async () => (await embedState(page, path))?.overflow, { timeout: 15_000 }).toBeLessThanOrEqual(1);
  await expect(lessonFrame(page, path)!.locator('html')).toHaveClass(/\bembed-resized\b/);
}

for (const engine of ['vitepress', 'astro'] as const) {
  test.describe(`in ${engine === 'vitepress' ? 'a VitePress' : 'an Astro (client router)'} wiki`, () => {
    let wiki: Awaited<ReturnType<typeof serveWiki>>;
    let built: BuiltWiki;
    test.beforeAll(async () => {
      built = wikis.find((candidate) => candidate.engine === engine)!;
      const integrity = sha384Integrity(await readFile('dist/embed/host.js'));
      wiki = await serveWiki(built, { hostScript: `${siteUrl()}embed/host.js`, integrity });
    });
    test.afterAll(async () => {
      await wiki?.close();
    });

    test('a direct load sizes the chapter and the experiment to their content', async ({ context, page }) => {
      const problems = await watch(context, page);
      await page.goto(`${wiki.url}${built.pages.chapter}`);
      await expectSized(page, WIKI_EMBEDS.chapter);
      await page.goto(`${wiki.url}${built.pages.experiment}`);
      await expectSized(page, WIKI_EMBEDS.experiment);
      expect(problems).toEqual([]);
    });

    test('client-side navigation, there and back, sizes every embed it brings in', async ({ context, page }) => {
      const problems = await watch(context, page);
      await page.goto(`${wiki.url}${built.pages.home}`);
      // A flag on the window survives client-side navigation only: a reload would drop it.
      await page.evaluate(() => ((window as unknown as { sameDocument: boolean }).sameDocument = true));
      const stillSameDocument = () => page.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument === true);
      const nav = (name: string) => page.locator(engine === 'vitepress' ? '.VPSidebar' : 'nav').getByRole('link', { name, exact: true });

      await nav('Chapter').click();
      await expect(page).toHaveURL(new RegExp(`${built.pages.chapter.replace(/[.]/g, '\\.')}$`));
      await expectSized(page, WIKI_EMBEDS.chapter);
      await nav('Experiment').click();
      await expectSized(page, WIKI_EMBEDS.experiment);
      await nav('Home').click();
      await expect(page.locator('iframe[data-lesson-embed]')).toHaveCount(0);
      // Back through the history, to the experiment and then the chapter, still without a reload.
      await page.goBack();
      await expectSized(page, WIKI_EMBEDS.experiment);
      await page.goBack();
      await expectSized(page, WIKI_EMBEDS.chapter);
      expect(await stillSameDocument()).toBe(true);
      expect(problems).toEqual([]);
    });

    test('a theme switch inside the lesson still leaves the embed sized to its content', async ({ context, page }) => {
      const problems = await watch(context, page);
      await page.emulateMedia({ colorScheme: 'light' });
      await page.goto(`${wiki.url}${built.pages.chapter}`);
      await expectSized(page, WIKI_EMBEDS.chapter);
      const frame = lessonFrame(page, WIKI_EMBEDS.chapter)!;
      const background = () => frame.evaluate(() => getComputedStyle(document.body).backgroundColor);
      const light = await background();
      const lightHeight = (await embedState(page, WIKI_EMBEDS.chapter))!.height;
      // The embed follows the system theme (no ?theme=); switch it, then make its content taller
      // than before, so the host must resize again, and check it did.
      await page.emulateMedia({ colorScheme: 'dark' });
      await expect.poll(background).not.toBe(light);
      await frame.evaluate(() => document.querySelector('main')!.insertAdjacentHTML('beforeend', '<div style="height: 400px"></div>'));
      await expect.poll(async () => (await embedState(page, WIKI_EMBEDS.chapter))!.height).toBeGreaterThanOrEqual(lightHeight + 400);
      await expect.poll(async () => (await embedState(page, WIKI_EMBEDS.chapter))!.overflow).toBeLessThanOrEqual(1);
      expect(problems).toEqual([]);
    });
  });
}
