import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { load } from 'js-yaml';
import { compileChapter } from './compile';
import { chapterSchema } from '../../src/schemas/chapter';

const chapterFiles = readdirSync('content').filter((file) => file.endsWith('.mdx'));
const source = (file: string) => readFileSync(`content/${file}`, 'utf8');

// The broken copies below must not print GitHub annotations into a real CI log; annotations.test.ts tests them.
beforeEach(() => {
  vi.stubEnv('GITHUB_ACTIONS', 'false');
});
afterEach(() => {
  vi.unstubAllEnvs();
});

// Seven chapters through KaTeX and MDX take about 4 s on an idle two-core machine; more when it is shared.
test('every chapter passes every content check', { timeout: 30_000 }, async () => {
  expect(chapterFiles).toHaveLength(7);
  for (const file of chapterFiles) await compileChapter(resolve('content', file), source(file));
});

/** Applies a mistake to a copy of a chapter (kept in content/ so links resolve as they would) and returns the error. */
async function errorFrom(file: string, edit: (text: string) => string): Promise<string> {
  const broken = edit(source(file));
  expect(broken, 'the edit must change the chapter').not.toBe(source(file));
  try {
    await compileChapter(resolve('content', `copy-of-${file}`), broken);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('the broken copy compiled without an error');
}

describe('a broken chapter fails with a message that names the file and line, what is wrong and how to fix it', () => {
  test('TeX that KaTeX cannot render', async () => {
    const message = await errorFrom('sequential-computation.mdx', (text) => text.replace('h_t = \\tanh\\!\\left(', 'h_t = \\tanh\\!\\left(\\frac{'));
    expect(message).toMatch(/^content\/copy-of-sequential-computation\.mdx:1[3-7]:\d+: TeX that KaTeX cannot render/);
    expect(message).toContain('How to fix: correct the formula');
  });

  test('an unknown component', async () => {
    const message = await errorFrom('why-the-shift.mdx', (text) =>
      text.replace('published in <Num of="transformerYear" />', 'published in <Nmu of="transformerYear" />'),
    );
    expect(message).toMatch(/^content\/copy-of-why-the-shift\.mdx:\d+:\d+: <Nmu> is not a component this lesson has\./);
    expect(message).toMatch(/How to fix: use one of Num, Tex, Note, Experiment/);
  });

  test('a component used without its import', async () => {
    const message = await errorFrom('why-the-shift.mdx', (text) =>
      text.replace('published in <Num of="transformerYear" />', 'published in <Tex of="scoresShort" />'),
    );
    expect(message).toMatch(/<Tex> is used but not imported\.\n {2}How to fix: add Tex to the import/);
  });

  test('a component given a prop it does not take', async () => {
    const message = await errorFrom('why-the-shift.mdx', (text) => text.replace('<Num of="transformerYear" />', '<Num off="transformerYear" />'));
    expect(message).toMatch(/^content\/copy-of-why-the-shift\.mdx:\d+:\d+: <Num> does not take a prop called "off"\.\n {2}How to fix: <Num> takes "of"\./);
  });

  test('a component missing a required prop', async () => {
    const message = await errorFrom('sequential-computation.mdx', (text) => text.replace('<Experiment name="parallelism">', '<Experiment>'));
    expect(message).toMatch(/<Experiment> needs the prop "name"/);
  });

  test('a link to a chapter that does not exist', async () => {
    const message = await errorFrom('summary.mdx', (text) =>
      text.replace('## A trade, not a strict improvement', '## A trade, not a strict improvement\n\nSee [the missing chapter](/chapters/no-such-chapter/).'),
    );
    expect(message).toMatch(/^content\/copy-of-summary\.mdx:\d+:\d+: the link "\/chapters\/no-such-chapter\/" points at a chapter that does not exist\./);
    expect(message).toContain('why-the-shift');
  });

  test('a link to a heading that does not exist', async () => {
    const message = await errorFrom('summary.mdx', (text) =>
      text.replace(
        '## A trade, not a strict improvement',
        '## A trade, not a strict improvement\n\nSee [the cost](/chapters/quadratic-cost/#no-such-heading).',
      ),
    );
    expect(message).toMatch(/points at a heading "#no-such-heading" that content\/quadratic-cost\.mdx does not have\./);
    expect(message).toContain('#the-tt-matrix');
  });

  test('a link to a heading that does exist passes', async () => {
    const fixed = source('summary.mdx').replace(
      '## A trade, not a strict improvement',
      '## A trade, not a strict improvement\n\nSee [the cost](/chapters/quadratic-cost/#compute-otd-against-otd) and [the table](#the-table).',
    );
    await expect(compileChapter(resolve('content', 'copy-of-summary.mdx'), fixed)).resolves.toBeUndefined();
  });

  test('a missing image', async () => {
    const message = await errorFrom('summary.mdx', (text) =>
      text.replace('## A trade, not a strict improvement', '## A trade, not a strict improvement\n\n![A diagram](./diagrams/missing.png)'),
    );
    expect(message).toMatch(/: the image "\.\/diagrams\/missing\.png" does not exist/);
  });

  const afterSummaryHeading = (addition: string) => (text: string) =>
    text.replace('## A trade, not a strict improvement', `## A trade, not a strict improvement\n\n${addition}`);

  test('an image loaded from another site', async () => {
    const message = await errorFrom('summary.mdx', afterSummaryHeading('![A diagram](https://images.example.com/diagram.png)'));
    expect(message).toMatch(/^content\/copy-of-summary\.mdx:\d+:\d+: the image "https:\/\/images\.example\.com\/diagram\.png" is loaded from another site\./);
    expect(message).toContain('How to fix: download the image');
  });

  test('an image loaded from another site without a scheme (//host/…), in an <img> tag', async () => {
    const message = await errorFrom('summary.mdx', afterSummaryHeading('<img src="//images.example.com/diagram.png" alt="A diagram" />'));
    expect(message).toMatch(/^content\/copy-of-summary\.mdx:\d+:\d+: the image "\/\/images\.example\.com\/diagram\.png" is loaded from another site\./);
  });

  test('an image from another site given by a reference definition', async () => {
    const message = await errorFrom('summary.mdx', afterSummaryHeading('![A diagram][diagram]\n\n[diagram]: http://images.example.com/diagram.png'));
    expect(message).toMatch(/: the image "http:\/\/images\.example\.com\/diagram\.png" is loaded from another site\./);
  });

  test('a javascript: link', async () => {
    const message = await errorFrom('summary.mdx', afterSummaryHeading('See [the table](javascript:alert(document.cookie)).'));
    expect(message).toMatch(/^content\/copy-of-summary\.mdx:\d+:\d+: the link "javascript:alert\(document\.cookie\)" runs a script when followed\./);
    expect(message).toContain('How to fix: link to a chapter or heading');
  });

  test('a javascript: link in upper case, in an <a> tag', async () => {
    const message = await errorFrom('summary.mdx', afterSummaryHeading('See <a href=" JavaScript:void(0)">the table</a>.'));
    expect(message).toMatch(/: the link " JavaScript:void\(0\)" runs a script when followed\./);
  });

  test('a javascript: link given by a reference definition', async () => {
    const message = await errorFrom('summary.mdx', afterSummaryHeading('See [the table][table].\n\n[table]: javascript:alert(1)'));
    expect(message).toMatch(/: the link "javascript:alert\(1\)" runs a script when followed\./);
  });

  test('a local image and a web link pass', async () => {
    const fixed = afterSummaryHeading('![The icon](/favicon.svg) and [the paper](https://arxiv.org/abs/1706.03762).')(source('summary.mdx'));
    await expect(compileChapter(resolve('content', 'copy-of-summary.mdx'), fixed)).resolves.toBeUndefined();
  });

  test('a number typed into the prose', async () => {
    const message = await errorFrom('summary.mdx', (text) =>
      text.replace('The transformer did not simply improve', 'In 42 ms, the transformer did not simply improve'),
    );
    expect(message).toMatch(
      /^content\/copy-of-summary\.mdx:\d+:\d+: the number "42" is typed into the prose\.\n {2}How to fix: figures come from src\/lesson\/figures\.ts/,
    );
  });

  test('bad or missing frontmatter', () => {
    const frontmatter = (text: string) => load(text.match(/^---\n([\s\S]*?)\n---/)![1]!);
    const broken = chapterSchema.safeParse(
      frontmatter(
        source('summary.mdx')
          .replace('order: 7', 'order: 7.5')
          .replace(/^title: .*$/m, "title: ''"),
      ),
    );
    expect(broken.success).toBe(false);
    const messages = broken.error!.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    expect(messages).toEqual(expect.arrayContaining(['title: title must not be empty', 'order: order must be a whole number']));
    expect(chapterSchema.safeParse(frontmatter(source('summary.mdx').replace(/^description: .*$/m, ''))).error!.issues[0]!.path).toEqual(['description']);
  });
});

test('every example on the Components page passes the content checks', async () => {
  const { COMPONENT_MANIFEST } = await import('../../src/user-components/manifest');
  const names = Object.keys(COMPONENT_MANIFEST);
  for (const name of names) {
    const page = `import { ${names.join(', ')} } from '../src/user-components';\n\n${COMPONENT_MANIFEST[name]!.example}\n`;
    await compileChapter(resolve('content', `example-${name}.mdx`), page);
  }
});
