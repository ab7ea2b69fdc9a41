import { describe, expect, test } from 'vitest';
import { parseExcerpt } from '../../src/utils/search-excerpt';

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
