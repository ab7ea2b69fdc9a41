import { describe, expect, test } from 'vitest';
import { editUrl, reportUrl } from '../../src/utils/repo-links';

describe('repository links', () => {
  const settings = { repoUrl: 'https://example.org/team/lesson/', repoBranch: 'main', contentDir: 'content' };

  test('edit link points at the chapter file', () => {
    expect(editUrl(settings, 'summary.mdx')).toBe('https://example.org/team/lesson/edit/main/content/summary.mdx');
  });

  test('report link opens an issue naming the page', () => {
    const url = new URL(reportUrl(settings, 'Summary', 'https://lesson.example/chapters/summary/'));
    expect(url.pathname).toBe('/team/lesson/issues/new');
    expect(url.searchParams.get('title')).toBe('Error in "Summary"');
    expect(url.searchParams.get('body')).toContain('https://lesson.example/chapters/summary/');
  });
});
