import { describe, expect, test } from 'vitest';
import { editUrl, reportUrl, withReportedSection } from '../../src/utils/repo-links';

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
