// `npm run bench:train`: the training bench alone, in Node through Dawn (SwiftShader where there is no GPU),
// without the browser; `-- --cpu` runs the CPU path at its defaults. Prints the report as JSON.
import { createServer } from 'vite';

const cpu = process.argv.includes('--cpu');
// Vite only transforms the TypeScript (and the ?raw WGSL imports); nothing is served.
const server = await createServer({ configFile: false, root: process.cwd(), logLevel: 'error', appType: 'custom', server: { middlewareMode: true } });
try {
  const { runTrainingBench } = await server.ssrLoadModule('/kernels/train/bench.ts');
  const { CPU_TRAINING_DEFAULTS, TRAINING_DEFAULTS } = await server.ssrLoadModule('/kernels/train/host.ts');
  const { CPU_BACKEND } = await server.ssrLoadModule('/kernels/runtime/index.ts');
  const { dawnRuntime } = await server.ssrLoadModule('/tests/support/dawn.ts');
  const backend = cpu ? CPU_BACKEND : { kind: 'webgpu', runtime: await dawnRuntime() };
  const report = await runTrainingBench(backend, { config: cpu ? CPU_TRAINING_DEFAULTS : TRAINING_DEFAULTS }, (message) => console.error(message));
  const stepTiming = Object.fromEntries(
    Object.entries(report.stepTiming).map(([kind, timing]) => [kind, { medianMs: timing.medianMs, minMs: timing.minMs, note: timing.note }]),
  );
  console.log(JSON.stringify({ backend: backend.kind === 'cpu' ? 'cpu' : backend.runtime.adapter, ...report, stepTiming }, null, 2));
} finally {
  await server.close();
}
process.exit(0);
