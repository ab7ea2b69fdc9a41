import { createHash } from 'node:crypto';
import { describe, expect, test } from 'vitest';

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
