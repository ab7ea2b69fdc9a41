/**
 * Writes a Content-Security-Policy <meta> into every built page, right after its charset, with a SHA-256
 * hash for each inline script and <style> element on that page: neither needs 'unsafe-inline'. Only style
 * attributes (Shiki's token colours, the figures, uPlot) are allowed inline, by style-src-attr, and only the
 * search page may compile WebAssembly (Pagefind). Astro 7's built-in CSP cannot hold this policy yet:
 * it hashes no `is:inline` script, and writes its <meta> after the layout's first one (see CONTRIBUTING.md).
 */
import type { AstroIntegration } from 'astro';
import { createHash } from 'node:crypto';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { join, relative, sep } from 'node:path';

/** Same origin only, but for what each directive says. Vite inlines small fonts as data: URLs. */
const BASE_DIRECTIVES = [
  "default-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  // Browsers without style-src-elem and style-src-attr (CSP Level 3) fall back to this, which allows no inline style.
  "style-src 'self'",
  "style-src-attr 'unsafe-inline'",
  "connect-src 'self'",
  "worker-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
];

/** The built pages (paths under the output folder) that may compile WebAssembly: the search page runs Pagefind's. */
export const WASM_PAGES: readonly string[] = ['search/index.html'];

const sha256 = (text: string) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;

export function inlineScriptHashes(html: string): string[] {
  const hashes = new Set<string>();
  for (const match of html.matchAll(/<script(?![^>]*\ssrc=)[^>]*>([\s\S]*?)<\/script>/gi)) {
    if (match[1]!.trim() === '') continue;
    hashes.add(sha256(match[1]!));
  }
  return [...hashes];
}

export function inlineStyleHashes(html: string): string[] {
  return [...new Set([...html.matchAll(/<style\b[^>]*>([\s\S]*?)<\/style>/gi)].map((match) => sha256(match[1]!)))];
}

export function policyFor(html: string, { wasm = false } = {}): string {
  return [
    ...BASE_DIRECTIVES,
    ["style-src-elem 'self'", ...inlineStyleHashes(html)].join(' '),
    ["script-src 'self'", ...(wasm ? ["'wasm-unsafe-eval'"] : []), ...inlineScriptHashes(html)].join(' '),
  ].join('; ');
}

/**
 * Inserts the policy right after <meta charset>, before any script it governs. A page where that
 * cannot be done stops the build: shipping it without a policy would go unnoticed.
 */
export function withPolicy(html: string, file = 'a page', options: { wasm?: boolean } = {}): string {
  const charset = /<meta charset="utf-8"\s*\/?>/i.exec(html);
  const firstScript = html.search(/<script\b/i);
  if (!charset) {
    throw new Error(`csp: cannot add the Content-Security-Policy to ${file}: it has no <meta charset="utf-8">, after which the policy goes.`);
  }
  if (firstScript !== -1 && firstScript < charset.index) {
    throw new Error(
      `csp: cannot add the Content-Security-Policy to ${file}: a <script> comes before <meta charset="utf-8">, so the policy would not govern it.`,
    );
  }
  if (/<meta http-equiv="Content-Security-Policy"/i.test(html)) {
    throw new Error(`csp: ${file} already has a Content-Security-Policy <meta>; a second one would only narrow it, so keep one source of policy.`);
  }
  const end = charset.index + charset[0].length;
  return `${html.slice(0, end)}<meta http-equiv="Content-Security-Policy" content="${policyFor(html, options)}">${html.slice(end)}`;
}

async function htmlFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const nested = await Promise.all(
    entries.map((entry) => (entry.isDirectory() ? htmlFiles(join(dir, entry.name)) : entry.name.endsWith('.html') ? [join(dir, entry.name)] : [])),
  );
  return nested.flat();
}

export function contentSecurityPolicy(): AstroIntegration {
  return {
    name: 'lesson:content-security-policy',
    hooks: {
      'astro:build:done': async ({ dir, logger }) => {
        const files = await htmlFiles(fileURLToPath(dir));
        if (files.length === 0) throw new Error(`csp: the build wrote no HTML pages to ${fileURLToPath(dir)}, so there is nothing to protect.`);
        const root = fileURLToPath(dir);
        for (const file of files) {
          const wasm = WASM_PAGES.includes(relative(root, file).split(sep).join('/'));
          await writeFile(file, withPolicy(await readFile(file, 'utf8'), file, { wasm }));
        }
        logger.info(`added a Content-Security-Policy to ${files.length} pages`);
      },
    },
  };
}
