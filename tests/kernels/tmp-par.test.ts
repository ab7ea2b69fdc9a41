import { test } from 'vitest';
import { dawnRuntime } from '../support/dawn';
import { measureDispatchCosts, CPU_BACKEND } from '../../kernels/runtime';
import { parallelism } from '../../src/experiments/definitions';
test('par', async () => {
  const runtime = await dawnRuntime({ optionalFeatures: ['timestamp-query'] });
  const costs = await measureDispatchCosts(runtime);
  const constants = { kind: 'webgpu' as const, perDispatchMs: costs.perDispatch.medianMs, submitAndWaitMs: costs.submitAndWait.medianMs };
  for (const [backend, c] of [[{ kind: 'webgpu' as const, runtime }, constants], [CPU_BACKEND, { kind: 'cpu' as const }]] as const) {
    const rows: any[] = [];
    const params = { maxT: 256, width: 64, variants: true };
    const sweep = await parallelism.sweep();
    await sweep({ backend, params, signal: new AbortController().signal, emit: (r) => rows.push(r), progress() {}, notice: (m) => console.log('NOTICE', m) });
    for (const r of rows) console.log(r.series.slice(0, 30).padEnd(30), r.T, r.medianMs.toFixed(3), r.gpuMs?.toFixed(3), r.dispatches, r.submits, r.flops);
    console.log(parallelism.summarize(rows, params, c).join('\n'));
  }
}, 300000);
