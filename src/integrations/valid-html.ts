/**
 * Keeps the built HTML valid for the W3C Nu checker (`npm run check:html`) where a
 * dependency's output is not:
 *
 * - KaTeX writes `height:-0.5136em` on some vlists (on purpose since
 *   https://github.com/KaTeX/KaTeX/pull/768), in `$…$` math and in `<Tex>` alike. CSS
 *   forbids a negative height, so every browser drops that declaration; we drop it from
 *   the built pages instead, and they render exactly as before.
 * - Astro writes its island style (`astro-island,…{display:contents}`) just before the
 *   first island, in the body, where HTML allows a `<style>` only as its parent's first
 *   child. We move it, once, to the end of `<head>`.
 */
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';

const NEGATIVE_HEIGHT = /^\s*height\s*:\s*-/i;

/** A style attribute without its negative `height` declarations (which browsers ignore anyway); '' when nothing is left. */
export function withoutNegativeHeight(style: string): string {
  return style
    .split(';')
    .filter((declaration) => declaration.trim() !== '' && !NEGATIVE_HEIGHT.test(declaration))
    .join(';');
}

/** A script element, whose text is code (and hashed by the CSP), not markup. */
const SCRIPT_ELEMENT = /(<script\b[^>]*>[\s\S]*?<\/script>)/i;
const STYLE_ATTRIBUTE = /\sstyle="([^"]*)"/g;

/** The page without negative heights in its style attributes; script elements untouched. */
export function withoutNegativeHeights(html: string): string {
  return html
    .split(SCRIPT_ELEMENT)
    .map((part, index) =>
      // split() with a capturing group puts the scripts at the odd indices.
      index % 2 === 1
        ? part
        : part.replace(STYLE_ATTRIBUTE, (attribute, style: string) => {
            if (!/height\s*:\s*-/i.test(style)) return attribute;
            const kept = withoutNegativeHeight(style);
            return kept ? ` style="${kept}"` : '';
          }),
    )
    .join('');
}

/** Astro's island style, exactly as Astro writes it (if a new Astro writes another, the validator says so). */
const ISLAND_STYLE = /<style>astro-island,astro-slot(?:,astro-static-slot)?\{display:contents\}<\/style>/g;

/** The page with Astro's island style moved out of `<body>` to the end of `<head>`, once; other pages unchanged. */
export function moveIslandStyleToHead(html: string): string {
  const bodyStart = html.search(/<body[\s>]/i);
  const headEnd = html.indexOf('</head>');
  if (bodyStart < 0 || headEnd < 0 || headEnd > bodyStart) return html;
  const body = html.slice(bodyStart);
  const styles = body.match(ISLAND_STYLE);
  if (!styles) return html;
  const head = html.slice(0, headEnd);
  const styleInHead = head.includes(styles[0]) ? '' : styles[0];
  return `${head}${styleInHead}${html.slice(headEnd, bodyStart)}${body.replace(ISLAND_STYLE, '')}`;
}

async function htmlFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((entry) => entry.isFile() && entry.name.endsWith('.html')).map((entry) => join(entry.parentPath, entry.name));
}

export function validHtml(): AstroIntegration {
  return {
    name: 'lesson:valid-html',
    hooks: {
      'astro:build:done': async ({ dir, logger }) => {
        let fixedPages = 0;
        for (const file of await htmlFiles(fileURLToPath(dir))) {
          const html = await readFile(file, 'utf8');
          const fixed = moveIslandStyleToHead(withoutNegativeHeights(html));
          if (fixed === html) continue;
          await writeFile(file, fixed);
          fixedPages += 1;
        }
        logger.info(`fixed KaTeX's negative heights and Astro's island style on ${fixedPages} pages`);
      },
    },
  };
}
