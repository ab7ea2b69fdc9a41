/**
 * One experiment's definition, loaded by its name without the registry: each definition
 * module is its own chunk, so a page's frame or a Worker downloads only the experiment it
 * shows or runs, not all of them.
 */
import type { AnyExperimentDefinition } from './shared/definition';
import type { ExperimentName } from './registry';

const definitionModules = import.meta.glob<AnyExperimentDefinition>(['./*/definition.ts'], {
  import: 'default',
});

export async function loadDefinition(name: ExperimentName): Promise<AnyExperimentDefinition> {
  const load = definitionModules[`./${name}/definition.ts`];
  if (!load) throw new Error(`No experiment definition at src/experiments/${name}/definition.ts.`);
  return load();
}
