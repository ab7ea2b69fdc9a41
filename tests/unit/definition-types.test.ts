/**
 * Compile-time checks on experiment definitions, proved by `tsc --noEmit` (which
 * covers tests/): a definition without a sweep, or whose sweep makes other rows
 * or reads other parameters, does not type-check. The runtime test below only
 * confirms each registered definition's sweep loads.
 */
import { expect, test } from 'vitest';
import { loadDefinition } from '../../src/experiments/load-definition';
import { experiments, summaryFromSentences, TIMESTAMPS_ONLY, type ExperimentDefinition, type ExperimentRow, type Sweep } from '../../src/experiments/registry';

type ToyParams = { size: number };
interface ToyRow extends ExperimentRow {
  size: number;
}
const common = {
  name: 'toy',
  title: 'Toy',
  chapter: 'toy',
  kernels: [],
  caption: 'Toy',
  params: [{ key: 'size' as const, label: 'Size', kind: 'integer' as const, defaultValue: 1 }],
  columns: [{ key: 'size' as const, label: 'Size' }],
  plots: [],
  gpuRequirements: () => TIMESTAMPS_ONLY,
  estimate: () => ({ ms: 0, peakBytes: 0, largestBuffer: 0 }),
  summarize: async () => () => summaryFromSentences([]),
};
const toySweep: Sweep<ToyParams, ToyRow> = async ({ params, emit }) => emit({ series: 'toy', size: params.size });
type OtherRow = ExperimentRow & { other: number };
const otherSweep: Sweep<ToyParams, OtherRow> = async ({ emit }) => emit({ series: 'other', other: 1 });

export const withSweep: ExperimentDefinition<ToyParams, ToyRow> = { ...common, sweep: async () => toySweep };
// @ts-expect-error -- a definition without a sweep does not type-check
export const withoutSweep: ExperimentDefinition<ToyParams, ToyRow> = { ...common };
// @ts-expect-error -- nor does one whose sweep emits rows of another experiment
export const wrongRows: ExperimentDefinition<ToyParams, ToyRow> = { ...common, sweep: async () => otherSweep };

test('every registered definition loads its own sweep', async () => {
  for (const definition of Object.values(experiments)) expect(typeof (await definition.sweep())).toBe('function');
});

test('the runner and the frame load each experiment by its name, without the registry', async () => {
  for (const [name, definition] of Object.entries(experiments)) expect(await loadDefinition(name as keyof typeof experiments)).toBe(definition);
});
