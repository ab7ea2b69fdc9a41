import { describe, expect, test } from 'vitest';
import { withBasePath } from '../../src/integrations/base-links';

describe('site-absolute links under a base path', () => {
  test('a chapter link gains the base', () => {
    expect(withBasePath('/chapters/when-rnns-win/#x', '/some/sub/path')).toBe('/some/sub/path/chapters/when-rnns-win/#x');
    expect(withBasePath('/chapters/when-rnns-win/', '/some/sub/path/')).toBe('/some/sub/path/chapters/when-rnns-win/');
  });
  test('at the root, and for links already under the base, nothing changes', () => {
    expect(withBasePath('/chapters/a/', '/')).toBe('/chapters/a/');
    expect(withBasePath('/some/sub/path/chapters/a/', '/some/sub/path')).toBe('/some/sub/path/chapters/a/');
  });
  test('other origins, protocol-relative links and anchors are left alone', () => {
    expect(withBasePath('https://example.org/a', '/base')).toBe('https://example.org/a');
    expect(withBasePath('//example.org/a', '/base')).toBe('//example.org/a');
    expect(withBasePath('#heading', '/base')).toBe('#heading');
  });
});
