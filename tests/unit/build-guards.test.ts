import { describe, expect, test } from 'vitest';
import { withPolicy } from '../../src/integrations/csp';
import { isReleaseBuild, LOCAL_SITE_URL, siteUrl, siteUrlProblem } from '../../src/integrations/site-url';

describe('the CSP step stops the build on a page it cannot protect', () => {
  test('a page without <meta charset="utf-8"> is an error naming the file', () => {
    expect(() => withPolicy('<html><head><title>x</title><script>1</script></head></html>', 'dist/x/index.html')).toThrow(
      /cannot add the Content-Security-Policy to dist\/x\/index\.html: it has no <meta charset="utf-8">/,
    );
  });

  test('a script before <meta charset> is an error, since the policy would not govern it', () => {
    expect(() => withPolicy('<html><head><script>1</script><meta charset="utf-8"></head></html>', 'dist/y.html')).toThrow(
      /dist\/y\.html: a <script> comes before <meta charset="utf-8">/,
    );
  });

  test('a page that already has a policy <meta> is an error', () => {
    const page = '<html><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="default-src *"></head></html>';
    expect(() => withPolicy(page, 'dist/z.html')).toThrow(/dist\/z\.html already has a Content-Security-Policy/);
  });

  test('a normal page gets exactly one policy, right after its charset', () => {
    const out = withPolicy('<html><head><meta charset="utf-8" /><title>x</title></head></html>');
    expect(out).toMatch(/^<html><head><meta charset="utf-8" \/><meta http-equiv="Content-Security-Policy" content="[^"]+"><title>/);
  });
});

describe('SITE_URL', () => {
  test('a local build without it uses the preview address', () => {
    expect(siteUrl({})).toBe(LOCAL_SITE_URL);
    expect(siteUrlProblem({}, 'build')).toBeNull();
  });

  test('a CI build without it stops, saying what to set', () => {
    expect(siteUrlProblem({ CI: 'true' }, 'build')).toMatch(/SITE_URL is not set, and this is a release build[\s\S]*SITE_URL=https:\/\/lesson\.example\.com/);
  });

  test('npm run build:release without it stops', () => {
    expect(siteUrlProblem({ RELEASE_BUILD: '1' }, 'build')).toMatch(/SITE_URL is not set/);
  });

  test('a release build with it goes ahead', () => {
    expect(siteUrlProblem({ CI: 'true', SITE_URL: 'https://lesson.example.com' }, 'build')).toBeNull();
  });

  test('dev, preview and type checks under CI keep the local default', () => {
    for (const command of ['dev', 'preview', 'sync']) expect(siteUrlProblem({ CI: 'true' }, command)).toBeNull();
  });

  test('CI=false and CI=0 are not release builds', () => {
    expect(isReleaseBuild({ CI: 'false' })).toBe(false);
    expect(isReleaseBuild({ CI: '0' })).toBe(false);
    expect(isReleaseBuild({ CI: '1' })).toBe(true);
  });

  test('a SITE_URL that is not an http(s) URL is refused with an example', () => {
    expect(siteUrl({ SITE_URL: 'https://lesson.example.com' })).toBe('https://lesson.example.com/');
    expect(() => siteUrl({ SITE_URL: 'lesson.example.com' })).toThrow(/SITE_URL="lesson\.example\.com" is not a URL/);
    expect(() => siteUrl({ SITE_URL: 'ftp://lesson.example.com' })).toThrow(/must start with https:\/\//);
  });
});
