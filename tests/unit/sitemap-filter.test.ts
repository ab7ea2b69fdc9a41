import { expect, it } from 'vitest';
import { inSitemap } from '../../src/integrations/sitemap-filter';

it('lists the chapters and the start page, at the root or under a sub-path; not the 404, embed, search or components pages', () => {
  for (const base of ['https://lesson.example.com/', 'https://example.com/some/sub/path/']) {
    expect(inSitemap(base)).toBe(true);
    expect(inSitemap(`${base}chapters/summary/`)).toBe(true);
    expect(inSitemap(`${base}404/`)).toBe(false);
    expect(inSitemap(`${base}embed/summary/`)).toBe(false);
    expect(inSitemap(`${base}embed/experiment/scan/`)).toBe(false);
    expect(inSitemap(`${base}search/`)).toBe(false);
    expect(inSitemap(`${base}components/`)).toBe(false);
  }
  // A chapter whose name merely contains "search" is listed.
  expect(inSitemap('https://lesson.example.com/chapters/search-costs/')).toBe(true);
});
