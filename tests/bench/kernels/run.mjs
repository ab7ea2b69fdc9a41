// `npm run bench`: runs the kernel benchmarks on the local WebGPU adapter, in
// headless Chromium or, with --node, through Dawn's Node bindings
// (--adapter NAME picks one); prints one table measured side by side in one
// run, writes it as JSON, and exits non-zero if a performance target is missed.
import { mkdir, writeFile } from 'node:fs/promises';

const argv = process.argv.slice(2);
const quick = argv.includes('--quick');
const node = argv.includes('--node');
const adapterFlag = argv.indexOf('--adapter');
const adapterName = adapterFlag >= 0 ? argv[adapterFlag + 1] : undefined;
if (adapterFlag >= 0 && (!adapterName || !node)) {
  console.error('--adapter NAME needs a name, and applies to --node runs (the browser picks its own adapter).');
  process.exit(2);
}
const peakFlag = argv.indexOf('--peak-gflops');
const peak = peakFlag >= 0 ? Number(argv[peakFlag + 1]) : undefined;
if (peak !== undefined && !(peak > 0)) {
  console.error("--peak-gflops needs a positive number: the GPU's fp32 peak in GFLOP/s, for the matmul target.");
  process.exit(2);
}
const options = {
  ...(quick
    ? { matmulSize: 256, rnnSteps: 64, rnnHidden: 32, attentionLength: 512, attentionDim: 64, scanLengths: [16384], repetitions: 3, trainingSteps: 20 }
    : {}),
  ...(peak ? { gpuPeakGflops: peak } : {}),
};

async function benchInBrowser() {
  const { chromium } = await import('@playwright/test');
  const { buildHarness } = await import('../../kernels/harness/build.mjs');
  const { startStaticServer } = await import('../../support/static-server.mjs');
  const { CHROMIUM_ARGS, findChromium } = await import('../../support/chromium.mjs');
  const root = await buildHarness();
  const server = await startStaticServer({ root });
  const browser = await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage();
    page.on('console', (message) => console.error(`[page] ${message.text()}`));
    await page.goto(`${server.url}index.html`);
    await page.waitForSelector('body[data-ready="true"]');
    return await page.evaluate((opts) => window.kernelHarness.bench(opts), options);
  } finally {
    await browser.close();
    await server.close();
  }
}

let report;
try {
  report = node ? await (await import('./node.mjs')).benchInNode(options, { adapterName }) : await benchInBrowser();
} catch (error) {
  // Finding no adapter or driver is a sentence for the reader, not a stack trace.
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
}

console.log(
  `Adapter: ${report.adapter} (${report.adapterClass === 'cpu' ? 'CPU adapter' : 'hardware GPU'}, through ${node ? "Dawn's Node bindings" : 'Chromium'}); GPU timestamps: ${report.timestamps ? 'yes' : 'no'}`,
);
console.table(
  report.rows.map((row) => ({
    group: row.group,
    kernel: row.name,
    'median ms': Number(row.medianMs.toPrecision(4)),
    'min ms': Number(row.minMs.toPrecision(4)),
    'GFLOP/s': row.gflops === undefined ? '' : Number(row.gflops.toPrecision(3)),
    'bytes allocated': row.allocatedBytes ?? '',
    'GPU ms': row.gpuMedianMs === undefined ? '' : Number(row.gpuMedianMs.toPrecision(4)),
    'bytes moved': row.trafficBytes ?? '',
    timing: row.method,
  })),
);
// The training rows' notes carry each model's steps per second and the held-out result of the whole run.
for (const row of report.rows.filter((row) => row.group === 'train')) console.log(`${row.name}: ${row.note}`);
console.log(
  `${quick ? 'Targets (defined at the full sizes, so not asserted in a --quick run)' : 'Targets'} for a ${report.adapterClass === 'cpu' ? 'CPU adapter' : 'hardware GPU'}:`,
);
for (const target of report.targets) {
  const interval = target.interval
    ? ` (95% interval ${target.interval.low.toFixed(2)}–${target.interval.high.toFixed(2)}×, ${target.interval.repetitions} runs each)`
    : '';
  // Not met, with an interval that reaches the requirement (on either side of the median): within noise, not a clear miss.
  const noise = !target.met && (target.interval ? target.interval.high >= target.required : target.ratio >= target.required) ? ', within noise' : '';
  console.log(
    `  ${target.met ? 'MET ' : 'MISS'}  ${target.name}: ${target.ratio.toFixed(2)}×${interval} (needs ${target.required}×${noise}) — ${target.description}`,
  );
}
await mkdir('bench-results', { recursive: true });
const file = `bench-results/kernels${node ? '-node' : ''}${quick ? '-quick' : ''}.json`;
await writeFile(file, `${JSON.stringify({ date: new Date().toISOString(), runner: node ? 'dawn-node' : 'chromium', ...report }, null, 2)}\n`);
console.log(`Wrote ${file}`);
if (!quick && report.targets.some((target) => !target.met)) process.exitCode = 1;
