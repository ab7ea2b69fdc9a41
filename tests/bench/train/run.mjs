// `npm run bench:train`: both training experiments run whole at their defaults, in Node through Dawn
// (SwiftShader where there is no GPU), without the browser, through the experiments' own sweeps.
//   -- --cpu              the CPU path at its (smaller) defaults
//   -- --only <name>      one experiment (recall-training or state-tracking)
//   -- --steps <n>        override the number of steps
// Prints each run's time against the 90 s budget, its accuracies with Wilson intervals, and its sentences;
// writes the rows to bench-results/train-<backend>.json. Exits 1 when a run at its defaults takes longer than the budget.
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'vite';

const argv = process.argv.slice(2);
const option = (name) => (argv.includes(`--${name}`) ? argv[argv.indexOf(`--${name}`) + 1] : undefined);
const cpu = argv.includes('--cpu');
const only = option('only');
const steps = option('steps');
// Vite only transforms the TypeScript (and the ?raw WGSL imports); nothing is served.
const server = await createServer({
  configFile: false,
  root: process.cwd(),
  logLevel: 'error',
  appType: 'custom',
  server: { middlewareMode: true, hmr: false },
});
try {
  const { runTrainingExperiment, timeRecallStep, TRAINING_EXPERIMENTS, RUN_BUDGET_SECONDS } = await server.ssrLoadModule('/tests/bench/train/bench.ts');
  const { CPU_BACKEND } = await server.ssrLoadModule('/kernels/runtime/index.ts');
  const { dawnRuntime } = await server.ssrLoadModule('/tests/support/dawn.ts');
  const runtime = cpu ? undefined : await dawnRuntime();
  const backend = cpu ? CPU_BACKEND : { kind: 'webgpu', runtime };
  const adapter = cpu
    ? 'CPU path (float64 reference)'
    : `${runtime.adapter.vendor} ${runtime.adapter.architecture} ${runtime.adapter.description ?? ''}`.trim();
  console.log(`Training bench on ${adapter}${steps ? `, ${steps} steps` : ', defaults'}`);
  const step = await timeRecallStep(backend);
  console.log(`  ${step.name}: median ${step.medianMs.toFixed(1)} ms; ${step.note}`);
  const reports = [];
  let over = false;
  for (const name of Object.keys(TRAINING_EXPERIMENTS).filter((name) => !only || name === only)) {
    const report = await runTrainingExperiment(name, backend, steps ? { steps: Number(steps) } : {}, (message) => console.error(`    ${message}`));
    reports.push(report);
    const params = Object.entries(report.params)
      .map(([key, value]) => `${key}=${value}`)
      .join(', ');
    const within = report.seconds <= RUN_BUDGET_SECONDS;
    if (!steps && !within) over = true;
    console.log(`\n${name} (${params})`);
    console.log(
      `  whole run: ${report.seconds.toFixed(1)} s (${within ? 'within' : 'OVER'} the ${RUN_BUDGET_SECONDS} s budget)${report.estimateSeconds ? `; the page estimated ${report.estimateSeconds.toFixed(1)} s` : ''}`,
    );
    for (const row of report.rows.filter((row) => row.measure === 'length')) {
      const at = row.pairs !== undefined ? `N=${row.pairs}` : `length ${row.length}`;
      console.log(
        `  ${row.series.padEnd(9)} ${at.padEnd(10)} ${(100 * row.accuracy).toFixed(1).padStart(5)}%  [${(100 * row.accuracyLow).toFixed(1)}, ${(100 * row.accuracyHigh).toFixed(1)}]  ${row.correct}/${row.counted}`,
      );
    }
    for (const sentence of report.summary) console.log(`  · ${sentence}`);
  }
  mkdirSync('bench-results', { recursive: true });
  const file = `bench-results/train-${cpu ? 'cpu' : 'webgpu'}.json`;
  writeFileSync(file, JSON.stringify({ adapter, step, reports }, null, 2));
  console.log(`\nRows written to ${file}.`);
  if (over) process.exitCode = 1;
} finally {
  await server.close();
}
process.exit(process.exitCode ?? 0);
