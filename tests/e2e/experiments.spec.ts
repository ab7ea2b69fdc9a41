import { expect, test, type Page } from '@playwright/test';
import { siteUrl } from '../support/site';

// Each experiment runs twice with small parameters: on WebGPU (SwiftShader in CI)
// and with WebGPU made unavailable, where the CPU path must run and say so.

type Row = Record<string, string>;

const backends = [
  { name: 'WebGPU', disableWebGpu: false, line: /Last run: WebGPU on /, dataBackend: 'webgpu' },
  { name: 'the CPU path', disableWebGpu: true, line: /Last run: CPU reference, no WebGPU/, dataBackend: 'cpu' },
] as const;

async function openExperiment(page: Page, chapter: string, query: string, disableWebGpu: boolean) {
  if (disableWebGpu) {
    await page.addInitScript(() => Object.defineProperty(Navigator.prototype, 'gpu', { get: () => undefined, configurable: true }));
  }
  await page.goto(`${siteUrl()}chapters/${chapter}/${query}`);
  const frame = page.locator('.experiment-frame').first();
  await frame.scrollIntoViewIfNeeded();
  await expect(frame).toHaveAttribute('data-backend', disableWebGpu ? 'cpu' : 'webgpu');
  return frame;
}

async function runAndRead(page: Page, frame: ReturnType<Page['locator']>): Promise<Row[]> {
  await frame.getByRole('button', { name: /^Run/ }).click();
  await expect(frame).toHaveAttribute('data-status', 'done', { timeout: 90_000 });
  return frame.locator('.result-table tbody tr').evaluateAll((rows) =>
    rows.map((row) => Object.fromEntries([...row.querySelectorAll('td')].map((cell) => [cell.dataset.column!, cell.dataset.value!]))),
  );
}

for (const backend of backends) {
  test.describe(`on ${backend.name}`, () => {
    test('sequential against parallel: positive times for both methods, and the backend that ran', async ({ page }) => {
      const frame = await openExperiment(page, 'sequential-computation', '?parallelism.maxT=8&parallelism.width=8', backend.disableWebGpu);
      const rows = await runAndRead(page, frame);
      const lengths = [1, 2, 4, 8];
      for (const series of ['RNN forward pass (T dependent steps)', 'Self-attention (materialised)']) {
        expect(rows.filter((row) => row.series === series).map((row) => Number(row.T))).toEqual(lengths);
      }
      for (const row of rows) {
        expect(Number(row.medianMs), JSON.stringify(row)).toBeGreaterThan(0);
        expect(Number(row.gflops)).toBeGreaterThan(0);
      }
      await expect(frame.getByTestId('backend-line')).toContainText(backend.line);
      await expect(frame.locator('table caption')).toContainText('Sequential against parallel');
      await expect(frame.locator('.experiment-summary')).toContainText('took');
    });

    test('the quadratic cost: exact 4·T² score bytes, linear memory for tiled attention, equal outputs', async ({ page }) => {
      const frame = await openExperiment(page, 'quadratic-cost', '?quadratic-cost.maxT=64&quadratic-cost.width=8', backend.disableWebGpu);
      const rows = await runAndRead(page, frame);
      const materialised = rows.filter((row) => row.series === 'Self-attention (materialised)');
      const flash = rows.filter((row) => row.series === 'Self-attention (tiled, online softmax)');
      expect(materialised.map((row) => Number(row.T))).toEqual([16, 32, 64]);
      for (const row of materialised) expect(Number(row.scoreMatrixBytes)).toBe(4 * Number(row.T) ** 2);
      for (const row of flash) {
        expect(Number(row.scoreMatrixBytes)).toBe(0);
        // Same backend and tolerance as the kernel tests.
        expect(Number(row.maxDifference)).toBeLessThanOrEqual(1e-4);
      }
      const perPosition = flash.map((row) => Number(row.allocatedBytes) / Number(row.T));
      expect(new Set(perPosition).size, `bytes per position: ${perPosition}`).toBe(1);
      for (const row of rows) expect(Number(row.medianMs)).toBeGreaterThan(0);
      await expect(frame.getByTestId('backend-line')).toContainText(backend.line);
      await expect(frame.locator('.experiment-summary')).toContainText('time grows as T^');
    });
  });
}

test('a permalink reproduces its parameters', async ({ page }) => {
  const frame = await openExperiment(page, 'sequential-computation', '', false);
  const longest = frame.getByRole('spinbutton', { name: 'Longest sequence T' });
  await longest.fill('64');
  await longest.press('Tab');
  await frame.getByRole('checkbox', { name: 'Also time the other RNN variants' }).check();
  await expect(page).toHaveURL(/parallelism\.maxT=64/);
  await expect(page).toHaveURL(/parallelism\.variants=true/);
  const permalink = page.url();

  const second = await page.context().newPage();
  await second.goto(permalink);
  const reopened = second.locator('.experiment-frame').first();
  await reopened.scrollIntoViewIfNeeded();
  await expect(reopened.getByRole('spinbutton', { name: 'Longest sequence T' })).toHaveValue('64');
  await expect(reopened.getByRole('checkbox', { name: 'Also time the other RNN variants' })).toBeChecked();
});

test('out-of-range and nonsense URL parameters are clamped with a visible message', async ({ page }) => {
  const frame = await openExperiment(page, 'sequential-computation', '?parallelism.maxT=999999&parallelism.width=abc&parallelism.variants=maybe', false);
  await expect(frame.getByRole('spinbutton', { name: 'Longest sequence T' })).toHaveValue('4096');
  await expect(frame.getByRole('spinbutton', { name: 'Hidden size d' })).toHaveValue('64');
  await expect(frame.getByRole('alert').filter({ hasText: 'above the maximum 4096' })).toBeVisible();
  await expect(frame.getByRole('alert').filter({ hasText: '“abc” is not a number' })).toBeVisible();
  // A control given an out-of-range value is clamped the same way.
  const width = frame.getByRole('spinbutton', { name: 'Hidden size d' });
  await width.fill('0');
  await width.press('Tab');
  await expect(width).toHaveValue('4');
  await expect(frame.getByRole('alert').filter({ hasText: 'below the minimum 4' })).toBeVisible();
});

test('Cancel stops a long sweep at once, and the experiment can run again', async ({ page }) => {
  const frame = await openExperiment(page, 'quadratic-cost', '?quadratic-cost.maxT=65536&quadratic-cost.width=128', false);
  await frame.getByRole('button', { name: /^Run/ }).click();
  await expect(frame).toHaveAttribute('data-status', 'running');
  await expect(frame.locator('progress')).toBeVisible();
  await frame.getByRole('button', { name: 'Cancel' }).click();
  await expect(frame).toHaveAttribute('data-status', 'cancelled', { timeout: 2_000 });
  await expect(frame.getByRole('status').first()).toContainText('Cancelled');

  const longest = frame.getByRole('spinbutton', { name: 'Longest sequence T' });
  await longest.fill('32');
  await longest.press('Tab');
  await frame.getByRole('spinbutton', { name: 'Head width d' }).fill('8');
  await frame.getByRole('spinbutton', { name: 'Head width d' }).press('Tab');
  await frame.getByRole('button', { name: /^Run/ }).click();
  await expect(frame).toHaveAttribute('data-status', 'done', { timeout: 60_000 });
});

test('no main-thread task over 200 ms while an experiment runs', async ({ page }) => {
  const frame = await openExperiment(page, 'sequential-computation', '?parallelism.maxT=16&parallelism.width=16', false);
  await page.evaluate(() => {
    const long: number[] = [];
    (window as unknown as { longTasks: number[] }).longTasks = long;
    new PerformanceObserver((list) => list.getEntries().forEach((entry) => long.push(entry.duration))).observe({ type: 'longtask', buffered: false });
  });
  await frame.getByRole('button', { name: /^Run/ }).click();
  await expect(frame).toHaveAttribute('data-status', 'done', { timeout: 60_000 });
  const longTasks = await page.evaluate(() => (window as unknown as { longTasks: number[] }).longTasks);
  expect(longTasks.filter((duration) => duration > 200)).toEqual([]);
});

test('the memory calculator uses the lesson numbers and explains bad input', async ({ page }) => {
  await page.goto(`${siteUrl()}chapters/quadratic-cost/`);
  const input = page.getByRole('spinbutton', { name: 'Sequence length T' });
  await input.scrollIntoViewIfNeeded();
  // Wait for the island to hydrate (Astro removes the ssr attribute), or typing goes to static HTML.
  await expect(page.locator('astro-island:has(.memory-calculator)')).not.toHaveAttribute('ssr', { timeout: 10_000 });
  await input.fill('100000');
  const calculator = page.locator('.memory-calculator');
  await expect(calculator).toContainText('10,000,000,000');
  await expect(calculator).toContainText('40 GB');
  await expect(calculator).toContainText('20 GB');
  await input.fill('-3');
  await expect(calculator.getByRole('alert')).toContainText('is not a whole number');
});

test('"View the kernels" shows the WGSL the experiment runs', async ({ page }) => {
  await page.goto(`${siteUrl()}chapters/sequential-computation/`);
  const view = page.locator('#experiment-parallelism .kernel-view');
  await view.locator('summary').click();
  await expect(view.locator('pre.astro-code').first()).toContainText('fn elman_step');
});
