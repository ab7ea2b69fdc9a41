import { createHash } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import { parseExcerpt } from '../../src/utils/search-excerpt';
import { parseTheme, readStoredTheme, storeTheme } from '../../src/utils/theme';
import { editUrl, reportUrl, withReportedSection } from '../../src/utils/repo-links';

describe('search excerpts', () => {
  test('splits marks into segments and never keeps tags', () => {
    expect(parseExcerpt('the <mark>cat</mark> sat &amp; ate')).toEqual([
      { text: 'the ', match: false },
      { text: 'cat', match: true },
      { text: ' sat & ate', match: false },
    ]);
    expect(
      parseExcerpt('<img src=x onerror=alert(1)>text')
        .map((s) => s.text)
        .join(''),
    ).toBe('text');
    expect(
      parseExcerpt('&lt;script&gt;')
        .map((s) => s.text)
        .join(''),
    ).toBe('<script>');
  });
});

describe('theme choice', () => {
  test('parses only known values', () => {
    expect(parseTheme('dark')).toBe('dark');
    expect(parseTheme('light')).toBe('light');
    expect(parseTheme('purple')).toBe('auto');
    expect(parseTheme(null)).toBe('auto');
  });

  test('stores explicit choices and forgets "auto"', () => {
    const map = new Map<string, string>();
    const storage = {
      getItem: (k: string) => map.get(k) ?? null,
      setItem: (k: string, v: string) => void map.set(k, v),
      removeItem: (k: string) => void map.delete(k),
    };
    storeTheme('dark', storage);
    expect(readStoredTheme(storage)).toBe('dark');
    storeTheme('auto', storage);
    expect(map.size).toBe(0);
    expect(
      readStoredTheme({
        getItem: () => {
          throw new Error('denied');
        },
      }),
    ).toBe('auto');
  });
});

describe('repository links', () => {
  const settings = { repoUrl: 'https://example.org/team/lesson/', repoBranch: 'main', contentDir: 'content' };

  test('edit link points at the chapter file', () => {
    expect(editUrl(settings, 'summary.mdx')).toBe('https://example.org/team/lesson/edit/main/content/summary.mdx');
  });

  test('report link opens the lesson-error form with the chapter and the page filled in', () => {
    const url = new URL(reportUrl(settings, { chapter: 'Summary', pageUrl: 'https://lesson.example/chapters/summary/' }));
    expect(url.pathname).toBe('/team/lesson/issues/new');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      template: 'report-an-error.yml',
      title: 'Error in "Summary"',
      chapter: 'Summary',
      url: 'https://lesson.example/chapters/summary/',
    });
  });

  test('report link names a section when one is given, and the page can set or clear it later', () => {
    const link = reportUrl(settings, { chapter: 'Summary', section: 'The table', pageUrl: 'https://lesson.example/chapters/summary/' });
    expect(new URL(link).searchParams.get('section')).toBe('The table');
    const renamed = new URL(withReportedSection(link, 'A trade, not a strict improvement'));
    expect(renamed.searchParams.get('section')).toBe('A trade, not a strict improvement');
    expect(renamed.searchParams.get('chapter')).toBe('Summary');
    expect(new URL(withReportedSection(link, undefined)).searchParams.has('section')).toBe(false);
  });
});

describe('content security policy', async () => {
  const { inlineScriptHashes, withPolicy } = await import('../../src/integrations/csp');

  test('hashes inline scripts only, and puts the policy before them', () => {
    const html = '<html><head><meta charset="utf-8"><script>let a = 1;</script><script src="/x.js"></script></head></html>';
    expect(inlineScriptHashes(html)).toEqual([`'sha256-${createHash('sha256').update('let a = 1;').digest('base64')}'`]);
    const out = withPolicy(html);
    expect(out.indexOf('Content-Security-Policy')).toBeLessThan(out.indexOf('<script>'));
    expect(out).not.toMatch(/script-src[^;"]*'unsafe-inline'/);
  });
});
