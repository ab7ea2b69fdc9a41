// `npm run bench:estimates` (or `npm run bench:site -- --estimates`): each experiment's estimate, as
// the frame shows it before Run, beside the time the run took from Run to done, in the system
// Chromium (WebGPU on whatever adapter it finds; SwiftShader where there is no GPU) and on the CPU
// path the frame offers beside it. Each experiment runs at its defaults, then at one large size
// (LARGE below, chosen to take roughly 20 to 60 s on a two-core machine with SwiftShader), in one
// browser profile per experiment and path: the defaults run on a fresh profile, so their estimate is
// the prior (the device's measured constants and start-up, no run of this experiment yet); the large
// run comes after it, so its estimate is refined by that run (src/experiments/shared/estimate.ts).
// Outside 2× either way is a miss, and the command exits non-zero.
//
//   node tests/bench/estimates.mjs [--only=scan,streaming] [--backend=webgpu|cpu] [--size=defaults|large]
import { chromium } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { startStaticServer } from '../support/static-server.mjs';
import { CHROMIUM_ARGS, findChromium } from '../support/chromium.mjs';

export const ESTIMATE_FACTOR = 2;

/** A row for the table: the basis is printed below it, being long. */
export const withoutBasis = (row) => Object.fromEntries(Object.entries(row).filter(([key]) => key !== 'basis' && key !== 'error'));

/** One large size per experiment and path: the parameters set through the page's URL, the rest at their defaults. */
export const LARGE = {
  'quadratic-cost': { webgpu: { maxT: 4096, width: 16 }, cpu: { maxT: 4096, width: 16 } },
  parallelism: { webgpu: { maxT: 2048 }, cpu: { maxT: 1024, width: 128 } },
  scan: { webgpu: { maxT: 4194304, channels: 16 }, cpu: { maxT: 1048576, channels: 16 } },
  // Streaming's largest sizes take only seconds.
  streaming: { webgpu: { maxPosition: 65536, width: 256 }, cpu: { maxPosition: 65536, width: 256 } },
  bottleneck: { webgpu: { maxT: 4096 }, cpu: { maxT: 4096 } },
  // Width 64 fails on both paths at these distances (reported by the table's error line): the default width.
  gradients: { webgpu: { distance: 2000 }, cpu: { distance: 2000 } },
  'recall-training': { webgpu: { steps: 1000 }, cpu: { steps: 1500 } },
  'state-tracking': { webgpu: { steps: 400 }, cpu: { steps: 400 } },
};

const option = (name) => process.argv.find((argument) => argument.startsWith(`--${name}=`))?.split('=')[1];

/**
 * Opens `path` with `params` in the URL on a page of `context`, picks `backend`, and runs the
 * experiment named `name`: the estimate shown before Run, and the milliseconds from Run to done.
 */
async function runOnce(context, serverUrl, path, name, backend, params) {
  const page = await context.newPage();
  try {
    const search = new URLSearchParams(Object.entries(params).map(([key, value]) => [`${name}.${key}`, String(value)]));
    await page.goto(`${serverUrl}${path.slice(1)}${search.size ? `?${search}` : ''}`, { waitUntil: 'networkidle' });
    const frame = page.locator(`figure[data-experiment="${name}"] .experiment-frame`);
    await frame.scrollIntoViewIfNeeded();
    const selector = `figure[data-experiment="${name}"] .experiment-frame`;
    await page.waitForFunction((frameSelector) => document.querySelector(frameSelector)?.getAttribute('data-backend'), selector, { timeout: 60_000 });
    const found = await frame.getAttribute('data-backend');
    if (backend === 'webgpu' && found !== 'webgpu') return { skipped: 'no WebGPU adapter here' };
    if (backend === 'cpu' && found !== 'cpu') await frame.locator('input[type="radio"][value="cpu"]').check();
    const hint = frame.locator('[data-estimate-ms]');
    await hint.waitFor({ timeout: 120_000 });
    // The estimate once it has settled on this path (the radio's change re-renders it).
    await page.waitForFunction(
      ([frameSelector, kind]) =>
        document.querySelector(frameSelector)?.getAttribute('data-backend') === kind && document.querySelector(`${frameSelector} [data-estimate-ms]`),
      [selector, backend],
    );
    const estimateMs = Number(await hint.getAttribute('data-estimate-ms'));
    const basis = (await hint.textContent())?.match(/of memory \((.*)\)\.$/)?.[1] ?? '';
    const values = {};
    for (const input of await frame.locator('input[type="number"]').all()) {
      const key = (await input.getAttribute('id'))?.split('-').pop();
      if (key && key in params) values[key] = await input.inputValue();
    }
    const started = Date.now();
    await frame.locator('button[type="submit"]').click();
    const confirm = frame.getByRole('button', { name: 'Run anyway' });
    // Either the run starts or it asks first (past 30 s or 512 MiB).
    await page.waitForFunction((frameSelector) => {
      const element = document.querySelector(frameSelector);
      return element?.getAttribute('data-status') !== 'idle' || !!element?.querySelector('.experiment-confirm');
    }, selector);
    const asked = await confirm.isVisible();
    if (asked) await confirm.click();
    await page.waitForFunction(
      (frameSelector) => ['done', 'failed', 'cancelled'].includes(document.querySelector(frameSelector)?.getAttribute('data-status') ?? ''),
      selector,
      { timeout: 600_000, polling: 100 },
    );
    const actualMs = Date.now() - started;
    const status = await frame.getAttribute('data-status');
    const error =
      status === 'done'
        ? undefined
        : await frame
            .locator('.experiment-error')
            .first()
            .textContent({ timeout: 1000 })
            .catch(() => undefined);
    return { estimateMs, actualMs, status, asked, basis, values, error };
  } finally {
    await page.close();
  }
}

/** Runs every experiment at its defaults and its large size on each path; the rows of the table, and whether each held. */
export async function measureEstimates({ root = process.env.OUT_DIR || 'dist', only, backends = ['webgpu', 'cpu'], sizes = ['defaults', 'large'] } = {}) {
  const sitemap = await readFile(join(root, 'sitemap-0.xml'), 'utf8');
  const chapters = [...sitemap.matchAll(/<loc>([^<]+)<\/loc>/g)].map((match) => new URL(match[1]).pathname).filter((path) => path.startsWith('/chapters/'));
  const server = await startStaticServer({ root });
  const browser = await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS });
  const rows = [];
  let failed = false;
  try {
    for (const path of chapters) {
      const html = await readFile(join(root, path, 'index.html'), 'utf8');
      const names = [...html.matchAll(/data-experiment="([a-z-]+)"/g)].map((match) => match[1]);
      for (const name of names) {
        if (only && !only.includes(name)) continue;
        for (const backend of backends) {
          // One profile per experiment and path: the defaults' run is what refines the large run's estimate.
          const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
          try {
            for (const size of sizes) {
              const params = size === 'defaults' ? {} : (LARGE[name]?.[backend] ?? {});
              const result = await runOnce(context, server.url, path, name, backend, params);
              if (result.skipped) {
                rows.push({ experiment: name, backend, params: size, status: `skipped: ${result.skipped}` });
                break;
              }
              const ratio = result.estimateMs / result.actualMs;
              const within = result.status === 'done' && ratio <= ESTIMATE_FACTOR && ratio >= 1 / ESTIMATE_FACTOR;
              if (!within) failed = true;
              const shown = Object.entries(params)
                .map(([key, value]) => `${key}=${result.values[key] ?? value}`)
                .join(' ');
              rows.push({
                experiment: name,
                params: size === 'defaults' ? 'defaults' : `large: ${shown}`,
                backend,
                estimate: `${(result.estimateMs / 1000).toFixed(1)} s`,
                actual: `${(result.actualMs / 1000).toFixed(1)} s`,
                ratio: Number(ratio.toFixed(2)),
                'within 2×': within ? 'yes' : `NO${result.status === 'done' ? '' : ` (${result.status})`}`,
                asked: result.asked ? 'yes' : 'no',
                basis: result.basis,
                ...(result.error ? { error: result.error } : {}),
              });
              console.log(JSON.stringify(rows.at(-1)));
            }
          } finally {
            await context.close();
          }
        }
      }
    }
  } finally {
    await browser.close();
    await server.close();
  }
  return { rows, failed };
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { rows, failed } = await measureEstimates({
    only: option('only')?.split(','),
    backends: option('backend') ? [option('backend')] : undefined,
    sizes: option('size') ? [option('size')] : undefined,
  });
  console.table(rows.map(withoutBasis));
  for (const row of rows) if (row.basis) console.log(`${row.experiment} ${row.backend} ${row.params}: ${row.basis}`);
  for (const row of rows) if (row.error) console.log(`${row.experiment} ${row.backend} ${row.params} failed: ${row.error}`);
  console.log(
    failed ? `Some estimates are outside ${ESTIMATE_FACTOR}× of the actual time.` : `Every estimate is within ${ESTIMATE_FACTOR}× of the actual time.`,
  );
  process.exitCode = failed ? 1 : 0;
}
