/**
 * Every experiment's sweep, run on the CPU backend at tiny sizes: it yields rows
 * of its own type that each of its columns can render.
 */
import { describe, expect, test } from 'vitest';
import { CPU_BACKEND } from '../../kernels/runtime';
import { experiments, type AnyExperimentDefinition, type ExperimentName, type ExperimentRow, type ParamsOf } from '../../src/experiments/registry';

/** The smallest run of each experiment that still makes rows; typed by each definition's own parameters. */
const TINY: { [Name in ExperimentName]: ParamsOf<(typeof experiments)[Name]> } = {
  parallelism: { maxT: 4, width: 4, variants: false },
  bottleneck: { stateSize: 16, maxT: 16 },
  gradients: { singularValue: 0.9, forgetGate: 0.99, distance: 8, width: 4 },
  'quadratic-cost': { maxT: 32, width: 4 },
  streaming: { maxPosition: 4, width: 4, multiple: 10 },
  scan: { maxT: 1024, channels: 1 },
  'recall-training': { pairs: 2, lstmWidth: 8, steps: 3, learningRate: 0.01, seed: 1 },
  'state-tracking': { length: 3, modulus: 2, lstmWidth: 8, steps: 3, learningRate: 0.01, seed: 1 },
};

async function runOnCpu(definition: AnyExperimentDefinition, params: Record<string, unknown>): Promise<ExperimentRow[]> {
  const rows: ExperimentRow[] = [];
  const sweep = await definition.sweep();
  await sweep({ backend: CPU_BACKEND, params, signal: new AbortController().signal, emit: (row: ExperimentRow) => rows.push(row), progress() {}, notice() {} });
  return rows;
}

describe('sweeps on the CPU backend at tiny sizes', () => {
  for (const name of Object.keys(experiments) as ExperimentName[]) {
    test(`${name}: every row renders in every column`, async () => {
      const definition: AnyExperimentDefinition = experiments[name];
      const rows = await runOnCpu(definition, TINY[name]);
      expect(rows.length).toBeGreaterThan(0);
      for (const row of rows) {
        for (const column of definition.columns) {
          const value = row[column.key];
          const cell = column.format ? column.format(value, row) : String(value);
          expect(cell, `${name}: ${column.key} of ${row.series}`).not.toMatch(/^$|undefined|NaN/);
        }
      }
      expect((await definition.summarize())(rows, TINY[name]).headline).not.toBe('');
    }, 60_000);
  }
});
