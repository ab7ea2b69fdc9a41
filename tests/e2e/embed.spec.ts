import { expect, test, type Page } from '@playwright/test';
import { mkdtemp, writeFile, readdir, readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startStaticServer } from '../support/static-server.mjs';
import { chapterSources, sha384Integrity, siteUrl, subpathUrl } from '../support/site';
import { iframeSnippet } from '../../src/utils/embed';
import { experiments } from '../../src/experiments/registry';

// A host page on a second localhost origin embeds the lesson, as a team's wiki would.

async function hostPage(html: string): Promise<{ url: string; close: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'embed-host-'));
  await writeFile(
    join(dir, 'index.html'),
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>Host wiki</title></head><body>${html}</body></html>`,
  );
  const server = await startStaticServer({ root: dir });
  return { url: `${server.url}index.html`, close: server.close };
}

/**
 * A recorder for host pages: every message the page receives, with its origin, lands in
 * window.received. A page (or a frame in it) that posts { marker } after other messages proves, once
 * the marker is recorded, that those earlier messages from the same window were handled: messages
 * from one window to another arrive in order. That replaces waiting a fixed time before a negative check.
 */
const RECORDER = `<script>window.received = []; addEventListener('message', (event) => received.push({ origin: event.origin, data: event.data }));</script>`;

async function received(page: Page | import('@playwright/test').Frame): Promise<{ origin: string; data: { type?: string; marker?: string } }[]> {
  return page.evaluate(() => (window as unknown as { received: never[] }).received);
}

function embedSnippet(lesson: string, path: string, height: number): string {
  return `<iframe src="${lesson}${path}" title="Embedded lesson" width="100%" height="${height}" style="border:0;width:100%" data-lesson-embed></iframe>`;
}

/** The snippet the lesson hands out: the frame, and host.js with the integrity of the file the build wrote. */
async function lessonSnippet(lesson: string, path: string, height: number, scriptFrom = lesson): Promise<string> {
  const integrity = sha384Integrity(await readFile('dist/embed/host.js'));
  // Eager, so the tests need not scroll a frame into view before it loads.
  return iframeSnippet({
    src: `${lesson}${path}`,
    title: 'Embedded lesson',
    height,
    hostScript: `${scriptFrom}embed/host.js`,
    hostScriptIntegrity: integrity,
  }).replace(' loading="lazy"', '');
}

/** Whether the page inside a frame can still be scrolled to its end, and what its body looks like. */
async function innerState(page: Page, path: string) {
  const inner = page.frames().find((frame) => frame.url().includes(path))!;
  return inner.evaluate(() => {
    const root = document.documentElement;
    window.scrollTo({ top: root.scrollHeight, behavior: 'instant' }); // not the site's smooth scrolling
    return {
      overflow: root.scrollHeight - root.clientHeight,
      scrolledTo: window.scrollY,
      resizedClass: root.classList.contains('embed-resized'),
      bodyStyle: document.body.getAttribute('style'),
    };
  });
}

async function frameHeight(page: Page, index = 0): Promise<number> {
  return page
    .locator('iframe[data-lesson-embed]')
    .nth(index)
    .evaluate((iframe) => iframe.getBoundingClientRect().height);
}

for (const [label, lesson] of [
  ['at the site root', () => siteUrl()],
  ['under BASE_PATH', () => subpathUrl()],
] as const) {
  test.describe(`embedding ${label}`, () => {
    test('a chapter loads in a frame on another origin, sized to its content with no inner scroll bar', async ({ page }) => {
      const host = await hostPage(await lessonSnippet(lesson(), 'embed/long-range-dependencies/', 300));
      try {
        await page.goto(host.url);
        const frame = page.frameLocator('iframe[data-lesson-embed]');
        await expect(frame.getByRole('heading', { level: 1 })).toHaveText('Limitation 3: long-range dependencies');
        await expect(frame.locator('.site-header, .sidebar, .site-footer')).toHaveCount(0);
        await expect(frame.getByRole('link', { name: /Open in the full lesson/ })).toHaveAttribute('href', /chapters\/long-range-dependencies\/$/);
        await expect.poll(() => frameHeight(page), { timeout: 10_000 }).toBeGreaterThan(1000);
        const inner = page.frames().find((f) => f.url().includes('/embed/long-range-dependencies/'))!;
        const { scrollHeight, clientHeight } = await inner.evaluate(() => ({
          scrollHeight: document.documentElement.scrollHeight,
          clientHeight: document.documentElement.clientHeight,
        }));
        expect(scrollHeight - clientHeight).toBeLessThanOrEqual(1);
        // The scroll bar goes once the host has resized the frame as asked.
        await expect(frame.locator('html')).toHaveClass(/\bembed-resized\b/);
      } finally {
        await host.close();
      }
    });

    test('an experiment runs inside the frame, which grows to fit its results', async ({ page }) => {
      const host = await hostPage(await lessonSnippet(lesson(), 'embed/experiment/parallelism/?parallelism.maxT=4&parallelism.width=8&theme=dark', 400));
      try {
        await page.goto(host.url);
        const frame = page.frameLocator('iframe[data-lesson-embed]');
        const experiment = frame.locator('.experiment-frame');
        await expect(experiment).toHaveAttribute('data-backend', 'webgpu');
        await expect(frame.getByRole('spinbutton', { name: 'Longest sequence T' })).toHaveValue('4');
        await expect(frame.locator('html')).toHaveAttribute('data-theme', 'dark');
        await expect.poll(() => frameHeight(page), { timeout: 10_000 }).toBeGreaterThan(400);
        const before = await frameHeight(page);
        await frame.getByRole('button', { name: /^Run/ }).click();
        await expect(experiment).toHaveAttribute('data-status', 'done', { timeout: 60_000 });
        await expect.poll(() => frameHeight(page), { timeout: 10_000 }).toBeGreaterThan(before + 200);
      } finally {
        await host.close();
      }
    });

    test('a forged resize message from a third origin changes nothing', async ({ page }) => {
      const forger = await hostPage(`<script>parent.postMessage({ type: 'iframe-resized', width: 10, height: 31337 }, '*');</script>`);
      const host = await hostPage(
        `${RECORDER}${embedSnippet(lesson(), 'embed/why-the-shift/', 300)}<iframe id="forger" title="forger" src="${forger.url}"></iframe><script src="${lesson()}embed/host.js" defer></script>`,
      );
      try {
        await page.goto(host.url);
        // The positive case: the lesson's own frame's messages are acted on.
        await expect.poll(() => frameHeight(page), { timeout: 10_000 }).toBeGreaterThan(300);
        const settled = await frameHeight(page);
        // The forger posts again, now that the host is listening, with a malformed message too, then a marker.
        await page
          .frameLocator('#forger')
          .locator('body')
          .evaluate(() => {
            parent.postMessage({ type: 'iframe-resized', width: 10, height: 31337 }, '*');
            parent.postMessage('iframe-resized:99999', '*');
            parent.postMessage({ marker: 'forger-done' }, '*');
          });
        await expect.poll(async () => (await received(page)).some((message) => message.data?.marker === 'forger-done')).toBe(true);
        expect(await frameHeight(page)).toBe(settled);
      } finally {
        await host.close();
        await forger.close();
      }
    });

    test('a sibling frame that posts iframe-child-init, with a selector and body styles, leaves the embed scrollable and unchanged', async ({ page }) => {
      // The sibling reaches the embed through the host's frames and posts the resizer's init message, as a hostile ad could.
      const sibling = await hostPage('<p>sibling</p>');
      const host = await hostPage(
        `${RECORDER}${embedSnippet(lesson(), 'embed/why-the-shift/', 300)}<iframe id="sibling" title="sibling" src="${sibling.url}"></iframe>`,
      );
      try {
        await page.goto(host.url);
        await expect(page.frameLocator('iframe[data-lesson-embed]').getByRole('heading', { level: 1 })).toBeVisible();
        await expect(page.frameLocator('#sibling').getByText('sibling')).toBeVisible();
        const inner = page.frames().find((frame) => frame.url().includes('/embed/why-the-shift/'))!;
        // The embed records what reaches it, so the test knows when the sibling's messages were handled.
        await inner.evaluate(() => {
          (window as unknown as { received: unknown[] }).received = [];
          addEventListener('message', (event) => (window as unknown as { received: unknown[] }).received.push({ origin: event.origin, data: event.data }));
        });
        await page
          .frameLocator('#sibling')
          .locator('body')
          .evaluate(() => {
            for (let i = 0; i < 20; i++) {
              parent.frames[0]!.postMessage(
                { type: 'iframe-child-init', targetElementSelector: '.embed-backlink', bodyPadding: '0 0 5000px', bodyMargin: '900px' },
                '*',
              );
            }
            parent.frames[0]!.postMessage({ marker: 'sibling-done' }, '*');
          });
        await expect.poll(async () => (await received(inner)).some((message) => message.data?.marker === 'sibling-done')).toBe(true);
        const state = await innerState(page, '/embed/why-the-shift/');
        expect(state.resizedClass).toBe(false);
        expect(state.bodyStyle).toBeNull();
        expect(state.overflow).toBeGreaterThan(0);
        expect(state.scrolledTo).toBeGreaterThanOrEqual(state.overflow - 1); // scroll positions round to device pixels
        expect((await received(page)).filter((message) => message.data?.type === 'iframe-resized')).toEqual([]);
        // The positive case: the same init from the embed's parent starts its reports.
        await page.evaluate(() => document.querySelector('iframe')!.contentWindow!.postMessage({ type: 'iframe-child-init' }, '*'));
        await expect.poll(async () => (await received(page)).filter((message) => message.data?.type === 'iframe-resized').length).toBeGreaterThan(0);
        expect(await frameHeight(page)).toBe(300);
      } finally {
        await host.close();
        await sibling.close();
      }
    });
  });
}

test('host.js from another origin than the frame cannot resize it, so the frame keeps its scroll bar instead of clipping', async ({ page }) => {
  // Two frames, one from the root build and one from the sub-path build; the script comes from the
  // sub-path build. host.js serves frames of its own origin only.
  const host = await hostPage(`${RECORDER}${embedSnippet(siteUrl(), 'embed/why-the-shift/', 300)}${await lessonSnippet(subpathUrl(), 'embed/summary/', 300)}`);
  try {
    await page.goto(host.url);
    await expect(page.frameLocator('iframe[data-lesson-embed]').first().getByRole('heading', { level: 1 })).toBeVisible();
    // The positive case: host.js ran (its integrity check and CORS passed) and resized its own origin's frame.
    await expect.poll(() => frameHeight(page, 1), { timeout: 10_000 }).toBeGreaterThan(300);
    // The other frame was never greeted: it has reported nothing by the time a marker it posts arrives.
    const other = page.frames().find((frame) => frame.url().includes('/embed/why-the-shift/'))!;
    await other.evaluate(() => parent.postMessage({ marker: 'other-done' }, '*'));
    await expect.poll(async () => (await received(page)).some((message) => message.data?.marker === 'other-done')).toBe(true);
    const rootOrigin = new URL(siteUrl()).origin;
    expect((await received(page)).filter((message) => message.origin === rootOrigin && message.data?.type === 'iframe-resized')).toEqual([]);
    const state = await innerState(page, '/embed/why-the-shift/');
    expect(await frameHeight(page, 0)).toBe(300);
    expect(state.resizedClass).toBe(false);
    expect(state.overflow).toBeGreaterThan(0);
    expect(state.scrolledTo).toBeGreaterThanOrEqual(state.overflow - 1); // scroll positions round to device pixels
  } finally {
    await host.close();
  }
});

test('a page framing a wiki that uses host.js learns nothing from probing selectors, and changes nothing in the wiki', async ({ page }) => {
  // The wiki: host.js and a chapter embed, a hidden token, and an echo of markers from its parent
  // (the fixture's only listener) so the attacker knows when its probes were handled.
  const wiki = await hostPage(
    `<div id="secret" data-token="s3cr3t" hidden></div>${await lessonSnippet(siteUrl(), 'embed/why-the-shift/', 300)}` +
      `<script>addEventListener('message', (event) => { if (event.source === parent && event.data && event.data.marker) parent.postMessage({ marker: event.data.marker }, '*'); });</script>`,
  );
  // The attacker, on a third origin, frames the wiki and (to show its recorder works) a lesson embed page directly.
  const attacker = await hostPage(
    `${RECORDER}<iframe id="wiki" title="wiki" src="${wiki.url}" width="900" height="600"></iframe>` +
      `<iframe id="direct" title="direct" src="${siteUrl()}embed/summary/" width="900" height="300"></iframe>`,
  );
  const probe = (selector: string) => ({ type: 'iframe-child-init', targetElementSelector: selector, bodyPadding: '0 0 5000px', bodyMargin: '900px' });
  try {
    await page.goto(attacker.url);
    const wikiFrame = page.frames().find((frame) => frame.url() === wiki.url)!;
    await expect.poll(() => wikiFrame.locator('iframe[data-lesson-embed]').evaluate((iframe) => iframe.getBoundingClientRect().height)).toBeGreaterThan(300);
    const before = await wikiFrame.evaluate(() => ({ html: document.documentElement.outerHTML, body: getComputedStyle(document.body).cssText }));
    // The positive case: a page that answers the init message is heard by the attacker's recorder.
    await expect(page.frameLocator('#direct').getByRole('heading', { level: 1 })).toBeVisible();
    await page.evaluate((message) => (document.getElementById('direct') as HTMLIFrameElement).contentWindow!.postMessage(message, '*'), probe('#secret'));
    const directOrigin = new URL(siteUrl()).origin;
    await expect.poll(async () => (await received(page)).filter((message) => message.origin === directOrigin).length).toBeGreaterThan(0);
    // The probes: a matching selector, a missing one, and opaque-origin-shaped garbage, then a marker.
    await page.evaluate(
      (probes) => {
        const wikiWindow = (document.getElementById('wiki') as HTMLIFrameElement).contentWindow!;
        for (const message of probes) wikiWindow.postMessage(message, '*');
        wikiWindow.postMessage({ marker: 'probes-done' }, '*');
      },
      [probe('#secret[data-token^="s"]'), probe('#secret[data-token^="x"]'), probe('#no-such-element'), { type: 'iframe-resized', height: 5 }],
    );
    const wikiOrigin = new URL(wiki.url).origin;
    await expect.poll(async () => (await received(page)).some((message) => message.origin === wikiOrigin && message.data?.marker === 'probes-done')).toBe(true);
    expect((await received(page)).filter((message) => message.origin === wikiOrigin && message.data?.marker !== 'probes-done')).toEqual([]);
    const after = await wikiFrame.evaluate(() => ({ html: document.documentElement.outerHTML, body: getComputedStyle(document.body).cssText }));
    expect(after).toEqual(before);
  } finally {
    await attacker.close();
    await wiki.close();
  }
});

test('host.js follows the page: frames added later are sized, removed ones forgotten, and two copies (defer, async, module) act as one', async ({
  browser,
}) => {
  const context = await browser.newContext();
  // Counts the message listeners, and the observers of lesson iframes, that scripts in the host page register.
  await context.addInitScript(() => {
    if (location.pathname.includes('/embed/')) return;
    const counts = { message: 0, observers: 0 };
    (window as unknown as { hostCounts: typeof counts }).hostCounts = counts;
    const add = EventTarget.prototype.addEventListener;
    EventTarget.prototype.addEventListener = function (this: EventTarget, type: string, ...rest: never[]) {
      if (this === window && type === 'message') counts.message += 1;
      return add.call(this, type, ...(rest as [never]));
    } as typeof add;
    const observe = MutationObserver.prototype.observe;
    MutationObserver.prototype.observe = function (this: MutationObserver, target: Node, options?: MutationObserverInit) {
      if (options?.attributeFilter?.includes('data-lesson-embed')) counts.observers += 1;
      return observe.call(this, target, options);
    };
  });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (message) => message.type() === 'error' && errors.push(message.text()));
  page.on('pageerror', (error) => errors.push(error.message));
  const snippet = await lessonSnippet(siteUrl(), 'embed/why-the-shift/', 300);
  const script = snippet.match(/<script [^>]+><\/script>/)![0];
  const host = await hostPage(`${snippet}${script.replace(' defer', ' async')}${script.replace(' defer', ' type="module"')}<div id="later"></div>`);
  try {
    await page.goto(host.url);
    await expect.poll(() => frameHeight(page, 0), { timeout: 10_000 }).toBeGreaterThan(300);
    expect(await page.evaluate(() => (window as unknown as { hostCounts: object }).hostCounts)).toEqual({ message: 1, observers: 1 });
    // A frame the page adds later, as a docs engine's router does.
    await page.evaluate((html) => document.getElementById('later')!.insertAdjacentHTML('beforeend', html), embedSnippet(siteUrl(), 'embed/summary/', 200));
    await expect.poll(() => frameHeight(page, 1), { timeout: 10_000 }).toBeGreaterThan(200);
    // Removed and added again (a navigation away and back): sized again.
    await page.evaluate(() => {
      const frame = document.querySelectorAll('iframe')[1]!;
      const copy = frame.cloneNode() as HTMLIFrameElement;
      copy.style.height = '';
      frame.remove();
      document.getElementById('later')!.append(copy);
    });
    await expect.poll(() => frameHeight(page, 1), { timeout: 10_000 }).toBeGreaterThan(200);
    expect(errors).toEqual([]);
  } finally {
    await context.close();
    await host.close();
  }
});

test('theme parameters apply to embeds', async ({ browser }) => {
  const context = await browser.newContext({ colorScheme: 'dark' });
  const page = await context.newPage();
  const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  await page.goto(`${siteUrl()}embed/summary/?theme=light`);
  expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('light');
  const light = await background();
  await page.goto(`${siteUrl()}embed/summary/?theme=auto`);
  expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBeUndefined();
  expect(await background()).not.toBe(light);
  await page.goto(`${siteUrl()}embed/summary/?theme=<script>`);
  expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBeUndefined();
  await context.close();
});

test('every embeddable page has a valid oEmbed document that points at a page that exists', async ({ page, request }) => {
  const documents = [
    ...(await readdir('dist/oembed/chapters')).map((file) => `oembed/chapters/${file}`),
    ...(await readdir('dist/oembed/experiments')).map((file) => `oembed/experiments/${file}`),
  ];
  // One per chapter and one per experiment.
  expect(documents).toHaveLength(chapterSources().length + Object.keys(experiments).length);
  const integrity = sha384Integrity(await readFile('dist/embed/host.js'));
  for (const path of documents) {
    const document = JSON.parse(await readFile(join('dist', path), 'utf8'));
    expect(document, path).toMatchObject({
      version: '1.0',
      type: 'rich',
      provider_name: expect.any(String),
      width: expect.any(Number),
      height: expect.any(Number),
    });
    expect(document.html, path).toContain(`integrity="${integrity}" crossorigin="anonymous"`);
    expect(document.html, path).toContain('allow="clipboard-write"');
    const src = document.html.match(/<iframe src="([^"]+)"/)?.[1];
    expect(src, path).toBeTruthy();
    const target = new URL(src);
    expect(existsSync(join('dist', target.pathname, 'index.html')), `${path} → ${target.pathname}`).toBe(true);
    expect((await request.get(`${siteUrl()}${target.pathname.slice(1)}`)).status()).toBe(200);
  }
  // Pages advertise their oEmbed document for wikis that discover it.
  await page.goto(`${siteUrl()}chapters/summary/`);
  await expect(page.locator('link[rel="alternate"][type="application/json+oembed"]')).toHaveAttribute('href', /\/oembed\/chapters\/summary\.json$/);
});

test('the Embed control gives a snippet with the current parameters', async ({ page }) => {
  await page.goto(`${siteUrl()}chapters/sequential-computation/?parallelism.maxT=64`);
  const experiment = page.locator('#experiment-parallelism .experiment-frame');
  await experiment.scrollIntoViewIfNeeded();
  await expect(experiment).toHaveAttribute('data-backend', 'webgpu');
  await experiment.getByText('Embed this experiment').click();
  const code = await experiment.getByRole('textbox', { name: /Paste this into a wiki/ }).inputValue();
  expect(code).toContain(`src="${siteUrl()}embed/experiment/parallelism/?parallelism.maxT=64&amp;parallelism.width=64&amp;parallelism.variants=false"`);
  // host.js runs only if it is the file this build wrote; crossorigin lets the check work from the wiki's origin.
  const integrity = sha384Integrity(await readFile('dist/embed/host.js'));
  expect(code).toContain(`<script src="${siteUrl()}embed/host.js" integrity="${integrity}" crossorigin="anonymous" defer></script>`);
  await page.getByText('Embed this chapter').click();
  const chapterCode = await page
    .getByRole('textbox', { name: /Paste this into a wiki/ })
    .last()
    .inputValue();
  expect(chapterCode).toContain(`src="${siteUrl()}embed/sequential-computation/"`);
  expect(chapterCode).toContain(`<script src="${siteUrl()}embed/host.js" integrity="${integrity}" crossorigin="anonymous" defer></script>`);
});

test('the embedding page gives each engine\u2019s setup with the integrity hash and CSP entries, and every Embed control links to it', async ({ page }) => {
  await page.goto(`${siteUrl()}chapters/sequential-computation/?parallelism.maxT=64`);
  const experiment = page.locator('#experiment-parallelism .experiment-frame');
  await experiment.scrollIntoViewIfNeeded();
  await expect(experiment).toHaveAttribute('data-backend', 'webgpu');
  await experiment.getByText('Embed this experiment').click();
  await page.getByText('Embed this chapter').click();
  const links = page.getByRole('link', { name: /Setting it up in VitePress/ });
  await expect(links).toHaveCount(2);
  for (const link of await links.all()) await expect(link).toHaveAttribute('href', '/embedding/');
  await links.first().click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Embedding a chapter or an experiment');
  // The page shows the lesson's public URLs (the build's SITE_URL, here its local default), as its canonical link does.
  const site = new URL('/', (await page.locator('link[rel="canonical"]').getAttribute('href'))!);
  const setup = { hostScript: `${site}embed/host.js`, integrity: sha384Integrity(await readFile('dist/embed/host.js')) };
  const text = (await page.locator('main').innerText()).replace(/\s+/g, ' ');
  const recipes = await import('../../src/embed/recipes');
  const { frameSrc, scriptSrc } = recipes.hostCspEntries(setup);
  for (const expected of [
    setup.integrity,
    `frame-src ${frameSrc}`,
    `script-src ${scriptSrc}`,
    recipes.vitepressConfig(setup),
    recipes.docusaurusConfig(setup),
    recipes.mkdocsConfig(setup),
    recipes.starlightConfig(setup),
    recipes.astroLayoutHead(setup),
  ]) {
    expect(text).toContain(expected.replace(/\s+/g, ' ').trim());
  }
  for (const heading of ['VitePress', 'Docusaurus', 'MkDocs', 'Starlight', 'Plain HTML', 'Wikis that take only an iframe, or an oEmbed link']) {
    await expect(page.getByRole('heading', { level: 2, name: heading })).toBeVisible();
  }
});

test('the exported SVG is well-formed and carries its caption', async ({ page }) => {
  await page.goto(`${siteUrl()}chapters/sequential-computation/?parallelism.maxT=4&parallelism.width=8`);
  const experiment = page.locator('#experiment-parallelism .experiment-frame');
  await experiment.scrollIntoViewIfNeeded();
  await expect(experiment).toHaveAttribute('data-backend', 'webgpu');
  await experiment.getByRole('button', { name: /^Run/ }).click();
  await expect(experiment).toHaveAttribute('data-status', 'done', { timeout: 60_000 });
  const downloading = page.waitForEvent('download');
  await experiment.getByRole('button', { name: 'Download as SVG' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe('parallelism.svg');
  const svg = await readFile((await download.path())!, 'utf8');
  const parsed = await page.evaluate((text) => {
    const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
    return { error: doc.querySelector('parsererror')?.textContent ?? null, root: doc.documentElement.nodeName, text: doc.documentElement.textContent };
  }, svg);
  expect(parsed.error).toBeNull();
  expect(parsed.root).toBe('svg');
  expect(parsed.text).toContain('Parameters: maxT = 4, width = 8, variants = false');
  expect(parsed.text).toContain('Ran on: WebGPU on google swiftshader');
  expect(parsed.text).toMatch(/Measured: \d{4}-\d\d-\d\dT/);
  expect(parsed.text).toContain('RNN forward pass (T dependent steps)');
});

test('npm run build wrote a zip of the site and a headers file', async () => {
  expect(existsSync('dist.zip')).toBe(true);
  // The server configurations are for each build's own BASE_PATH (tested on a real nginx in nginx-headers.spec.ts).
  expect(await readFile('dist/nginx.conf', 'utf8')).toContain('location ^~ /embed/ {');
  expect(await readFile('dist-subpath/nginx.conf', 'utf8')).toContain('location ^~ /some/sub/path/embed/ {');
  expect(await readFile('dist-subpath/.htaccess', 'utf8')).toContain('m#^/some/sub/path/embed/#');
  const headers = await readFile('dist/_headers', 'utf8');
  expect(headers).toContain('/embed/*\n  ! Content-Security-Policy\n  Content-Security-Policy: frame-ancestors *\n');
  expect(headers).toMatch(/^\/\*\n(?: {2}.*\n)* {2}Content-Security-Policy: frame-ancestors 'self'\n/);
  expect(headers).toContain('X-Content-Type-Options: nosniff');
});
