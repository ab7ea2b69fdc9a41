import { expect, test, type Page } from '@playwright/test';
import { sitemapPaths, siteUrl, subpathUrl } from '../support/site';
import { SUBPATH_BASE } from '../support/global-setup.mjs';

const paths = sitemapPaths('dist');

test('the sitemap lists the home page and every chapter, not the search or components page', () => {
  expect(paths).toContain('');
  expect(paths).not.toContain('search/');
  expect(paths).not.toContain('components/');
  expect(paths.filter((path) => path.startsWith('chapters/')).length).toBe(7);
});

/**
 * Watches a page for what these tests forbid: a request to another origin (refused and recorded),
 * a console error or warning, a page error, a failed request. Each page is watched on its own and
 * closed when the test leaves it, so a request it still has in flight (an island's chunk or a font
 * asked for after "networkidle") is cut off by the closing, and counted as left behind, not as a
 * failure. Telling them apart by page, not by when their events reach the test, matters: when one
 * page was navigated from path to path, a request of the page being left (started, or its event
 * delivered, after the test had moved on) was counted against the next path, and its abort failed
 * the test under load (two same-origin scripts and a font, in a --repeat-each=2 run of the suite).
 */
async function watch(page: Page) {
  const origin = new URL(siteUrl()).origin;
  const foreign: string[] = [];
  const problems: string[] = [];
  const leftBehind: string[] = [];
  let closing = false;
  await page.route('**/*', (route) => {
    const url = route.request().url();
    if (new URL(url).origin !== origin && !url.startsWith('data:')) {
      foreign.push(url);
      return route.abort();
    }
    return route.continue();
  });
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') problems.push(`${message.type()}: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('requestfailed', (request) => {
    const why = request.failure()?.errorText ?? 'unknown';
    if (closing && why === 'net::ERR_ABORTED') leftBehind.push(request.url());
    else problems.push(`failed (${why}): ${request.url()}`);
  });
  return {
    foreign,
    problems,
    leftBehind,
    visit: async (url: string, waitUntil?: 'networkidle') => {
      await page.goto(url, { waitUntil });
    },
    /** Leaves the page: what it still had in flight is left behind. */
    close: async () => {
      closing = true;
      await page.close();
    },
  };
}

/** Nothing forbidden happened on any of the watched pages; what closing them left behind is noted in the report. */
function expectClean(...watched: Array<Awaited<ReturnType<typeof watch>>>) {
  expect(watched.flatMap((one) => one.foreign)).toEqual([]);
  expect(watched.flatMap((one) => one.problems)).toEqual([]);
  const leftBehind = watched.flatMap((one) => one.leftBehind);
  if (leftBehind.length > 0) test.info().annotations.push({ type: 'left behind by a closed page', description: leftBehind.join(' ') });
}

// Three tests, not one, each with the time its own waits need: as one test, the run's waits alone (up to 30 s for the
// adapter and 90 s for the run) were longer than the 60 s the whole test had.
test('every page loads with no request to another origin and no console error', async ({ context }) => {
  // First, on a page of its own, the watch sees what it forbids: a fetch to another origin, which the page's policy
  // refuses before it is sent (a console error), and a request to another origin, refused by the watch.
  const probe = await context.newPage();
  const probed = await watch(probe);
  await probed.visit(siteUrl(), 'networkidle');
  await probe.evaluate(() => fetch('http://127.0.0.2:9/fetched').catch(() => undefined));
  await expect.poll(() => probed.problems.join('\n')).toContain('http://127.0.0.2:9/fetched');
  await expect(probed.visit('http://127.0.0.2:9/visited')).rejects.toThrow();
  expect(probed.foreign).toEqual(['http://127.0.0.2:9/visited']);
  await probed.close();

  const watched = [];
  for (const path of paths) {
    const page = await watch(await context.newPage());
    await page.visit(`${siteUrl()}${path}`, 'networkidle');
    await page.close();
    watched.push(page);
  }
  expectClean(...watched);
});

test('search loads its index (WebAssembly, allowed on that page only) with no request to another origin and no console error', async ({ page }) => {
  const watched = await watch(page);
  await watched.visit(`${siteUrl()}search/?q=attention`, 'networkidle');
  await expect(page.locator('.search-results li').first()).toBeVisible();
  expectClean(watched);
});

test('an experiment runs in its module Worker on WebGPU with no request to another origin and no console error', async ({ page }) => {
  test.setTimeout(150_000);
  const watched = await watch(page);
  await watched.visit(`${siteUrl()}chapters/sequential-computation/?parallelism.maxT=4&parallelism.width=4`);
  const frame = page.locator('.experiment-frame').first();
  await frame.scrollIntoViewIfNeeded();
  await expect(frame).toHaveAttribute('data-backend', 'webgpu', { timeout: 30_000 });
  await frame.getByRole('button', { name: /^Run/ }).click();
  await expect(frame).toHaveAttribute('data-status', 'done', { timeout: 90_000 });
  expectClean(watched);
});

test('every page carries a Content-Security-Policy that allows no inline script without its hash', async ({ page }) => {
  for (const path of paths) {
    await page.goto(`${siteUrl()}${path}`);
    const policy = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
    const scriptSrc = policy!.split(';').find((directive) => directive.trim().startsWith('script-src'))!;
    expect(scriptSrc, path).not.toContain("'unsafe-inline'");
    // Only the search page compiles WebAssembly (Pagefind's index).
    expect(scriptSrc.includes("'wasm-unsafe-eval'"), path).toBe(path === 'search/');
    expect(policy, path).toContain("default-src 'self'");
  }
  // A script injected without a hash is refused.
  await page.goto(siteUrl());
  // An inline script runs as it is inserted, or not at all; the refusal is observed as the policy's violation event.
  const { ran, refused } = await page.evaluate(async () => {
    const violation = new Promise<string>((resolve) =>
      document.addEventListener('securitypolicyviolation', (event) => resolve(`${event.effectiveDirective} ${event.blockedURI}`), { once: true }),
    );
    const script = document.createElement('script');
    script.textContent = 'window.injected = true;';
    document.body.append(script);
    return { ran: (window as unknown as { injected?: boolean }).injected === true, refused: await violation };
  });
  expect(refused).toMatch(/^script-src(-elem)? inline$/);
  expect(ran).toBe(false);
});

test("where no Worker can start, search compiles Pagefind's WebAssembly on the page, which its policy allows", async ({ page }) => {
  // Pagefind normally runs in its own Worker, which the page's <meta> policy does not govern; its fallback is the page.
  const violations: string[] = [];
  await page.exposeFunction('reportViolation', (directive: string) => violations.push(directive));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) =>
      (window as unknown as { reportViolation(d: string): void }).reportViolation(event.violatedDirective),
    );
    window.Worker = class {
      constructor() {
        throw new Error('no Worker in this test');
      }
    } as unknown as typeof Worker;
  });
  await page.goto(`${siteUrl()}search/?q=attention`);
  await expect(page.locator('.search-results li').first()).toBeVisible();
  expect(violations).toEqual([]);
});

test(`built under ${SUBPATH_BASE}, the site has no broken internal link`, async ({ page, request }) => {
  const base = new URL(subpathUrl());
  const checked = new Map<string, number>();
  const queue = [base.href];
  const pages = new Set<string>();
  while (queue.length > 0) {
    const url = queue.shift()!;
    if (pages.has(url)) continue;
    pages.add(url);
    await page.goto(url);
    for (const target of await internalTargets(page)) {
      const resolved = new URL(target, url);
      if (resolved.origin !== base.origin) continue;
      expect(resolved.pathname, `${target} on ${url} escapes the base path`).toMatch(new RegExp(`^${SUBPATH_BASE}`));
      const withoutHash = resolved.href.replace(/#.*$/, '');
      if (!checked.has(withoutHash)) checked.set(withoutHash, (await request.get(withoutHash)).status());
      expect(checked.get(withoutHash), `${target} on ${url}`).toBe(200);
      if (resolved.pathname.endsWith('/') && !resolved.search) queue.push(withoutHash);
    }
  }
  const crawled = [...pages].map((url) => new URL(url).pathname.slice(SUBPATH_BASE.length)).sort();
  // The header and footer also link the two pages the sitemap leaves out.
  expect(crawled).toEqual([...sitemapPaths('dist-subpath'), 'search/', 'components/'].sort());

  // Search works under the sub-path too.
  await page.goto(`${base.href}search/?q=hungry`);
  await expect(page.locator('.search-results li a')).toHaveAttribute('href', new RegExp(`^${SUBPATH_BASE}chapters/long-range-dependencies/$`));
});

test('without JavaScript, the text, formulas and code are all there', async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(`${siteUrl()}chapters/sequential-computation/`);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expect(page.locator('.katex-display').first()).toBeVisible();
  await expect(page.locator('pre.astro-code').first()).toBeVisible();
  await expect(page.locator('noscript').first()).toBeAttached();
  await expect(page.getByRole('navigation', { name: 'Chapters' }).getByRole('link').first()).toBeVisible();
  await expect(page.getByRole('combobox', { name: 'Colour theme' })).toBeHidden();
  await context.close();
});

test('at 360 px wide no page scrolls sideways', async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 360, height: 740 } });
  const page = await context.newPage();
  for (const path of paths) {
    await page.goto(`${siteUrl()}${path}`);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width, path).toBeLessThanOrEqual(360);
  }
  await context.close();
});

test('keyboard: the skip link is first and moves focus to the main content', async ({ page }) => {
  await page.goto(`${siteUrl()}chapters/summary/`);
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Skip to content' });
  await expect(skip).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/#main$/);
  await expect(page.getByRole('main')).toBeVisible();
});

test('print shows the article without the site chrome', async ({ page }) => {
  await page.goto(`${siteUrl()}chapters/quadratic-cost/`);
  await page.emulateMedia({ media: 'print' });
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expect(page.locator('.site-header')).toBeHidden();
  await expect(page.locator('.sidebar')).toBeHidden();
  await expect(page.locator('.prev-next')).toBeHidden();
  const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  expect(background).toBe('rgb(255, 255, 255)');
});

async function internalTargets(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('a[href], link[href], script[src], img[src], form[action]')]
      .map((element) => element.getAttribute('href') ?? element.getAttribute('src') ?? element.getAttribute('action') ?? '')
      .filter((target) => target && !target.startsWith('#') && !target.startsWith('mailto:')),
  );
}
