// Builds the kernel harness (tests/kernels/harness/index.html and everything it imports)
// into a static folder with Vite, so the tests and the benchmark load real bundles.
import { build } from 'vite';
import { fileURLToPath } from 'node:url';
import { resolve } from 'node:path';

const here = fileURLToPath(new URL('.', import.meta.url));

export async function buildHarness(outDir = resolve(here, '../../../dist-harness')) {
  await build({
    root: here,
    base: './',
    logLevel: 'warn',
    configFile: false,
    build: { outDir, emptyOutDir: true, target: 'es2022', minify: false, reportCompressedSize: false },
  });
  return outDir;
}
