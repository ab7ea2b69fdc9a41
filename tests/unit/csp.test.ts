import { createHash } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import { inlineScriptHashes, inlineStyleHashes, policyFor, withPolicy, WASM_PAGES } from '../../src/integrations/csp';

const sha256 = (text: string) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;
const directive = (policy: string, name: string) =>
  policy
    .split(';')
    .map((part) => part.trim())
    .find((part) => part.split(' ')[0] === name);

describe('content security policy', () => {
  test('hashes inline scripts only, and puts the policy before them', () => {
    const html = '<html><head><meta charset="utf-8"><script>let a = 1;</script><script src="/x.js"></script></head></html>';
    expect(inlineScriptHashes(html)).toEqual([sha256('let a = 1;')]);
    const out = withPolicy(html);
    expect(out.indexOf('Content-Security-Policy')).toBeLessThan(out.indexOf('<script>'));
    expect(out).not.toMatch(/script-src[^;"]*'unsafe-inline'/);
  });

  test('allows <style> elements by hash and inline style only in attributes', () => {
    const html = '<html><head><meta charset="utf-8"><style>p{color:red}</style></head><body><span style="--shiki-dark:#fff">x</span></body></html>';
    expect(inlineStyleHashes(html)).toEqual([sha256('p{color:red}')]);
    const policy = policyFor(html);
    expect(directive(policy, 'style-src-elem')).toBe(`style-src-elem 'self' ${sha256('p{color:red}')}`);
    expect(directive(policy, 'style-src-attr')).toBe("style-src-attr 'unsafe-inline'");
    expect(directive(policy, 'style-src')).toBe("style-src 'self'");
  });

  test("only a page that asks for it may compile WebAssembly ('wasm-unsafe-eval'), and that is the search page", () => {
    const html = '<html><head><meta charset="utf-8"></head></html>';
    expect(directive(policyFor(html), 'script-src')).toBe("script-src 'self'");
    expect(directive(policyFor(html, { wasm: true }), 'script-src')).toBe("script-src 'self' 'wasm-unsafe-eval'");
    expect(withPolicy(html, 'dist/search/index.html', { wasm: true })).toContain("'wasm-unsafe-eval'");
    expect(WASM_PAGES).toEqual(['search/index.html']);
  });
});
