import { expect, test, type Locator, type Page } from '@playwright/test';
import { siteUrl } from '../support/site';

// Both training experiments, each at tiny sizes on WebGPU (SwiftShader in CI) and on the CPU path,
// from their embed pages (the same frame as in the chapters): rows, intervals, the heatmap and its numbers.

type Row = Record<string, string>;

const backends = [
  { name: 'WebGPU', disableWebGpu: false, line: /Last run: WebGPU on /, dataBackend: 'webgpu' },
  { name: 'the CPU path', disableWebGpu: true, line: /Last run: CPU reference, no WebGPU/, dataBackend: 'cpu' },
] as const;

async function openEmbed(page: Page, name: string, query: string, disableWebGpu: boolean): Promise<Locator> {
  if (disableWebGpu) {
    await page.addInitScript(() => Object.defineProperty(Navigator.prototype, 'gpu', { get: () => undefined, configurable: true }));
  }
  await page.goto(`${siteUrl()}embed/experiment/${name}/${query}`);
  const frame = page.locator('.experiment-frame').first();
  // Finding the adapter can take seconds on a loaded CPU.
  await expect(frame).toHaveAttribute('data-backend', disableWebGpu ? 'cpu' : 'webgpu', { timeout: 30_000 });
  return frame;
}

async function runAndRead(frame: Locator): Promise<Row[]> {
  await expect(frame.getByRole('button', { name: /^Run/ })).toBeEnabled({ timeout: 30_000 });
  await frame.getByRole('button', { name: /^Run/ }).click();
  await expect(frame).toHaveAttribute('data-status', 'done', { timeout: 120_000 });
  return readRows(frame);
}

/** Starts a long run: Run, and Run anyway where the page asks first (the estimate depends on the device). */
async function startLongRun(frame: Locator): Promise<void> {
  await expect(frame.getByRole('button', { name: /^Run/ })).toBeEnabled({ timeout: 30_000 });
  await frame.getByRole('button', { name: /^Run/ }).click();
  const confirmation = frame.getByRole('alertdialog', { name: 'Confirm this run' });
  const pause = frame.getByRole('button', { name: 'Pause' });
  await expect(confirmation.or(pause)).toBeVisible({ timeout: 30_000 });
  if (await confirmation.isVisible()) await confirmation.getByRole('button', { name: 'Run anyway' }).click();
  await expect(pause).toBeVisible();
}

/** Every row of every result table, as its cells' raw values by column, each with its table's caption. */
async function readRows(frame: Locator): Promise<Row[]> {
  for (const showAll of await frame.getByRole('button', { name: /^Show all \d+ rows$/ }).all()) await showAll.click();
  return frame.locator('.result-table').evaluateAll((tables) =>
    tables.flatMap((table) =>
      [...table.querySelectorAll('tbody tr')].map((row) => ({
        // The caption sits above the scroll box; the table names it by aria-labelledby.
        caption: document.getElementById(table.querySelector('table')?.getAttribute('aria-labelledby') ?? '')?.textContent ?? '',
        ...Object.fromEntries([...row.querySelectorAll('td')].map((cell) => [(cell as HTMLElement).dataset.column!, (cell as HTMLElement).dataset.value!])),
      })),
    ),
  );
}

/** The heatmap's numbers: each head's grid as rows of cell texts. */
async function heatmapCells(frame: Locator): Promise<string[][][]> {
  return frame
    .locator('.attention-heatmap-grid table')
    .evaluateAll((grids) =>
      grids.map((grid) => [...grid.querySelectorAll('tbody tr')].map((row) => [...row.querySelectorAll('td')].map((cell) => cell.textContent ?? ''))),
    );
}

/** One table's rows, by caption prefix: each cell's text as shown and its raw value, by column. */
async function readTable(frame: Locator, captionStart: string): Promise<Array<{ text: Row; value: Row }>> {
  for (const showAll of await frame.getByRole('button', { name: /^Show all \d+ rows$/ }).all()) await showAll.click();
  const tables = await frame.locator('.result-table').evaluateAll((elements) =>
    elements.map((table) => ({
      caption: document.getElementById(table.querySelector('table')?.getAttribute('aria-labelledby') ?? '')?.textContent ?? '',
      rows: [...table.querySelectorAll('tbody tr')].map((row) => {
        const cells = [...row.querySelectorAll('td')] as HTMLElement[];
        return {
          text: Object.fromEntries(cells.map((cell) => [cell.dataset.column!, (cell.textContent ?? '').trim()])),
          value: Object.fromEntries(cells.map((cell) => [cell.dataset.column!, cell.dataset.value!])),
        };
      }),
    })),
  );
  const table = tables.find((entry) => entry.caption.startsWith(captionStart));
  expect(table, `a table captioned "${captionStart}…"`).toBeDefined();
  return table!.rows;
}

/** "91.2% (95% interval 86%–94.6%, 233 of 256)", as the headlines write an accuracy. */
const ACCURACY = String.raw`([\d.]+%) \(95% interval ([^,]+), ([\d,]+) of ([\d,]+)\)`;

/** An accuracy from the headline is its row's: the accuracy, interval and count cells as shown, and the right answers behind the rate. */
function expectAccuracyInRow(headline: string, [accuracy, interval, correct, counted]: string[], row: { text: Row; value: Row } | undefined): void {
  expect(row, `the table row for "${accuracy}" in: ${headline}`).toBeDefined();
  expect(row!.text.accuracy, headline).toBe(accuracy);
  expect(row!.text.accuracyLow, headline).toBe(interval);
  expect(row!.text.counted, headline).toBe(counted);
  expect(Math.round(Number(row!.value.accuracy) * Number(row!.value.counted)), headline).toBe(Number(correct!.replace(/,/g, '')));
}

const count = (text: string) => Number(text.replace(/,/g, ''));

for (const backend of backends) {
  test.describe(`training on ${backend.name}`, () => {
    test('recall: accuracy at each N with Wilson intervals, ten evaluations, the heatmap beside the answers', async ({ page }) => {
      const query = '?recall-training.pairs=4&recall-training.lstmWidth=8&recall-training.steps=12&recall-training.seed=3';
      const frame = await openEmbed(page, 'recall-training', query, backend.disableWebGpu);
      const rows = await runAndRead(frame);
      const final = rows.filter((row) => row.caption.startsWith('After training'));
      for (const series of ['LSTM', 'Attention']) {
        const mine = final.filter((row) => row.series === series);
        expect(mine.map((row) => Number(row.pairs))).toEqual([2, 4, 8]);
        for (const row of mine) {
          expect(Number(row.counted)).toBeGreaterThanOrEqual(64);
          expect(Number(row.accuracyLow)).toBeLessThanOrEqual(Number(row.accuracy));
        }
        // Ten evaluations at each trained N (2 and 4).
        const during = rows.filter((row) => row.caption.startsWith('During training') && row.series === series);
        expect(new Set(during.map((row) => row.step)).size).toBe(10);
        expect(during).toHaveLength(20);
      }
      const heatmap = frame.locator('.attention-heatmap');
      await expect(heatmap).toBeVisible();
      await expect(heatmap.getByRole('table', { name: /Head 1 of 2, after step 12/ })).toBeVisible();
      const grids = await heatmapCells(frame);
      expect(grids).toHaveLength(2);
      // Four queries, and each query's weights (its unmasked cells) sum to about 1 (printed to two decimals).
      for (const grid of grids) {
        expect(grid).toHaveLength(4);
        for (const cells of grid) {
          const sum = cells.filter((cell) => cell !== '').reduce((total, cell) => total + Number(cell), 0);
          expect(sum).toBeGreaterThan(0.9);
          expect(sum).toBeLessThan(1.1);
        }
      }
      await expect(heatmap.getByRole('table', { name: /each model’s answers/ }).locator('tbody tr')).toHaveCount(4);
      await expect(frame.locator('.experiment-summary')).toContainText(/has [\d,]+ parameters and the attention model/);
      await expect(frame.getByTestId('backend-line')).toContainText(backend.line);
    });

    test("recall: the headline's accuracies, intervals, counts, N and losses are its tables' cells", async ({ page }) => {
      const query = '?recall-training.pairs=4&recall-training.lstmWidth=8&recall-training.steps=12&recall-training.seed=3';
      const frame = await openEmbed(page, 'recall-training', query, backend.disableWebGpu);
      await runAndRead(frame);
      const headline = (await frame.locator('.experiment-headline').textContent())!;
      const match = new RegExp(
        String.raw`With ([\d,]+) key–value pairs to hold, the attention model answered ${ACCURACY} of the held-out queries at N = ([\d,]+) and the LSTM ${ACCURACY}` +
          String.raw`(?:, after solving N = ([\d,]+) \(([\d.]+%)\))?(?:; over the last [\d.]+% of training its held-out loss there went from ([\d.]+) to ([\d.]+))?\.`,
      ).exec(headline);
      expect(match, headline).not.toBeNull();
      const [, pairs, ...rest] = match!;
      const attention = rest.slice(0, 4);
      const n = rest[4]!;
      const lstm = rest.slice(5, 9);
      const [solvedN, solvedAccuracy, lossFrom, lossTo] = rest.slice(9);
      expect(count(pairs!)).toBe(4);
      expect(count(n)).toBe(4);
      const final = await readTable(frame, 'After training');
      const at = (series: string, pairsN: string) => final.find((row) => row.value.series === series && row.text.pairs === pairsN);
      expectAccuracyInRow(headline, attention, at('Attention', n));
      expectAccuracyInRow(headline, lstm, at('LSTM', n));
      if (solvedN !== undefined) expect(at('LSTM', solvedN)?.text.accuracy, headline).toBe(solvedAccuracy);
      // The LSTM's held-out losses at the largest N, from the evaluations during training, the last one last.
      if (lossFrom !== undefined) {
        const during = (await readTable(frame, 'During training')).filter((row) => row.value.series === 'LSTM' && row.text.pairs === n);
        const losses = during.map((row) => row.text.heldOutLoss);
        expect(losses, headline).toContain(lossFrom);
        const last = during.reduce((a, b) => (Number(b.value.step) > Number(a.value.step) ? b : a));
        expect(last.text.heldOutLoss, headline).toBe(lossTo);
      }
    });

    test('continue trains the same models for more steps, and reset frees them', async ({ page }) => {
      const query = '?state-tracking.length=3&state-tracking.lstmWidth=8&state-tracking.steps=5&state-tracking.seed=4';
      const frame = await openEmbed(page, 'state-tracking', query, backend.disableWebGpu);
      await runAndRead(frame);
      await frame.getByLabel('More steps').fill('7');
      await frame.getByRole('button', { name: 'Continue training' }).click();
      await expect(frame.getByRole('table', { name: /Head 1 of 1, after step 12/ })).toBeVisible({ timeout: 120_000 });
      await expect(frame).toHaveAttribute('data-status', 'done', { timeout: 120_000 });
      const rows = await readRows(frame);
      const finalSteps = new Set(rows.filter((row) => row.caption.startsWith('After training')).map((row) => row.step));
      expect([...finalSteps].sort()).toEqual(['12', '5']);
      // Ten evaluations in each run: steps 1–5, then 6–12 (seven, since a run evaluates at most once a step).
      expect(new Set(rows.filter((row) => row.caption.startsWith('During training')).map((row) => row.step)).size).toBe(12);
      const trainingWorkers = () => page.workers().filter((worker) => worker.url().includes('training-worker')).length;
      expect(trainingWorkers()).toBe(1);
      await frame.getByRole('button', { name: /^Reset/ }).click();
      await expect(frame.getByRole('button', { name: 'Continue training' })).toHaveCount(0);
      // Reset releases the session: the Worker frees the device, says so, and is gone.
      await expect.poll(trainingWorkers, { timeout: 30_000 }).toBe(0);
    });

    test('pause ends a run between steps, keeps its rows, and continue goes on from the step it reached', async ({ page }) => {
      test.setTimeout(240_000);
      // Enough steps that the run is still going when Pause is pressed, at sizes that keep each step small.
      const query = '?recall-training.pairs=4&recall-training.lstmWidth=8&recall-training.steps=3000&recall-training.seed=5';
      const frame = await openEmbed(page, 'recall-training', query, backend.disableWebGpu);
      await startLongRun(frame);
      // The first of the ten evaluations (step 300) is in the table before the pause.
      await expect(
        frame
          .getByRole('table', { name: /^During training/ })
          .locator('tbody tr')
          .first(),
      ).toBeVisible({ timeout: 120_000 });
      await frame.getByRole('button', { name: 'Pause' }).click();
      await expect(frame).toHaveAttribute('data-status', 'paused', { timeout: 60_000 });
      await expect(frame.getByText(/^Paused\. The models are kept/)).toBeVisible();
      const paused = await readRows(frame);
      const pausedAt = Math.max(...paused.filter((row) => row.caption.startsWith('After training')).map((row) => Number(row.step)));
      // It stopped early, after the first evaluation: fewer steps than asked, and the rows so far kept.
      expect(pausedAt).toBeGreaterThanOrEqual(300);
      expect(pausedAt).toBeLessThan(3000);
      const evaluated = paused.filter((row) => row.caption.startsWith('During training')).length;
      expect(evaluated).toBeGreaterThan(0);
      await frame.getByLabel('More steps').fill('4');
      await frame.getByRole('button', { name: 'Continue training' }).click();
      await expect(frame).toHaveAttribute('data-status', 'done', { timeout: 120_000 });
      const rows = await readRows(frame);
      // The same models went on: the continuation's final rows are four steps past the pause, and the earlier rows are still there.
      const finalSteps = [...new Set(rows.filter((row) => row.caption.startsWith('After training')).map((row) => Number(row.step)))].sort((a, b) => a - b);
      expect(finalSteps).toEqual([pausedAt, pausedAt + 4]);
      expect(rows.filter((row) => row.caption.startsWith('During training')).length).toBeGreaterThan(evaluated);
    });

    test('state tracking: accuracy out to 4L with intervals, and the heatmap of every position', async ({ page }) => {
      const query = '?state-tracking.length=4&state-tracking.lstmWidth=8&state-tracking.steps=10&state-tracking.seed=2';
      const frame = await openEmbed(page, 'state-tracking', query, backend.disableWebGpu);
      const rows = await runAndRead(frame);
      const final = rows.filter((row) => row.caption.startsWith('After training'));
      for (const series of ['LSTM', 'Attention']) {
        const mine = final.filter((row) => row.series === series);
        expect(mine.map((row) => Number(row.length))).toEqual([2, 4, 6, 8, 12, 16]);
        for (const row of mine) expect(Number(row.counted)).toBeGreaterThanOrEqual(64);
      }
      const grids = await heatmapCells(frame);
      // One head; the example has 2L = 8 positions, each a query.
      expect(grids).toHaveLength(1);
      expect(grids[0]).toHaveLength(8);
      await expect(frame.locator('.experiment-summary')).toContainText(/The LSTM|the LSTM/);
      await expect(frame.getByTestId('backend-line')).toContainText(backend.line);
    });

    test("state tracking: the headline's lengths, accuracies, intervals and counts are its table's cells", async ({ page }) => {
      const query = '?state-tracking.length=4&state-tracking.lstmWidth=8&state-tracking.steps=10&state-tracking.seed=2';
      const frame = await openEmbed(page, 'state-tracking', query, backend.disableWebGpu);
      await runAndRead(frame);
      const headline = (await frame.locator('.experiment-headline').textContent())!;
      const match = new RegExp(
        String.raw`Trained on sequences of up to ([\d,]+) digits, the LSTM kept the running sum mod ([\d,]+) right after ([\d,]+) digits on ${ACCURACY} ` +
          String.raw`of held-out sequences and the attention model on ${ACCURACY}; chance is ([\d.]+%)\.`,
      ).exec(headline);
      expect(match, headline).not.toBeNull();
      const [, trained, modulus, longest, ...rest] = match!;
      const lstm = rest.slice(0, 4);
      const attention = rest.slice(4, 8);
      const chance = rest[8]!;
      expect(count(trained!)).toBe(4);
      expect(Number(chance.replace('%', ''))).toBeCloseTo(100 / count(modulus!), 1);
      const final = await readTable(frame, 'After training');
      const lengths = (series: string) => final.filter((row) => row.value.series === series).map((row) => row.text.length);
      // The trained length is a row of the table, and the headline's length is its longest, for both models.
      for (const series of ['LSTM', 'Attention']) {
        expect(lengths(series)).toContain(trained);
        expect(Math.max(...lengths(series).map((text) => count(text!)))).toBe(count(longest!));
      }
      const at = (series: string) => final.find((row) => row.value.series === series && row.text.length === longest);
      expectAccuracyInRow(headline, lstm, at('LSTM'));
      expectAccuracyInRow(headline, attention, at('Attention'));
    });
  });
}

test('a lost device mid-run says so and keeps the curves so far', async ({ page }) => {
  test.setTimeout(240_000);
  // The device is destroyed from inside the training Worker (or the page, where it hosts the session) once
  // training is under way: the same loss the browser reports when it resets a GPU.
  const loseDevice = () => {
    const scope = globalThis as unknown as { GPUDevice?: { prototype: GPUDevice }; __encoders?: number };
    if (!scope.GPUDevice) return;
    const create = scope.GPUDevice.prototype.createCommandEncoder;
    scope.GPUDevice.prototype.createCommandEncoder = function (this: GPUDevice, ...args: Parameters<GPUDevice['createCommandEncoder']>) {
      scope.__encoders = (scope.__encoders ?? 0) + 1;
      // Each model's step records one encoder, so this is near step 500, after the first evaluation (step 300).
      if (scope.__encoders === 1000) this.destroy();
      return create.apply(this, args);
    };
  };
  await page.addInitScript(loseDevice);
  page.on('worker', (worker) => {
    if (worker.url().includes('training-worker')) void worker.evaluate(loseDevice).catch(() => {});
  });
  const query = '?recall-training.pairs=4&recall-training.lstmWidth=8&recall-training.steps=3000&recall-training.seed=6';
  const frame = await openEmbed(page, 'recall-training', query, false);
  await startLongRun(frame);
  await expect(frame).toHaveAttribute('data-status', 'failed', { timeout: 180_000 });
  await expect(frame.locator('.experiment-error')).toContainText('The GPU device was lost');
  await expect(frame.getByRole('button', { name: 'Start again with a new GPU device' })).toBeVisible();
  // The curves so far are kept: the training loss and the evaluations before the loss.
  const rows = await readRows(frame);
  expect(rows.filter((row) => row.caption.startsWith('Training')).length).toBeGreaterThan(0);
  expect(rows.filter((row) => row.caption.startsWith('During training')).length).toBeGreaterThan(0);
  await expect(frame.locator('.experiment-plot').first()).toBeVisible();
  await expect(frame.getByRole('button', { name: 'Continue training' })).toHaveCount(0);
});
