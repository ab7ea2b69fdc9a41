// The platform's settings that live in several files agree: the Node version, the pinned actions,
// the Pages gate, and the pinned dependencies against Dependabot's ignore list.
import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { load } from 'js-yaml';

const text = (path: string) => readFileSync(path, 'utf8');
const yaml = <T>(path: string) => load(text(path)) as T;
const pkg = JSON.parse(text('package.json')) as {
  engines: { node: string };
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
  allowScripts?: Record<string, boolean>;
};
const nvmrc = text('.nvmrc').trim();
const workflows = readdirSync('.github/workflows').filter((name) => name.endsWith('.yml'));

type Step = { uses?: string; with?: Record<string, string> };
type Workflow = {
  name: string;
  on: Record<string, unknown>;
  jobs: Record<string, { if?: string; container?: { image: string }; steps: Step[] }>;
};

/** The rows of CONTRIBUTING.md's table of pinned dependencies: package, and the version it is held from. */
function pinTable(): Array<{ name: string; heldFrom: string }> {
  const contributing = text('CONTRIBUTING.md');
  const section = contributing.slice(contributing.indexOf('### Pinned dependencies'));
  const table = section.slice(0, section.indexOf('\n\n', section.indexOf('| Package')));
  return table
    .split('\n')
    .filter((line) => line.startsWith('| `'))
    .map((line) => line.split('|').map((cell) => cell.trim()))
    .map((cells) => ({ name: cells[1]!.replaceAll('`', ''), heldFrom: cells[3]! }));
}

describe('Node', () => {
  test('.nvmrc names an exact Node version of the major that engines.node starts at', () => {
    expect(nvmrc).toMatch(/^\d+\.\d+\.\d+$/);
    expect(pkg.engines.node).toBe(`>=${nvmrc.split('.')[0]}`);
  });

  test('CI runs in the Node image of that version, and Pages sets up Node from .nvmrc', () => {
    const ci = yaml<Workflow>('.github/workflows/ci.yml');
    expect(ci.jobs.test!.container!.image).toBe(`node:${nvmrc}-bookworm`);
    const pages = yaml<Workflow>('.github/workflows/pages.yml');
    const setupNode = pages.jobs.build!.steps.find((step) => step.uses?.startsWith('actions/setup-node@'));
    expect(setupNode?.with?.['node-version-file']).toBe('.nvmrc');
  });
});

describe('workflows', () => {
  test('every action is pinned by a full commit SHA, with its release tag in a comment', () => {
    for (const name of workflows) {
      const uses = text(`.github/workflows/${name}`)
        .split('\n')
        .filter((line) => /^\s*(- )?uses:/.test(line));
      expect(uses.length, name).toBeGreaterThan(0);
      for (const line of uses) expect(line, `${name}: ${line.trim()}`).toMatch(/uses: [\w-]+\/[\w-]+@[0-9a-f]{40} # v\d+\.\d+\.\d+$/);
    }
  });

  test('Pages deploys only a push to main on which the CI workflow passed, and that very commit', () => {
    const ci = yaml<Workflow>('.github/workflows/ci.yml');
    const pages = yaml<Workflow>('.github/workflows/pages.yml');
    expect(Object.keys(pages.on)).toEqual(['workflow_run']);
    expect(pages.on.workflow_run).toEqual({ workflows: [ci.name], types: ['completed'], branches: ['main'] });
    expect(pages.jobs.build!.if).toBe("github.event.workflow_run.conclusion == 'success' && github.event.workflow_run.event == 'push'");
    const checkout = pages.jobs.build!.steps.find((step) => step.uses?.startsWith('actions/checkout@'));
    expect(checkout?.with?.ref).toBe('${{ github.event.workflow_run.head_sha }}');
  });
});

describe('dependencies', () => {
  const settings = yaml<{
    updates: Array<{
      'package-ecosystem': string;
      groups?: Record<string, { patterns: string[]; 'update-types'?: string[] }>;
      ignore?: Array<{ 'dependency-name': string; versions: string[] }>;
    }>;
  }>('.github/dependabot.yml');

  test('Dependabot ignores exactly the pins in CONTRIBUTING.md, from the version each is held from', () => {
    const pins = pinTable();
    expect(pins.map((pin) => pin.name)).toEqual(expect.arrayContaining(['katex', 'preact', 'typescript']));
    const npm = settings.updates.find((update) => update['package-ecosystem'] === 'npm')!;
    const ignored = (npm.ignore ?? []).map((rule) => ({ name: rule['dependency-name'], versions: rule.versions }));
    const padded = (version: string) => [...version.split('.'), '0', '0'].slice(0, 3).join('.');
    expect(ignored).toEqual(pins.map((pin) => ({ name: pin.name, versions: [`>=${padded(pin.heldFrom)}`] })));
  });

  test('each pinned package is installed below the version it is held from', () => {
    const installed = { ...pkg.dependencies, ...pkg.devDependencies };
    const below = (version: string, limit: string) => {
      const [a, b] = [version.split('.').map(Number), limit.split('.').map(Number)];
      for (let i = 0; i < 3; i++) if ((a[i] ?? 0) !== (b[i] ?? 0)) return (a[i] ?? 0) < (b[i] ?? 0);
      return false;
    };
    for (const pin of pinTable()) {
      expect(installed[pin.name], pin.name).toBeDefined();
      expect(below(installed[pin.name]!, pin.heldFrom), `${pin.name} ${installed[pin.name]} < ${pin.heldFrom}`).toBe(true);
    }
  });

  test('Dependabot keeps major updates apart from minor and patch ones', () => {
    for (const update of settings.updates) {
      for (const [name, group] of Object.entries(update.groups ?? {})) {
        const types = group['update-types'] ?? ['major', 'minor', 'patch'];
        expect(types.includes('major') && types.some((type) => type !== 'major'), `${update['package-ecosystem']} group ${name}: ${types}`).toBe(false);
      }
    }
  });

  test('every package with an install script has a recorded decision, explained in CONTRIBUTING.md', () => {
    const contributing = text('CONTRIBUTING.md');
    const section = contributing.slice(contributing.indexOf('### Install scripts'), contributing.indexOf('### The Content-Security-Policy'));
    for (const name of Object.keys(pkg.allowScripts ?? {})) expect(section, name).toContain(`\`${name}\``);
    expect(Object.keys(pkg.allowScripts ?? {}).length).toBeGreaterThan(0);
  });
});
