// `npm run experiment -- <name> [--<param> <value>…] [--adapter NAME] [--cpu] [--out FILE] [--list]`:
// bundles src/cli/experiment.ts with esbuild (the kernels import their WGSL as `?raw`, and the
// runner finds definitions through Vite's import.meta.glob, given here from the registry),
// then runs it. Where Dawn finds no adapter, it runs again on a software Vulkan driver
// (SwiftShader, from Chromium) if one is installed, as `npm run bench -- --node` does.
import { build } from 'esbuild';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { resolve } from 'node:path';

const root = resolve(fileURLToPath(new URL('.', import.meta.url)), '..');
const outfile = resolve(root, 'dist-cli/experiment.mjs');
const SOFTWARE_VULKAN_ICDS = ['/usr/lib/chromium/vk_swiftshader_icd.json', '/usr/lib64/chromium/vk_swiftshader_icd.json'];
/** The exit status src/cli/experiment.ts gives when Dawn finds no adapter. */
const EXIT_NO_ADAPTER = 3;

const rawText = {
  name: 'raw-text',
  setup(builder) {
    builder.onResolve({ filter: /\?raw$/ }, (args) => ({ path: resolve(args.resolveDir, args.path.slice(0, -'?raw'.length)), namespace: 'raw' }));
    builder.onLoad({ filter: /.*/, namespace: 'raw' }, async (args) => ({ contents: await readFile(args.path, 'utf8'), loader: 'text' }));
  },
};

if (!process.env.EXPERIMENT_CLI_BUNDLED) {
  await build({
    entryPoints: [resolve(root, 'scripts/experiment-entry.ts')],
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node24',
    outfile,
    plugins: [rawText],
    external: ['webgpu'],
    // The runner's `import.meta.glob` of the definitions, answered from the registry (experiment-entry.ts).
    define: { 'import.meta.glob': 'globalThis.__experimentDefinitionGlob' },
    logLevel: 'warning',
  });
}

const run = (env) => spawnSync(process.execPath, [outfile, ...process.argv.slice(2)], { stdio: 'inherit', env });
let result = run(process.env);
const fallback = SOFTWARE_VULKAN_ICDS.find((path) => existsSync(path));
if (result.status === EXIT_NO_ADAPTER && !process.env.VK_ICD_FILENAMES && fallback) {
  console.error(`Running again on the software Vulkan driver ${fallback}.`);
  result = run({ ...process.env, VK_ICD_FILENAMES: fallback });
}
// Without --adapter there was no adapter at all: say what to install (a named one that is missing has its own message).
if (result.status === EXIT_NO_ADAPTER && !process.argv.slice(2).some((argument) => argument.startsWith('--adapter'))) {
  console.error(
    "Install a GPU driver, or point VK_ICD_FILENAMES at a software Vulkan driver such as Chromium's vk_swiftshader_icd.json (apt-get install chromium libvulkan1), or run the CPU reference with --cpu.",
  );
}
process.exit(result.status ?? 1);
