/**
 * Writes a Content-Security-Policy <meta> into every built page, with a SHA-256
 * hash for each inline script on that page: scripts need no 'unsafe-inline'.
 * (Astro 5's experimental CSP also hashes styles, which switches off
 * 'unsafe-inline' for the style attributes Shiki and uPlot set; so we do it here.)
 */
import type { AstroIntegration } from 'astro';
import { createHash } from 'node:crypto';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

/** Everything but scripts: same origin only. Pagefind's search runs WebAssembly; Vite inlines small fonts as data: URLs. */
const BASE_DIRECTIVES = [
  "default-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "style-src 'self' 'unsafe-inline'",
  "connect-src 'self'",
  "worker-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
];

export function inlineScriptHashes(html: string): string[] {
  const hashes = new Set<string>();
  for (const match of html.matchAll(/<script(?![^>]*\ssrc=)[^>]*>([\s\S]*?)<\/script>/gi)) {
    if (match[1]!.trim() === '') continue;
    hashes.add(`'sha256-${createHash('sha256').update(match[1]!).digest('base64')}'`);
  }
  return [...hashes];
}

export function policyFor(html: string): string {
  return [...BASE_DIRECTIVES, ["script-src 'self' 'wasm-unsafe-eval'", ...inlineScriptHashes(html)].join(' ')].join('; ');
}

/**
 * Inserts the policy right after <meta charset>, before any script it governs. A page where that
 * cannot be done stops the build: shipping it without a policy would go unnoticed.
 */
export function withPolicy(html: string, file = 'a page'): string {
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
  return `${html.slice(0, end)}<meta http-equiv="Content-Security-Policy" content="${policyFor(html)}">${html.slice(end)}`;
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
        for (const file of files) await writeFile(file, withPolicy(await readFile(file, 'utf8'), file));
        logger.info(`added a Content-Security-Policy to ${files.length} pages`);
      },
    },
  };
}
