import { describe, expect, test } from 'vitest';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

// The real build, on a copy of two chapters with one mistake, must stop and say
// what is wrong. (The fast checks in checks.test.ts cover every kind of mistake;
// these prove the build itself runs them.)

function buildBrokenCopy(edit: (dir: string) => void | Record<string, string>): { status: number | null; output: string } {
  // Inside the project, at the depth of content/, so the chapters' imports resolve as they do there.
  const dir = mkdtempSync(join(process.cwd(), '.content-test-'));
  for (const file of ['why-the-shift.mdx', 'summary.mdx']) cpSync(join('content', file), join(dir, file));
  const env = edit(dir) ?? {};
  const result = spawnSync('npx', ['astro', 'build'], {
    // As on GitHub Actions, so the build also prints annotations (captured here, never reaching a real CI log); and a
    // local build: under CI a build without SITE_URL is a release build, which would stop for that instead.
    env: {
      ...process.env,
      GITHUB_ACTIONS: 'true',
      SITE_URL: 'http://localhost:4321',
      CONTENT_DIR: dir,
      OUT_DIR: join(dir, 'dist'),
      ASTRO_CACHE_DIR: join(dir, 'cache'),
      ...env,
    },
    encoding: 'utf8',
    timeout: 180_000,
  });
  rmSync(dir, { recursive: true, force: true });
  return { status: result.status, output: `${result.stdout}\n${result.stderr}` };
}

const rewrite = (dir: string, file: string, change: (text: string) => string) => writeFileSync(join(dir, file), change(readFileSync(join(dir, file), 'utf8')));

describe('the build stops on a broken chapter', { timeout: 200_000 }, () => {
  test('bad frontmatter names the file and the field', () => {
    const { status, output } = buildBrokenCopy((dir) => rewrite(dir, 'summary.mdx', (text) => text.replace('order: 7', 'order: 0')));
    expect(status).not.toBe(0);
    expect(output).toContain('summary.mdx');
    expect(output).toContain('order starts at 1');
  });

  test('two chapters with the same order name both files', () => {
    const { status, output } = buildBrokenCopy((dir) => rewrite(dir, 'summary.mdx', (text) => text.replace('order: 7', 'order: 1')));
    expect(status).not.toBe(0);
    expect(output).toMatch(/Two chapters have order 1: .*(why-the-shift|summary)\.mdx and .*(why-the-shift|summary)\.mdx/);
  });

  test('TeX that KaTeX cannot render is an error, not a warning', () => {
    const { status, output } = buildBrokenCopy((dir) =>
      rewrite(dir, 'why-the-shift.mdx', (text) => text.replace('$1 \\le t \\le T$', '$1 \\le t \\le \\frac{T$')),
    );
    expect(status).not.toBe(0);
    expect(output).toMatch(/why-the-shift\.mdx:\d+:\d+: TeX that KaTeX cannot render/);
    expect(output).toMatch(/^::error file=\.content-test-\w+\/why-the-shift\.mdx,line=\d+,col=\d+,title=Content check::TeX that KaTeX cannot render/m);
  });

  test('a contributed result with a number edited by hand stops the build, naming the file', () => {
    const { status, output } = buildBrokenCopy((dir) => {
      const results = join(dir, 'results');
      mkdirSync(results);
      const file = JSON.parse(readFileSync('content/results/scan--swiftshader-dawn.json', 'utf8')) as { rows: Array<Record<string, unknown>> };
      const [key, value] = Object.entries(file.rows[0]!).find(([, item]) => typeof item === 'number') as [string, number];
      file.rows[0]![key] = value * 2;
      writeFileSync(join(results, 'scan--edited.json'), JSON.stringify(file, null, 2));
      return { RESULTS_DIR: results };
    });
    expect(status).not.toBe(0);
    expect(output).toMatch(/scan--edited\.json: the checksum does not match the parameters, rows, constants and summary/);
  });
});
