import { describe, expect, test } from 'vitest';
import { normaliseBase, withBaseOf } from '../../src/utils/url';

describe('base-path URLs', () => {
  test('normalises every spelling of a base', () => {
    expect(normaliseBase(undefined)).toBe('/');
    expect(normaliseBase('')).toBe('/');
    expect(normaliseBase('/')).toBe('/');
    expect(normaliseBase('docs')).toBe('/docs/');
    expect(normaliseBase('/some/sub/path')).toBe('/some/sub/path/');
    expect(normaliseBase('/some/sub/path/')).toBe('/some/sub/path/');
  });

  test('joins paths, keeping queries and fragments', () => {
    expect(withBaseOf('/', '')).toBe('/');
    expect(withBaseOf('/', 'chapters/x/')).toBe('/chapters/x/');
    expect(withBaseOf('/some/sub/path', '/chapters/x/')).toBe('/some/sub/path/chapters/x/');
    expect(withBaseOf('/a/', 'search/?q=rnn#top')).toBe('/a/search/?q=rnn#top');
  });
});
