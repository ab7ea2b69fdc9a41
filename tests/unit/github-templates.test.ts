import { expect, test } from 'vitest';
import { readFileSync } from 'node:fs';
import { load } from 'js-yaml';
import { REPORT_FORM } from '../../src/utils/repo-links';

const yaml = (path: string) => load(readFileSync(path, 'utf8')) as Record<string, unknown>;

test('the fields the "Report an error" link fills in are fields of the issue form it opens', () => {
  const form = yaml(`.github/ISSUE_TEMPLATE/${REPORT_FORM.template}`) as { name: string; body: Array<{ type: string; id?: string }> };
  expect(form.name).toBe('Report an error in the lesson');
  const inputs = form.body.filter((field) => field.type === 'input').map((field) => field.id);
  expect(inputs).toEqual(expect.arrayContaining(Object.values(REPORT_FORM.fields)));
});

test('the pull-request template carries the checklist from CONTRIBUTING.md, item for item', () => {
  const checklist = (text: string) => text.split('\n').filter((line) => line.startsWith('- [ ] '));
  const contributing = readFileSync('CONTRIBUTING.md', 'utf8');
  const section = contributing.slice(contributing.indexOf('## Before you open a pull request'));
  const end = section.indexOf('\n## ', 1);
  const fromContributing = checklist(end < 0 ? section : section.slice(0, end));
  expect(fromContributing.length).toBeGreaterThan(3);
  expect(checklist(readFileSync('.github/pull_request_template.md', 'utf8'))).toEqual(fromContributing);
});

test('Dependabot updates Astro, its integrations and the maths packages in one group', () => {
  const settings = yaml('.github/dependabot.yml') as { updates: Array<{ 'package-ecosystem': string; groups?: Record<string, { patterns: string[] }> }> };
  const npm = settings.updates.find((update) => update['package-ecosystem'] === 'npm')!;
  const { dependencies } = JSON.parse(readFileSync('package.json', 'utf8')) as { dependencies: Record<string, string> };
  const mustMoveTogether = Object.keys(dependencies).filter((name) => /^(astro|@astrojs\/.+|katex|rehype-katex|remark-math)$/.test(name));
  const groupOf = (name: string) =>
    Object.entries(npm.groups ?? {}).find(([, group]) => group.patterns.some((pattern) => new RegExp(`^${pattern.replace('*', '.*')}$`).test(name)))?.[0];
  expect(mustMoveTogether.length).toBeGreaterThanOrEqual(5);
  expect(new Set(mustMoveTogether.map(groupOf))).toEqual(new Set(['astro-and-maths']));
  expect(settings.updates.map((update) => update['package-ecosystem']).sort()).toEqual(['github-actions', 'npm']);
});
