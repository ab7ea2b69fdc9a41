import { describe, expect, test } from 'vitest';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { compileChapter } from './compile';
import { authorList, citationLabel, citedKeys, references } from '../../src/utils/references';

/** Compiles a copy of a chapter (beside the real one, so links resolve) with `citation` appended, and returns the error. */
async function errorWithCitation(file: string, citation: string): Promise<string> {
  const chapter = readFileSync(`content/${file}`, 'utf8');
  const imported = /import \{[^}]*\bCite\b/.test(chapter) ? chapter : chapter.replace('import { ', 'import { Cite, ');
  const source = `${imported}\n\nSee <Cite ${citation} /> for more.\n`;
  return compileChapter(resolve('content', `copy-of-${file}`), source).then(
    () => 'compiled without an error',
    (error: Error) => error.message,
  );
}

describe('citations', () => {
  test('a key with no entry stops the chapter, naming the file, the line and the keys that do exist', async () => {
    const message = await errorWithCitation('why-the-shift.mdx', 'id="vaswani2071"');
    const line = readFileSync('content/why-the-shift.mdx', 'utf8').split('\n').length + 2;
    expect(message).toMatch(
      new RegExp(`^content/copy-of-why-the-shift\\.mdx:${line}:\\d+: <Cite id="vaswani2071"> names no entry in content/references\\.ts\\.`),
    );
    expect(message).toContain('How to fix: add an entry with that key to content/references.ts');
    expect(message).toContain('vaswani2017');
  });

  test('an id given as an expression is refused with its own message', async () => {
    const message = await errorWithCitation('why-the-shift.mdx', 'id={"vaswani2017"}');
    expect(message).toMatch(/<Cite> takes its id as plain text/);
  });

  test('a known key compiles', async () => {
    expect(await errorWithCitation('why-the-shift.mdx', 'id="vaswani2017"')).toBe('compiled without an error');
  });

  test('labels: one author, two, and more', () => {
    expect(citationLabel(references.shazeer2019)).toBe('Shazeer, 2019');
    expect(citationLabel(references.tallec2018)).toBe('Tallec and Ollivier, 2018');
    expect(citationLabel(references.vaswani2017)).toBe('Vaswani et al., 2017');
    expect(citationLabel(references.peng2023)).toBe('Peng et al., 2023');
    expect(citationLabel(references.gemini2024)).toBe('Gemini Team, 2024');
  });

  test('an organisation is cited by its whole name, not its last word', () => {
    expect(citationLabel(references.qwen3next)).toBe('Qwen Team, 2025');
    expect(citationLabel(references.kimi2025)).toBe('Kimi Team, 2025');
    expect(citationLabel(references.pytorchLstm)).toBe('PyTorch Contributors, 2025');
    expect(citationLabel(references.webgpu)).toBe('W3C GPU for the Web Working Group, 2024');
    expect(citationLabel(references.llama2024)).toBe('Llama Team, 2024');
    expect(citationLabel(references.nvidia2025nemotronh)).toBe('NVIDIA, 2025');
    // Without the flag, the same name would be read as a person's and cut to its last word.
    expect(citationLabel({ ...references.qwen3next, organisation: false })).toBe('Team, 2025');
  });

  test('author lists: all the authors, then et al. when cut short', () => {
    expect(authorList(references.peng2023)).toBe('Bo Peng, Eric Alcaide, Quentin Anthony et al.');
    expect(authorList(references.tallec2018)).toBe('Corentin Tallec and Yann Ollivier');
  });

  test('a chapter’s cited keys, in order of first citation, each once', () => {
    expect(citedKeys('a <Cite id="b" /> c <Cite id="a"/> d <Cite id="b" />')).toEqual(['b', 'a']);
  });

  test('every entry has authors, a title, a plausible year and a link', () => {
    for (const [key, entry] of Object.entries(references)) {
      expect(entry.authors.length, key).toBeGreaterThan(0);
      expect(entry.title.length, key).toBeGreaterThan(0);
      expect(entry.year, key).toBeGreaterThanOrEqual(1948);
      expect(entry.year, key).toBeLessThanOrEqual(2026);
      expect(entry.url, key).toMatch(/^https:\/\//);
    }
  });
});
