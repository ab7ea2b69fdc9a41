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
  // Finding the adapter can take seconds on a loaded CPU.
  await expect(frame).toHaveAttribute('data-backend', disableWebGpu ? 'cpu' : 'webgpu', { timeout: 30_000 });
  return frame;
}

async function runAndRead(page: Page, frame: ReturnType<Page['locator']>, timeout = 90_000): Promise<Row[]> {
  await frame.getByRole('button', { name: /^Run/ }).click();
  await expect(frame).toHaveAttribute('data-status', 'done', { timeout });
  return readRows(frame);
}

/** Every row of the result table, as its cells' raw values by column. */
async function readRows(frame: ReturnType<Page['locator']>): Promise<Row[]> {
  // A long table shows its first rows until asked for all of them.
  const showAll = frame.getByRole('button', { name: /^Show all \d+ rows$/ });
  if (await showAll.isVisible()) {
    await showAll.click();
    // Rendering every row of a long table can take seconds on a loaded CPU.
    await expect(frame.getByRole('button', { name: /^Show the first \d+ rows$/ })).toBeVisible({ timeout: 30_000 });
  }
  return frame
    .locator('.result-table tbody tr')
    .evaluateAll((rows) => rows.map((row) => Object.fromEntries([...row.querySelectorAll('td')].map((cell) => [cell.dataset.column!, cell.dataset.value!]))));
}

/** The displayed median time of each series at the largest size in the table: the cells' text, as the reader sees it. */
async function mediansAtLargest(frame: ReturnType<Page['locator']>, sizeColumn: string, series: readonly string[]): Promise<string[]> {
  const cells = await frame
    .locator('.result-table tbody tr')
    .evaluateAll((rows) =>
      rows.map((row) =>
        Object.fromEntries(
          [...row.querySelectorAll('td')].map((cell) => [cell.dataset.column!, { value: cell.dataset.value!, text: cell.textContent!.trim() }]),
        ),
      ),
    );
  const largest = Math.max(...cells.filter((row) => series.includes(row.series!.value)).map((row) => Number(row[sizeColumn]!.value)));
  return series.map((name) => cells.find((row) => row.series!.value === name && Number(row[sizeColumn]!.value) === largest)!.medianMs!.text);
}

/** The headline states the table's medians at the largest size, and a verdict label follows it. */
async function expectHeadlineFromTable(frame: ReturnType<Page['locator']>, sizeColumn: string, series: readonly string[]) {
  const headline = frame.locator('.experiment-headline');
  for (const text of await mediansAtLargest(frame, sizeColumn, series)) await expect(headline).toContainText(text);
  await expect(headline.locator('.experiment-verdict')).toHaveText(/^(Shows the claim|Contradicts the claim on this device|Too noisy to tell)$/);
}

for (const backend of backends) {
  test.describe(`on ${backend.name}`, () => {
    test('sequential against parallel: positive times for both methods, and the backend that ran', async ({ page }) => {
      const frame = await openExperiment(page, 'sequential-computation', '?parallelism.maxT=8&parallelism.width=8', backend.disableWebGpu);
      const rows = await runAndRead(page, frame);
      const lengths = [1, 2, 4, 8];
      for (const series of ['RNN forward pass (T dependent steps)', 'Self-attention layer (Q, K, V and output projections)']) {
        expect(rows.filter((row) => row.series === series).map((row) => Number(row.T))).toEqual(lengths);
      }
      for (const row of rows) {
        expect(Number(row.medianMs), JSON.stringify(row)).toBeGreaterThan(0);
        expect(Number(row.gflops)).toBeGreaterThan(0);
      }
      await expect(frame.getByTestId('backend-line')).toContainText(backend.line);
      await expect(frame.locator('.result-table-caption')).toContainText('Sequential against parallel, batch size 1');
      await expect(frame.locator('.experiment-summary')).toContainText('took');
      // Counted dispatches: on WebGPU the RNN makes one for W_xh·x over all t, then one per step (T + 1), and the
      // attention layer seven; none on the CPU path.
      const dispatches = (series: string) => rows.filter((row) => row.series === series).map((row) => Number(row.dispatches));
      expect(dispatches('RNN forward pass (T dependent steps)')).toEqual(backend.disableWebGpu ? [0, 0, 0, 0] : lengths.map((t) => t + 1));
      expect(dispatches('Self-attention layer (Q, K, V and output projections)')).toEqual(backend.disableWebGpu ? [0, 0, 0, 0] : [7, 7, 7, 7]);
      await expect(frame.locator('.experiment-summary')).toContainText(
        backend.disableWebGpu ? 'no dispatch cost to measure' : 'one minimal dispatch inside a command buffer costs',
      );
    });

    test('sequential against parallel: the headline gives both times at the largest T as the table shows them, and a verdict', async ({ page }) => {
      const frame = await openExperiment(page, 'sequential-computation', '?parallelism.maxT=16&parallelism.width=8', backend.disableWebGpu);
      await runAndRead(page, frame);
      await expectHeadlineFromTable(frame, 'T', ['RNN forward pass (T dependent steps)', 'Self-attention layer (Q, K, V and output projections)']);
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
      // Linear in T: each doubling of T (16 → 32 → 64) adds twice what the one before added (a fixed buffer
      // or two, such as the kernel's parameters, does not change that).
      const bytes = flash.map((row) => Number(row.allocatedBytes));
      expect(bytes[2]! - bytes[1]!, `bytes at T = 16, 32, 64: ${bytes}`).toBe(2 * (bytes[1]! - bytes[0]!));
      expect(bytes[1]! - bytes[0]!).toBeGreaterThan(0);
      for (const row of rows) expect(Number(row.medianMs)).toBeGreaterThan(0);
      await expect(frame.getByTestId('backend-line')).toContainText(backend.line);
      // The fitted power is set as a superscript: "T^1.94" reads T with 1.94 raised.
      await expect(frame.locator('.experiment-summary')).toContainText(/time grows as T[−\d.]+ over/);
      await expect(frame.locator('.experiment-summary li', { hasText: 'time grows as T' }).locator('sup').first()).toHaveText(/^−?[\d.]+$/);
      await expectHeadlineFromTable(frame, 'T', ['Self-attention (materialised)', 'Self-attention (tiled, online softmax)']);
    });
  });
}

test('a permalink reproduces its parameters', async ({ page }) => {
  const frame = await openExperiment(page, 'sequential-computation', '', false);
  // Until the run's estimate is ready (Run enabled), a re-render can reset a value typed but not yet committed.
  await expect(frame.getByRole('button', { name: /^Run/ })).toBeEnabled();
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
  // A sweep this long asks first.
  await frame.getByRole('alertdialog', { name: 'Confirm this run' }).getByRole('button', { name: 'Run anyway' }).click();
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

for (const backend of backends) {
  test.describe(`experiments II on ${backend.name}`, () => {
    test('the bottleneck: attention recalls where a small fixed state has failed, and every state size has its longest T', async ({ page }) => {
      // SwiftShader runs these sweeps' many small dispatches slowly on a shared CPU.
      test.setTimeout(240_000);
      const frame = await openExperiment(page, 'information-bottleneck', '?bottleneck.stateSize=16&bottleneck.maxT=64', backend.disableWebGpu);
      const rows = await runAndRead(page, frame, 200_000);
      const accuracy = (series: string, stateSize: string) =>
        new Map(rows.filter((row) => row.series === series && row.stateSize === stateSize).map((row) => [Number(row.T), Number(row.accuracy)]));
      const fixed = accuracy('Fixed-size state (outer-product memory)', '16');
      const attention = accuracy('Attention over all T stored pairs', '');
      const failed = [...fixed].filter(([, value]) => value < 0.5).map(([t]) => t);
      expect(failed.length, 'the fixed state must fail somewhere for this test to mean anything').toBeGreaterThan(0);
      for (const t of failed) expect(attention.get(t), `attention at T=${t}`).toBeGreaterThanOrEqual(0.99);
      // The window baseline keeps m/(2d) = 256/128 = 2 pairs at m = 256: right only about the last two of T.
      for (const [t, value] of accuracy('Attention over the last m/(2d) pairs (the same m numbers)', '256')) expect(value, `T=${t}`).toBeLessThanOrEqual(2 / t);
      const estimates = rows.filter((row) => row.series === 'Estimate T ≈ m/(2 ln T)').map((row) => [row.stateSize, row.T]);
      expect(estimates).toEqual([
        ['16', '4'],
        ['64', '12'],
        ['256', '35'],
        ['1024', '109'],
        ['4096', '349'],
      ]);
      expect(rows.filter((row) => row.series === 'Fixed-size state: longest T at 50% or more').map((row) => row.stateSize)).toEqual([
        '16',
        '64',
        '256',
        '1024',
        '4096',
      ]);
      await expect(frame.getByTestId('backend-line')).toContainText(backend.line);
      await expect(frame.locator('.experiment-summary')).toContainText('fell below 50%');
      await expect(frame.locator('.experiment-plot')).toHaveCount(2);
    });

    test('gradients: the tanh RNN decays below σ₁ = 1, and the forget-gate path is 0.99^500', async ({ page }) => {
      // SwiftShader runs these sweeps' many small dispatches slowly on a shared CPU.
      test.setTimeout(240_000);
      const frame = await openExperiment(
        page,
        'long-range-dependencies',
        '?gradients.singularValue=0.8&gradients.distance=500&gradients.width=8&gradients.forgetGate=0.99',
        backend.disableWebGpu,
      );
      const rows = await runAndRead(page, frame, 200_000);
      const series = (name: string) => rows.filter((row) => row.series === name).map((row) => Number(row.log10Norm));
      const tanh = series('tanh RNN, measured Jacobian product');
      expect(tanh).toHaveLength(500);
      expect(tanh[499]!).toBeLessThan(tanh[0]! - 5);
      // Falls with k: every 50-step window ends lower than it starts.
      for (let k = 50; k < 500; k += 50) expect(tanh[k]!).toBeLessThan(tanh[k - 50]!);
      const forget = rows.filter((row) => row.series === 'Constant forget gate f^k (formula)');
      const at500 = Number(forget.find((row) => row.k === '500')!.norm);
      expect(Math.abs(at500 / 0.99 ** 500 - 1)).toBeLessThan(5e-5);
      expect(series('LSTM cell, measured Jacobian product')).toHaveLength(500);
      expect(series('One causal attention layer, with positions')).toHaveLength(500);
      await expect(frame.getByTestId('backend-line')).toContainText(backend.line);
    });

    test("gradients at tiny sizes: the headline's sizes at the largest k are the table's, set as powers of ten", async ({ page }) => {
      const frame = await openExperiment(page, 'long-range-dependencies', '?gradients.distance=8&gradients.width=4', backend.disableWebGpu);
      const rows = await runAndRead(page, frame);
      const last = Math.max(...rows.map((row) => Number(row.k)));
      expect(last).toBe(8);
      const headline = frame.locator('.experiment-headline');
      await expect(headline).toContainText(`At distance k = ${last},`);
      // Each path's log₁₀ size at k = 8 from the table, to the headline's two decimals, is an exponent of 10 in the headline.
      const exponent = (series: string) => {
        const value = Number(rows.find((row) => row.series === series && Number(row.k) === last)!.log10Norm);
        return value.toFixed(2).replace('-', '−');
      };
      const expected = ['tanh RNN, measured Jacobian product', 'LSTM cell, measured Jacobian product', 'One causal attention layer, with positions'].map(
        exponent,
      );
      await expect(headline.locator('sup')).toHaveText(expected);
      for (const text of expected) await expect(headline).toContainText(`10${text}`);
      await expect(headline.locator('.experiment-verdict')).toHaveText(/^(Shows the claim|Contradicts the claim on this device|Too noisy to tell)$/);
    });

    test("gradients at the article's preset: at k = K attention's gradient lies above the LSTM cell's, and the text says so", async ({ page }) => {
      // SwiftShader runs these sweeps' many small dispatches slowly on a shared CPU.
      test.setTimeout(240_000);
      const frame = await openExperiment(page, 'long-range-dependencies', '', backend.disableWebGpu);
      await frame.getByRole('button', { name: /^Preset: The article's gate/ }).click();
      await frame.getByRole('button', { name: /^Run/ }).click();
      await expect(frame).toHaveAttribute('data-status', 'done', { timeout: 200_000 });
      // Four paths × 500 distances: the table shows its first 50 rows, and every row on request.
      await expect(frame.locator('.result-table tbody tr')).toHaveCount(50);
      await expect(frame.locator('.result-table-caption').first()).toContainText('Gradients over distance');
      await expect(frame.locator('.result-table-caption').first()).toContainText('the first 50 of 2000 rows');
      const rows = await readRows(frame);
      expect(rows).toHaveLength(2000);
      const atK = (name: string) => Number(rows.find((row) => row.series === name && row.k === '500')!.log10Norm);
      const attention = atK('One causal attention layer, with positions');
      const cell = atK('LSTM cell, measured Jacobian product');
      const forget = atK('Constant forget gate f^k (formula)');
      // 0.99^500 = 10^−2.1824; f32 logarithms summed 500 times keep three decimals.
      expect(forget).toBeCloseTo(500 * Math.log10(0.99), 3);
      expect(attention, `attention 10^${attention} against the LSTM cell 10^${cell}`).toBeGreaterThan(cell);
      const summary = frame.locator('.experiment-summary');
      await expect(summary).toContainText(/attention's 10−?[\d.]+/);
      await expect(summary).toContainText(/was [\d.]+ decades above the tanh RNN's and [\d.]+ decades above the LSTM cell's at k = 500/);
      await expect(frame.locator('.experiment-plot')).toHaveCount(1);
      console.log(`gradients preset on ${backend.name}:\n${(await summary.allInnerTexts()).join('\n')}`);
    });

    test('streaming: counted work grows linearly with position for the KV cache, and not at all for the RNN', async ({ page }) => {
      const frame = await openExperiment(page, 'when-rnns-win', '?streaming.maxPosition=64&streaming.width=8', backend.disableWebGpu);
      const rows = await runAndRead(page, frame);
      const rnn = rows.filter((row) => row.series === 'RNN step');
      const kv = rows.filter((row) => row.series === 'Transformer step with a KV cache');
      expect(kv.map((row) => Number(row.position))).toEqual([1, 2, 4, 8, 16, 32, 64]);
      expect(new Set(rnn.map((row) => row.flops)).size).toBe(1);
      expect(new Set(rnn.map((row) => row.bytesRead)).size).toBe(1);
      expect(new Set(kv.map((row) => Number(row.flops) / Number(row.position))).size).toBe(1);
      const bytes = kv.map((row) => Number(row.bytesRead));
      for (let i = 1; i < bytes.length; i++) expect(bytes[i]! - bytes[i - 1]!).toBe((bytes[1]! - bytes[0]!) * 2 ** (i - 1));
      for (const row of rows) expect(Number(row.medianMs)).toBeGreaterThan(0);
      await expect(frame.getByTestId('backend-line')).toContainText(backend.line);
      await expectHeadlineFromTable(frame, 'position', ['Transformer step with a KV cache', 'RNN step']);
    });

    test('the scan equals the loop within tolerance', async ({ page }) => {
      const frame = (await openExperiment(page, 'when-rnns-win', '?scan.maxT=4096&scan.channels=2', backend.disableWebGpu))
        .page()
        .locator('#experiment-scan .experiment-frame');
      await frame.scrollIntoViewIfNeeded();
      await expect(frame).toHaveAttribute('data-backend', backend.dataBackend);
      const rows = await runAndRead(page, frame);
      const scans = rows.filter((row) => row.series === 'Linear recurrence, chunked scan');
      expect(scans.map((row) => Number(row.T))).toEqual([1024, 4096]);
      for (const row of scans) expect(Number(row.maxDifference)).toBeLessThanOrEqual(1e-4);
      await expect(frame.getByTestId('backend-line')).toContainText(backend.line);
      await expectHeadlineFromTable(frame, 'T', ['Linear recurrence, chunked scan', 'Linear recurrence, sequential loop']);
    });
  });
}

test('the summary table links every row to its experiment and shows this visit’s result', async ({ page }) => {
  const frame = await openExperiment(page, 'sequential-computation', '?parallelism.maxT=4&parallelism.width=8', false);
  await runAndRead(page, frame);
  await page.goto(`${siteUrl()}chapters/summary/`);
  const table = page.getByRole('table', { name: /Three problems, three solutions/ });
  const links = await table.getByRole('link').evaluateAll((anchors) => anchors.map((a) => a.getAttribute('href')));
  expect(links).toEqual([
    '/chapters/sequential-computation/#experiment-parallelism',
    '/chapters/information-bottleneck/#experiment-bottleneck',
    '/chapters/information-bottleneck/#experiment-recall-training',
    '/chapters/long-range-dependencies/#experiment-gradients',
    '/chapters/quadratic-cost/#experiment-quadratic-cost',
    '/chapters/when-rnns-win/#experiment-streaming',
    '/chapters/when-rnns-win/#experiment-scan',
    '/chapters/when-rnns-win/#experiment-state-tracking',
  ]);
  for (const href of links) {
    await page.goto(`${siteUrl()}${href!.slice(1)}`);
    await expect(page.locator(href!.slice(href!.indexOf('#')))).toBeVisible();
  }
  await page.goto(`${siteUrl()}chapters/summary/`);
  await expect(page.locator('[data-result-for="parallelism"]')).toContainText('Your run (WebGPU on');
  await expect(page.locator('[data-result-for="bottleneck"]')).toContainText('Not run in this visit yet.');
});

test('a preset sets its parameters', async ({ page }) => {
  const frame = await openExperiment(page, 'long-range-dependencies', '?gradients.forgetGate=0.7&gradients.distance=20', false);
  await frame.getByRole('button', { name: /^Preset: The article's gate/ }).click();
  await expect(frame.getByRole('spinbutton', { name: 'Forget gate f' })).toHaveValue('0.99');
  await expect(frame.getByRole('spinbutton', { name: 'Largest distance K' })).toHaveValue('500');
  await expect(page).toHaveURL(/gradients\.forgetGate=0\.99/);
});

test('quadratic cost offers a run up to this device’s memory wall, named with its estimate, and Run asks before it starts', async ({ page }) => {
  const frame = await openExperiment(page, 'quadratic-cost', '', false);
  const preset = frame.getByRole('button', { name: /^Preset: Run up to the memory wall \(T = [\d,]+\), estimated (under 1 s|about .+)$/ });
  await expect(preset).toBeVisible({ timeout: 30_000 });
  const [, length, estimated] = /T = ([\d,]+)\), estimated (.+)$/.exec((await preset.textContent())!)!;
  await preset.click();
  await expect(frame.getByRole('spinbutton', { name: 'Longest sequence T' })).toHaveValue(length!.replaceAll(',', ''));
  // The estimate beside Run is the one the preset named.
  await expect(frame.getByTestId('run-estimate')).toContainText(`Estimate: ${estimated}`);
  await frame.getByRole('button', { name: /^Run/ }).click();
  const confirmation = frame.getByRole('alertdialog', { name: 'Confirm this run' });
  await expect(confirmation).toContainText(`estimated at ${estimated}`);
  await confirmation.getByRole('button', { name: 'Do not run' }).click();
  await expect(frame).toHaveAttribute('data-status', 'idle');
});

test('decimal parameters of the later experiments are clamped from the URL too, and a permalink reproduces them', async ({ page }) => {
  const frame = await openExperiment(page, 'long-range-dependencies', '?gradients.forgetGate=2&gradients.singularValue=0.55&gradients.distance=-4', false);
  await expect(frame.getByRole('spinbutton', { name: 'Forget gate f' })).toHaveValue('0.9999');
  await expect(frame.getByRole('spinbutton', { name: 'Largest singular value σ₁ of W_hh' })).toHaveValue('0.55');
  await expect(frame.getByRole('spinbutton', { name: 'Largest distance K' })).toHaveValue('2');
  await expect(frame.getByRole('alert').filter({ hasText: 'Forget gate f: 2 is above the maximum 0.9999' })).toBeVisible();
  await expect(frame.getByRole('alert').filter({ hasText: 'below the minimum 2' })).toBeVisible();
});

test('on the CPU path, the largest parameters are clamped to its maxima, estimated, and confirmed before they run', async ({ page }) => {
  const frame = await openExperiment(page, 'quadratic-cost', '?quadratic-cost.maxT=65536&quadratic-cost.width=128', true);
  const longest = frame.getByRole('spinbutton', { name: 'Longest sequence T' });
  await expect(longest).toHaveValue('4096');
  await expect(frame.getByRole('alert').filter({ hasText: "above the CPU path's maximum 4096 (WebGPU goes to 65536)" })).toBeVisible();
  await expect(frame.getByTestId('run-estimate')).toHaveText(
    /^Estimate: about [\d.]+ minutes and up to 144 MiB of memory \(on the CPU reference, an assumed 0\.2 s to start/,
  );

  await frame.getByRole('button', { name: /^Run/ }).click();
  const confirmation = frame.getByRole('alertdialog', { name: 'Confirm this run' });
  await expect(confirmation).toContainText(/estimated at about [\d.]+ minutes and up to 144 MiB of memory on the CPU path/);
  await confirmation.getByRole('button', { name: 'Do not run' }).click();
  await expect(confirmation).toBeHidden();
  await expect(frame).toHaveAttribute('data-status', 'idle');

  // Nothing started, and the frame still answers: a small size runs without asking.
  await longest.fill('32');
  await longest.press('Tab');
  await frame.getByRole('spinbutton', { name: 'Head width d' }).fill('8');
  await frame.getByRole('spinbutton', { name: 'Head width d' }).press('Tab');
  // A few seconds at most, start-up and each point's own cost counted: under the 30 s that asks.
  await expect(frame.getByTestId('run-estimate')).toHaveText(/^Estimate: (under 1 s|about \d(\.\d)? s) and/);
  await frame.getByRole('button', { name: /^Run/ }).click();
  await expect(frame).toHaveAttribute('data-status', 'done', { timeout: 60_000 });
});

test('a Worker whose WebGPU request fails says so, runs nothing on the CPU by itself, and offers "Run on the CPU"', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  // The page keeps WebGPU; inside the experiment's Worker, asking for an adapter is made to fail.
  await page.route(/\/_astro\/worker[^/]*\.js$/, async (route) => {
    const response = await route.fetch();
    const patch = "if (self.GPU) GPU.prototype.requestAdapter = () => Promise.reject(new DOMException('Forced by the test', 'OperationError'));\n";
    await route.fulfill({ response, body: patch + (await response.text()) });
  });
  const frame = await openExperiment(page, 'sequential-computation', '?parallelism.maxT=8&parallelism.width=8', false);
  await frame.getByRole('button', { name: /^Run/ }).click();
  await expect(frame).toHaveAttribute('data-status', 'failed', { timeout: 30_000 });
  await expect(frame.locator('.experiment-error')).toHaveText(
    'This browser has WebGPU, but it found no graphics adapter to use (it may be disabled or blocklisted).',
  );
  await expect(frame).not.toContainText('runs on the CPU instead');
  await expect(frame.getByText('WebGPU failed, so nothing ran on the CPU yet.')).toBeVisible();
  expect(await frame.locator('.result-table').count()).toBe(0);

  await frame.getByRole('button', { name: 'Run on the CPU' }).click();
  await expect(frame).toHaveAttribute('data-status', 'done', { timeout: 60_000 });
  await expect(frame).toHaveAttribute('data-backend', 'cpu');
  const line = frame.getByTestId('backend-line');
  await expect(line).toContainText('Runs on the CPU reference, no WebGPU: WebGPU failed here: This browser has WebGPU, but it found no graphics adapter');
  await expect(line).toContainText('Last run: CPU reference, no WebGPU');
  expect(await frame.locator('.result-table tbody tr').count()).toBeGreaterThan(0);

  // The bug form asks for this line: one click copies it.
  await frame.getByRole('button', { name: 'Copy the backend line' }).click();
  await expect(frame.getByText('Copied the backend line.')).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(await line.textContent());
});

test('a run whose Worker cannot be created ends in a failed state with the reason, and Run works again', async ({ page }) => {
  await page.addInitScript(() => {
    window.Worker = class {
      constructor() {
        throw new DOMException('Forced by the test', 'SecurityError');
      }
    } as unknown as typeof Worker;
  });
  const frame = await openExperiment(page, 'sequential-computation', '?parallelism.maxT=4&parallelism.width=8', false);
  const run = frame.getByRole('button', { name: /^Run/ });
  await run.click();
  await expect(frame).toHaveAttribute('data-status', 'failed');
  await expect(frame.locator('.experiment-error')).toHaveText('The experiment could not start (SecurityError: Forced by the test). Nothing ran.');
  await expect(frame.getByRole('button', { name: 'Run on the CPU' })).toHaveCount(0);
  await expect(run).toBeEnabled();
  await run.click();
  await expect(frame).toHaveAttribute('data-status', 'failed');
});

test('a Worker whose script never loads is a start failure, and the frame does not offer the CPU path, which needs the same Worker', async ({ page }) => {
  const frame = await openExperiment(page, 'sequential-computation', '?parallelism.maxT=4&parallelism.width=8', false);
  // The positive case first: the Worker's script is requested when Run is pressed.
  const requested = page.waitForRequest(/\/_astro\/worker[^/]*\.js$/);
  await page.route(/\/_astro\/worker[^/]*\.js$/, (route) => route.abort('failed'));
  await frame.getByRole('button', { name: /^Run/ }).click();
  await requested;
  await expect(frame).toHaveAttribute('data-status', 'failed', { timeout: 30_000 });
  await expect(frame.locator('.experiment-error')).toContainText("The experiment's worker did not start");
  await expect(frame.getByRole('button', { name: 'Run on the CPU' })).toHaveCount(0);
});

test('with a slow adapter, a shared link’s values survive: the controls wait for the backend', async ({ page }) => {
  // The adapter answers only when the test lets it, as late as on a busy machine: no clock decides what is checked meanwhile.
  await page.addInitScript(() => {
    const request = GPU.prototype.requestAdapter;
    let release: () => void = () => undefined;
    const released = new Promise<void>((resolve) => (release = resolve));
    (window as unknown as { releaseAdapter(): void }).releaseAdapter = () => release();
    GPU.prototype.requestAdapter = function (this: GPU, ...args: Parameters<GPU['requestAdapter']>) {
      return released.then(() => request.apply(this, args));
    };
  });
  await page.goto(`${siteUrl()}chapters/long-range-dependencies/?gradients.distance=1500&gradients.width=100`);
  const frame = page.locator('.experiment-frame').first();
  await frame.scrollIntoViewIfNeeded();
  const distance = frame.getByRole('spinbutton', { name: 'Largest distance K' });
  // Before the backend is known, the controls and presets cannot be edited.
  await expect(frame.getByTestId('backend-line')).toHaveText('Looking for WebGPU…');
  await expect(distance).toBeDisabled();
  for (const preset of await frame.locator('.experiment-preset').all()) await expect(preset).toBeDisabled();
  await expect(page).toHaveURL(/gradients\.distance=1500/);
  // Once it is, the link's values are read, and only then may they change.
  await page.evaluate(() => (window as unknown as { releaseAdapter(): void }).releaseAdapter());
  await expect(frame).toHaveAttribute('data-backend', 'webgpu', { timeout: 30_000 });
  await expect(distance).toBeEnabled();
  await expect(distance).toHaveValue('1500');
  await expect(frame.getByRole('spinbutton', { name: 'Hidden size d' })).toHaveValue('100');
  await expect(page).toHaveURL(/gradients\.distance=1500&gradients\.width=100/);
});

test('a repeated key and a bidi override in a link each get a notice that shows them safely', async ({ page }) => {
  const frame = await openExperiment(page, 'sequential-computation', '?parallelism.maxT=64&parallelism.maxT=8&parallelism.width=%E2%80%AE12', false);
  await expect(frame.getByRole('spinbutton', { name: 'Longest sequence T' })).toHaveValue('64');
  await expect(frame.getByRole('alert').filter({ hasText: 'the link gives it 2 times (“64”, “8”); using the first.' })).toBeVisible();
  const bidi = frame.getByRole('alert').filter({ hasText: '“[U+202E]12” is not a number' });
  await expect(bidi).toBeVisible();
  expect(await bidi.textContent()).not.toContain('\u202e');
});

test('the scan link of the review asks before it runs, and a size past the device’s buffers is refused with the largest that fits', async ({ page }) => {
  await page.goto(`${siteUrl()}chapters/when-rnns-win/?scan.maxT=1048576&scan.channels=64`);
  const scanFrame = () => page.locator('.experiment-frame').filter({ has: page.getByRole('spinbutton', { name: 'Channels (width of h)' }) });
  const frame = scanFrame();
  await frame.scrollIntoViewIfNeeded();
  // 1 GiB held at once: past the 512 MiB a run takes without asking, whatever the adapter allows.
  await expect(frame.getByTestId('run-estimate')).toHaveText(/up to 1 GiB of memory/, { timeout: 30_000 });
  await frame.getByRole('button', { name: /^Run/ }).click();
  const confirmation = frame.getByRole('alertdialog', { name: 'Confirm this run' });
  await expect(confirmation).toContainText(/up to 1 GiB of memory on WebGPU, past the 30 s or 512 MiB/);
  await confirmation.getByRole('button', { name: 'Do not run' }).click();
  await expect(frame).toHaveAttribute('data-status', 'idle');

  // 4,194,304 × 256 float32 is a 4 GiB buffer, past any binding this adapter grants: refused before it starts.
  await page.goto(`${siteUrl()}chapters/when-rnns-win/?scan.maxT=4194304&scan.channels=256`);
  const refused = scanFrame();
  await refused.scrollIntoViewIfNeeded();
  const refusal = refused.locator('.experiment-refusal');
  await expect(refusal).toContainText('This run needs a buffer of 4 GiB', { timeout: 30_000 });
  await expect(refused.getByRole('button', { name: /^Run/ })).toBeDisabled();
  const use = refusal.getByRole('button', { name: /^Use Longest sequence T = / });
  const fits = Number((await use.textContent())!.replace(/\D/g, ''));
  expect(fits).toBeGreaterThanOrEqual(1024);
  expect(fits).toBeLessThan(4194304);
  await use.click();
  await expect(refusal).toHaveCount(0);
  await expect(refused.getByRole('spinbutton', { name: 'Longest sequence T' })).toHaveValue(String(fits));
  await expect(refused.getByRole('button', { name: /^Run/ })).toBeEnabled();
});

test('the CPU path is a choice before Run, beside WebGPU', async ({ page }) => {
  const frame = await openExperiment(page, 'sequential-computation', '?parallelism.maxT=8&parallelism.width=8', false);
  const choice = frame.getByRole('group', { name: 'Run on' });
  await expect(choice.getByRole('radio', { name: 'WebGPU' })).toBeChecked();
  await choice.getByRole('radio', { name: /the CPU reference/ }).check();
  await expect(frame).toHaveAttribute('data-backend', 'cpu');
  await expect(frame.getByTestId('run-estimate')).toContainText('CPU reference');
  await frame.getByRole('button', { name: /^Run/ }).click();
  await expect(frame).toHaveAttribute('data-status', 'done', { timeout: 60_000 });
  await expect(frame.getByTestId('backend-line')).toContainText('Last run: CPU reference, no WebGPU');
  // And back: WebGPU runs again.
  await choice.getByRole('radio', { name: 'WebGPU' }).check();
  await expect(frame).toHaveAttribute('data-backend', 'webgpu');
  await frame.getByRole('button', { name: /^Run/ }).click();
  await expect(frame).toHaveAttribute('data-status', 'done', { timeout: 60_000 });
  await expect(frame.getByTestId('backend-line')).toContainText('Last run: WebGPU on');
});
