import { afterEach, expect, test, vi } from 'vitest';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { compileChapter } from './compile';
import { githubAnnotation } from '../../src/integrations/github-annotations';

afterEach(() => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
});

/** Compiles a broken copy of the summary chapter and returns the error and what was printed to stdout. */
async function compileCapturingStdout(githubActions: string, broken: string): Promise<{ message: string; printed: string }> {
  vi.stubEnv('GITHUB_ACTIONS', githubActions);
  let printed = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    printed += String(chunk);
    return true;
  });
  try {
    await compileChapter(resolve('content', 'copy-of-summary.mdx'), broken);
  } catch (error) {
    vi.mocked(process.stdout.write).mockRestore();
    return { message: (error as Error).message, printed };
  }
  throw new Error('the broken copy compiled without an error');
}

const summary = readFileSync('content/summary.mdx', 'utf8');
const broken = summary.replace('The transformer did not simply improve', 'In 42 ms, the transformer did not simply improve');
const brokenLine = broken.split('\n').findIndex((line) => line.includes('In 42 ms')) + 1;

test('under GitHub Actions a content error is also printed as an ::error workflow command on its file, line and column', async () => {
  const { message, printed } = await compileCapturingStdout('true', broken);
  const [, line, column] = message.match(/^content\/copy-of-summary\.mdx:(\d+):(\d+): /)!;
  expect(Number(line)).toBe(brokenLine);
  expect(printed).toBe(
    `::error file=content/copy-of-summary.mdx,line=${line},col=${column},title=Content check::the number "42" is typed into the prose.%0AHow to fix: figures come from src/lesson/figures.ts: add the value to lessonNumbers (with a unit test) and write <Num of="name" />, or put notation in maths ($T^2$). See CONTRIBUTING.md, "Numbers".\n`,
  );
});

test('outside GitHub Actions nothing extra is printed', async () => {
  const { message, printed } = await compileCapturingStdout('', broken);
  expect(message).toContain('the number "42" is typed into the prose');
  expect(printed).toBe('');
});

test('the annotation escapes %, CR and LF in the message, and also : and , in properties', () => {
  expect(githubAnnotation('100% sure\r\nsecond line', { file: 'content/a,b:c.mdx', line: 3, column: 7, title: 'Check: one, two' })).toBe(
    '::error file=content/a%2Cb%3Ac.mdx,line=3,col=7,title=Check%3A one%2C two::100%25 sure%0D%0Asecond line',
  );
});

test('the annotation leaves out a line or column it does not know', () => {
  expect(githubAnnotation('bad', { file: 'content/a.mdx' })).toBe('::error file=content/a.mdx::bad');
  expect(githubAnnotation('bad', { file: 'content/a.mdx', column: 4 }, 'warning')).toBe('::warning file=content/a.mdx::bad');
});
