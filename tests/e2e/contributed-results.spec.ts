import { expect, test } from '@playwright/test';
import { readdirSync, readFileSync } from 'node:fs';
import { siteUrl } from '../support/site';

// The contributed results under content/results/: the page that lists them, and the
// comparison and "Share this result" link after a reader's own run.

const files = readdirSync('content/results').filter((name) => name.endsWith('.json'));
const parallelismFiles = files.filter(
  (name) => (JSON.parse(readFileSync(`content/results/${name}`, 'utf8')) as { experiment: string }).experiment === 'parallelism',
);

test('the results page lists every contributed result, with its adapter, class, runner and version', async ({ page }) => {
  await page.goto(`${siteUrl()}results/`);
  await expect(page.getByRole('heading', { level: 1, name: 'Results from other devices' })).toBeVisible();
  await expect(page.locator('main tbody tr')).toHaveCount(files.length);
  for (const name of files) {
    const row = page.locator(`#result-${name.replace(/\.json$/, '')}`);
    const file = JSON.parse(readFileSync(`content/results/${name}`, 'utf8')) as { lessonVersion: string; device: { runner: string } };
    await expect(row).toContainText(file.device.runner);
    await expect(row).toContainText(file.lessonVersion);
  }
});

test('after a run, the same experiment on other devices, and a share link to the result form', async ({ page }) => {
  await page.goto(`${siteUrl()}chapters/sequential-computation/?parallelism.maxT=2&parallelism.width=4`);
  const frame = page.locator('.experiment-frame').first();
  await frame.scrollIntoViewIfNeeded();
  await expect(frame).toHaveAttribute('data-backend', 'webgpu', { timeout: 30_000 });
  await frame.getByRole('button', { name: /^Run/ }).click();
  await expect(frame).toHaveAttribute('data-status', 'done', { timeout: 90_000 });
  const compared = frame.getByRole('region', { name: 'Contributed results for this experiment' });
  if (parallelismFiles.length > 0) await expect(compared.locator('tbody tr')).toHaveCount(parallelismFiles.length);
  else await expect(frame.getByText('No one has contributed a result for this experiment yet.')).toBeVisible();
  await expect(frame.getByRole('link', { name: 'All results from other devices' })).toHaveAttribute('href', /\/results\/#parallelism$/);
  const share = frame.getByRole('link', { name: 'Share this result' });
  await expect(share).toHaveAttribute('target', '_blank');
  const href = new URL((await share.getAttribute('href'))!);
  expect(href.pathname).toMatch(/\/issues\/new$/);
  expect(href.searchParams.get('template')).toBe('contribute-a-result.yml');
  const result = JSON.parse(href.searchParams.get('result')!) as { experiment: string; parameters: Record<string, unknown>; checksum: string; rows: unknown[] };
  expect(result).toMatchObject({ experiment: 'parallelism', parameters: { maxT: 2, width: 4 } });
  expect(result.checksum).toMatch(/^sha256:/);
  expect(result.rows.length).toBe(4);
});
