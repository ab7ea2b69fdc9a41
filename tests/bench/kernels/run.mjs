// `npm run bench`: runs the kernel benchmarks in headless Chromium on the local
// WebGPU adapter, prints one table measured side by side in one run, writes it
// as JSON, and exits non-zero if a performance target is missed.
import { chromium } from '@playwright/test';
import { mkdir, writeFile } from 'node:fs/promises';
import { buildHarness } from '../../kernels/harness/build.mjs';
import { startStaticServer } from '../../support/static-server.mjs';
import { CHROMIUM_ARGS, findChromium } from '../../support/chromium.mjs';

const quick = process.argv.includes('--quick');
const options = quick
  ? { matmulSize: 256, rnnSteps: 64, rnnHidden: 32, attentionLength: 512, attentionDim: 64, scanLengths: [16384], repetitions: 3, trainingSteps: 20 }
  : {};

const root = await buildHarness();
const server = await startStaticServer({ root });
const browser = await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS });
try {
  const page = await browser.newPage();
  page.on('console', (message) => console.error(`[page] ${message.text()}`));
  await page.goto(`${server.url}index.html`);
  await page.waitForSelector('body[data-ready="true"]');
  const report = await page.evaluate((opts) => window.kernelHarness.bench(opts), options);

  console.log(`Adapter: ${report.adapter}; GPU timestamps: ${report.timestamps ? 'yes' : 'no'}`);
  console.table(
    report.rows.map((row) => ({
      group: row.group,
      kernel: row.name,
      'median ms': Number(row.medianMs.toPrecision(4)),
      'min ms': Number(row.minMs.toPrecision(4)),
      'GFLOP/s': row.gflops === undefined ? '' : Number(row.gflops.toPrecision(3)),
      'bytes allocated': row.allocatedBytes ?? '',
      timing: row.method,
    })),
  );
  console.log(quick ? 'Targets (defined at the full sizes, so not asserted in a --quick run):' : 'Targets:');
  for (const target of report.targets) {
    console.log(`  ${target.met ? 'MET ' : 'MISS'}  ${target.name}: ${target.ratio.toFixed(2)}× (needs ${target.required}×) — ${target.description}`);
  }
  await mkdir('bench-results', { recursive: true });
  const file = `bench-results/kernels${quick ? '-quick' : ''}.json`;
  await writeFile(file, `${JSON.stringify({ date: new Date().toISOString(), ...report }, null, 2)}\n`);
  console.log(`Wrote ${file}`);
  if (!quick && report.targets.some((target) => !target.met)) process.exitCode = 1;
} finally {
  await browser.close();
  await server.close();
}
