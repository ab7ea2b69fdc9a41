// `npm run bench -- --node`: the benchmark suite headless through Dawn's Node
// bindings (the `webgpu` package), with no browser, so a GPU server or a CI runner
// with a GPU can measure the kernels. The suite is bundled with esbuild (the
// kernels import their WGSL as `?raw`) and runs against Dawn's navigator.gpu.
import { build } from 'esbuild';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { spawnSync } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { resolve } from 'node:path';

const here = fileURLToPath(new URL('.', import.meta.url));
/** Vulkan drivers that run on the CPU, tried when no adapter is found without one. */
const SOFTWARE_VULKAN_ICDS = ['/usr/lib/chromium/vk_swiftshader_icd.json', '/usr/lib64/chromium/vk_swiftshader_icd.json'];

const rawText = {
  name: 'raw-text',
  setup(builder) {
    builder.onResolve({ filter: /\?raw$/ }, (args) => ({ path: resolve(args.resolveDir, args.path.slice(0, -'?raw'.length)), namespace: 'raw' }));
    builder.onLoad({ filter: /.*/, namespace: 'raw' }, async (args) => ({ contents: await readFile(args.path, 'utf8'), loader: 'text' }));
  },
};

async function bundleSuite() {
  const outfile = resolve(here, '../../../dist-bench-node/suite.mjs');
  await build({
    entryPoints: [resolve(here, 'suite.ts')],
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    outfile,
    plugins: [rawText],
    logLevel: 'warning',
  });
  return import(pathToFileURL(outfile).href);
}

/**
 * Requests Dawn's adapter (`adapterName` picks one by name, as Dawn lists them).
 * Without one, reruns this command on a software Vulkan driver if one is
 * installed, or explains that there is none.
 */
async function requestDawnAdapter(adapterName) {
  const { create, globals } = await import('webgpu');
  Object.assign(globalThis, globals);
  let gpu;
  let adapter = null;
  try {
    gpu = create(adapterName ? [`adapter=${adapterName}`] : []);
    adapter = await gpu.requestAdapter({ powerPreference: 'high-performance' });
  } catch (error) {
    // Dawn's message lists the adapters it can see.
    if (adapterName) throw new Error(`No adapter named "${adapterName}". ${error instanceof Error ? error.message : error}`);
  }
  if (adapter) return { gpu, adapter };
  const fallback = SOFTWARE_VULKAN_ICDS.find((path) => existsSync(path));
  if (!process.env.VK_ICD_FILENAMES && fallback) {
    console.error(`No WebGPU adapter through Dawn's default drivers; running again on the software Vulkan driver ${fallback}.`);
    const rerun = spawnSync(process.execPath, process.argv.slice(1), { stdio: 'inherit', env: { ...process.env, VK_ICD_FILENAMES: fallback } });
    process.exit(rerun.status ?? 1);
  }
  throw new Error(
    'No WebGPU adapter through Dawn: this machine has no GPU driver and no Vulkan driver (ICD) that Dawn can use. ' +
      "Install a GPU driver, or point VK_ICD_FILENAMES at a software Vulkan driver such as Chromium's vk_swiftshader_icd.json.",
  );
}

/** Runs the suite in Node and returns the same report the browser run gives. */
export async function benchInNode(options, { adapterName } = {}) {
  const { runBenchmarks, createBenchRuntime } = await bundleSuite();
  const { gpu } = await requestDawnAdapter(adapterName);
  const runtime = await createBenchRuntime(gpu);
  try {
    return await runBenchmarks(runtime, options, (message) => console.error(message));
  } finally {
    runtime.destroy();
  }
}
