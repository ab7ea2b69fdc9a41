// The bundled command's entry: gives the runner its definitions (Vite's import.meta.glob in the
// page; here the registry's) before the command's modules run, then runs the command.
import { experiments } from '../src/experiments/registry';

const definitions = Object.fromEntries(Object.entries(experiments).map(([name, definition]) => [`./${name}/definition.ts`, async () => definition]));
(globalThis as { __experimentDefinitionGlob?: unknown }).__experimentDefinitionGlob = () => definitions;

const { main } = await import('../src/cli/experiment');
process.exitCode = await main(process.argv.slice(2));
