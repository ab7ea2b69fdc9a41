import { expect, test, type Page } from '@playwright/test';
import { readdirSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { siteUrl } from '../support/site';
import { ATTACH_NOTE, RESULT_FORM, SHARE_URL_MAX } from '../../src/experiments/share-result';
import { resultChecksum } from '../../src/experiments/result-checksum';

// The contributed results under content/results/: the page that lists them, and the
// comparison and "Share this result" link after a reader's own run.

const files = readdirSync('content/results').filter((name) => name.endsWith('.json'));
const parallelismFiles = files.filter(
  (name) => (JSON.parse(readFileSync(`content/results/${name}`, 'utf8')) as { experiment: string }).experiment === 'parallelism',
);

/** Opens a chapter with an experiment's parameters in the URL, runs it on WebGPU, and returns its frame once done. */
async function runTiny(page: Page, chapter: string, experiment: string, query: string) {
  await page.goto(`${siteUrl()}chapters/${chapter}/?${query}`);
  const frame = page.locator(`#experiment-${experiment} .experiment-frame`);
  await frame.scrollIntoViewIfNeeded();
  await expect(frame).toHaveAttribute('data-backend', 'webgpu', { timeout: 30_000 });
  await frame.getByRole('button', { name: /^Run/ }).click();
  await expect(frame).toHaveAttribute('data-status', 'done', { timeout: 90_000 });
  return frame;
}

test('the results page lists every contributed result, with its adapter, class, runner and version', async ({ page }) => {
  await page.goto(`${siteUrl()}results/`);
  await expect(page.getByRole('heading', { level: 1, name: 'Results from other devices' })).toBeVisible();
  await expect(page.locator('main tbody tr')).toHaveCount(files.length);
  // The class column shows each file's class as the built results.json names it (the comparison after a run reads the same).
  const entries = Object.values(
    (await (await page.request.get(`${siteUrl()}results.json`)).json()) as Record<string, Array<{ id: string; deviceClass: string }>>,
  ).flat();
  const classColumn = (await page.locator('main thead').first().getByRole('columnheader').allTextContents()).indexOf('Class');
  expect(classColumn).toBeGreaterThanOrEqual(0);
  for (const name of files) {
    const row = page.locator(`#result-${name.replace(/\.json$/, '')}`);
    const file = JSON.parse(readFileSync(`content/results/${name}`, 'utf8')) as { lessonVersion: string; device: { runner: string } };
    await expect(row).toContainText(file.device.runner);
    await expect(row).toContainText(file.lessonVersion);
    const entry = entries.find((item) => item.id === name.replace(/\.json$/, ''))!;
    await expect(row.getByRole('cell').nth(classColumn)).toContainText(entry.deviceClass);
  }
});

test('after a run, the same experiment on other devices, and a share link to the result form', async ({ page }) => {
  const frame = await runTiny(page, 'sequential-computation', 'parallelism', 'parallelism.maxT=2&parallelism.width=4');
  const compared = frame.getByRole('region', { name: 'Contributed results for this experiment' });
  if (parallelismFiles.length > 0) await expect(compared.locator('tbody tr')).toHaveCount(parallelismFiles.length);
  else await expect(frame.getByText('No one has contributed a result for this experiment yet.')).toBeVisible();
  await expect(frame.getByRole('link', { name: 'All results from other devices' })).toHaveAttribute('href', /\/results\/#parallelism$/);
  const share = frame.getByRole('link', { name: 'Share this result' });
  await expect(share).toHaveAttribute('target', '_blank');
  const link = (await share.getAttribute('href'))!;
  expect(link.length).toBeLessThanOrEqual(SHARE_URL_MAX);
  const href = new URL(link);
  expect(href.pathname).toMatch(/\/issues\/new$/);
  expect(href.searchParams.get('template')).toBe('contribute-a-result.yml');
  const result = JSON.parse(href.searchParams.get('result')!) as { experiment: string; parameters: Record<string, unknown>; checksum: string; rows: unknown[] };
  expect(result).toMatchObject({ experiment: 'parallelism', parameters: { maxT: 2, width: 4 } });
  expect(result.checksum).toMatch(/^sha256:/);
  expect(result.rows.length).toBe(4);
});

test('a result too long for a link is downloaded, and the form that opens says to attach it', async ({ page, context }) => {
  // The form is GitHub's: answer its address here, so the test sees what the link carried without the network.
  await context.route(
    (url) => url.pathname.endsWith('/issues/new'),
    (route) => route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>form</title>' }),
  );
  // A real run, small in time but long in JSON: 16 distances × 4 paths of rows (about 14,000 characters in a link).
  const frame = await runTiny(page, 'long-range-dependencies', 'gradients', 'gradients.distance=16&gradients.width=4');
  const share = frame.getByRole('link', { name: 'Share this result' });
  const [download, form] = await Promise.all([page.waitForEvent('download'), page.waitForEvent('popup'), share.click()]);

  expect(download.suggestedFilename()).toBe('gradients-result.json');
  const text = await readFile((await download.path())!, 'utf8');
  // The file is the result whole: the run's parameters and rows, under a checksum that still matches them.
  const file = JSON.parse(text) as { experiment: string; parameters: Record<string, unknown>; rows: Array<{ series: string; k: number }>; checksum: string };
  expect(file).toMatchObject({ experiment: 'gradients', parameters: { distance: 16, width: 4 } });
  const { rows } = file;
  expect(new Set(rows.map((row) => row.series)).size).toBe(4);
  for (const series of new Set(rows.map((row) => row.series)))
    expect(rows.filter((row) => row.series === series).map((row) => row.k)).toEqual(Array.from({ length: 16 }, (_, index) => index + 1));
  expect(file.checksum).toBe(await resultChecksum(file));
  expect(JSON.stringify(file).length).toBeGreaterThan(SHARE_URL_MAX);

  // The form's link carries the note, not the JSON, and stays under the cap.
  expect(form.url().length).toBeLessThanOrEqual(SHARE_URL_MAX);
  const opened = new URL(form.url());
  expect(opened.searchParams.get('template')).toBe(RESULT_FORM.template);
  expect(opened.searchParams.get(RESULT_FORM.fields.experiment)).toBe('gradients');
  expect(opened.searchParams.get(RESULT_FORM.fields.result)).toBe(ATTACH_NOTE);
  await expect(frame.getByRole('status').filter({ hasText: 'Downloaded gradients-result.json' })).toContainText(
    'Attach it in the form that opened, under “Result as a file”',
  );
  // And the form has that field, whose page text says how to attach the file.
  const template = readFileSync(`.github/ISSUE_TEMPLATE/${RESULT_FORM.template}`, 'utf8');
  expect(template).toContain('label: Result as a file');
  expect(template).toMatch(/attach that file in the "Result as a file" box/);
});

test("a contributed result from an older lesson version is marked as such beside the reader's run", async ({ page }) => {
  // The built results.json, with one parallelism entry as an older version's build would have written it.
  await page.route(
    (url) => url.pathname.endsWith('/results.json'),
    async (route) => {
      const all = (await (await route.fetch()).json()) as Record<string, Array<{ lessonVersion: string; older: boolean }>>;
      all.parallelism = [{ ...all.parallelism![0]!, lessonVersion: '0.0.1', older: true }];
      await route.fulfill({ json: all });
    },
  );
  const frame = await runTiny(page, 'sequential-computation', 'parallelism', 'parallelism.maxT=2&parallelism.width=4');
  const compared = frame.getByRole('region', { name: 'Contributed results for this experiment' });
  await expect(compared.locator('tbody tr')).toHaveCount(1);
  await expect(compared.locator('tbody tr')).toContainText('0.0.1 (older lesson version)');
});
