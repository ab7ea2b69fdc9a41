import { expect, test, type Page } from '@playwright/test';
import { formatMismatches, type Comparison } from '../../kernels/runtime/compare';
import { harnessUrl } from '../support/site';
import { CASE_NAMES } from './harness/case-table';

// Every kernel variant against its CPU reference on a real WebGPU adapter
// (SwiftShader in CI). No adapter is a failure, never a skip.

let page: Page;

test.beforeAll(async ({ browser }) => {
  page = await browser.newPage();
  page.on('console', (message) => {
    if (message.type() === 'error') console.error(`[harness] ${message.text()}`);
  });
  await page.goto(harnessUrl());
  await page.waitForSelector('body[data-ready="true"]');
});

test.afterAll(async () => {
  await page.close();
});

test('a WebGPU adapter is available', async () => {
  const adapter = await page.evaluate(() => window.kernelHarness.adapter().catch((error: Error) => ({ error: error.message })));
  expect(
    adapter,
    'No WebGPU adapter: launch Chromium with --enable-unsafe-webgpu (see tests/support/chromium.mjs); on Linux without a GPU it falls back to SwiftShader.',
  ).not.toHaveProperty('error');
  expect(adapter).toHaveProperty('vendor');
});

test('the harness runs exactly the named cases', async () => {
  expect(await page.evaluate(() => window.kernelHarness.caseNames())).toEqual(CASE_NAMES);
  expect(CASE_NAMES.length).toBeGreaterThan(40);
});

test.describe('each kernel case matches its CPU reference', () => {
  for (const name of CASE_NAMES) {
    test(name, async () => {
      const report = await page.evaluate((caseName) => window.kernelHarness.runCase(caseName), name);
      expect(report, `${name} threw: ${JSON.stringify(report)}`).toHaveProperty('passed');
      expect((report as Comparison & { backend: string }).backend).toMatch(/^WebGPU on /);
      expect((report as Comparison).passed, formatMismatches(name, report as Comparison)).toBe(true);
    });
  }
});

test('the CPU path runs the same cases and labels itself', async () => {
  const report = await page.evaluate(() => window.kernelHarness.runCase('attention/flash/T37-dk20-dv12', 'cpu'));
  expect(report).toMatchObject({ passed: true, backend: 'CPU reference, no WebGPU' });
});

test.describe('failures are classified with a sentence for the reader', () => {
  const expectations: Array<[string, string, RegExp]> = [
    ['no-webgpu', 'no-webgpu', /does not offer WebGPU/],
    ['no-adapter', 'no-adapter', /found no graphics adapter/],
    ['limit-request', 'limit', /maxBufferSize.*The largest sequence length that fits is/],
    ['limit-size', 'limit', /The largest sequence length for a materialised T×T score matrix that fits is [\d,]+\./],
    ['invalid-shader', 'validation', /rejected this work as invalid/],
    ['destroyed-device', 'device-lost', /device was lost.*Start again/],
    ['cancelled', 'cancelled', /cancelled/],
  ];
  for (const [name, kind, message] of expectations) {
    test(name, async () => {
      const report = await page.evaluate((caseName) => window.kernelHarness.errorCase(caseName), name);
      expect(report.kind, JSON.stringify(report)).toBe(kind);
      expect('message' in report ? report.message : '').toMatch(message);
      if (name === 'destroyed-device') expect(report).toHaveProperty('recovered', true);
      if (name === 'limit-size') {
        // The largest T is the one whose 4·T² bytes fit the smaller of the two buffer limits.
        const adapter = await page.evaluate(() => window.kernelHarness.adapter());
        const largest = Math.floor(Math.sqrt(Math.min(adapter.maxBufferSize, adapter.maxStorageBufferBindingSize) / 4));
        expect('message' in report ? report.message : '').toContain(`fits is ${largest.toLocaleString('en-US')}.`);
      }
    });
  }
});
