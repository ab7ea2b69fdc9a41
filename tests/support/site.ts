// Helpers the end-to-end tests share: where the served sites are, which pages
// they have (from the sitemap), and what the chapters' frontmatter says.
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

export function siteUrl(): string {
  const url = process.env.E2E_SITE_URL;
  if (!url) throw new Error('E2E_SITE_URL is unset: run the browser tests through "npm test" or "npx playwright test".');
  return url;
}

export function subpathUrl(): string {
  const url = process.env.E2E_SUBPATH_URL;
  if (!url) throw new Error('E2E_SUBPATH_URL is unset: run the browser tests through "npm test" or "npx playwright test".');
  return url;
}

export function harnessUrl(): string {
  const url = process.env.E2E_HARNESS_URL;
  if (!url) throw new Error('E2E_HARNESS_URL is unset: run the browser tests through "npm test" or "npx playwright test".');
  return url;
}

/** Paths (relative to the base, e.g. "chapters/summary/") of every page in a build's sitemap. */
export function sitemapPaths(distDir = 'dist'): string[] {
  const xml = readFileSync(join(distDir, 'sitemap-0.xml'), 'utf8');
  const paths = [...xml.matchAll(/<loc>([^<]+)<\/loc>/g)].map((match) => new URL(match[1]!).pathname);
  // The sitemap's URLs carry the build's base; strip it so paths are base-relative.
  const base = commonBase(paths);
  return paths.map((path) => path.slice(base.length));
}

function commonBase(paths: string[]): string {
  const home = paths.reduce((shortest, path) => (path.length < shortest.length ? path : shortest), paths[0] ?? '/');
  return home.endsWith('/') ? home : `${home}/`;
}

export interface ChapterSource {
  id: string;
  title: string;
  order: number;
  file: string;
  body: string;
}

/** Reads each chapter's id, title and order straight from content/, independently of the site's code. */
export function chapterSources(contentDir = 'content'): ChapterSource[] {
  return readdirSync(contentDir)
    .filter((file) => file.endsWith('.mdx') && !file.startsWith('_'))
    .map((file) => {
      const text = readFileSync(join(contentDir, file), 'utf8');
      const field = (name: string) =>
        text
          .match(new RegExp(`^${name}:\\s*(.+)$`, 'm'))?.[1]
          ?.trim()
          .replace(/^'(.*)'$/, '$1')
          .replace(/^"(.*)"$/, '$1');
      return { id: file.replace(/\.mdx$/, ''), title: field('title') ?? '', order: Number(field('order')), file, body: text };
    })
    .sort((a, b) => a.order - b.order);
}

/** The integrity="" value for some bytes (computed here, independently of the build's own code). */
export function sha384Integrity(bytes: Uint8Array): string {
  return `sha384-${createHash('sha384').update(bytes).digest('base64')}`;
}
