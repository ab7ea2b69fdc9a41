/**
 * Build-time files for teams that host and embed the lesson:
 * - embed/host.js: the host-page resizer script, bundled with esbuild;
 * - _headers: security headers and frame-ancestors for common static hosts.
 * The zip of the whole site is written by zip-site.mjs, after the search index.
 */
import type { AstroIntegration } from 'astro';
import { build } from 'esbuild';
import { writeFile, mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

export interface EmbedAssetOptions {
  /** Who may frame /embed/ pages (CSP frame-ancestors); "*" by default. */
  embedFrameAncestors: string;
  /** Who may frame every other page; "'self'" by default. */
  siteFrameAncestors: string;
}

/** The _headers file (Netlify, Cloudflare Pages and others read this format). */
export function headersFile(base: string, options: EmbedAssetOptions): string {
  const root = base.endsWith('/') ? base : `${base}/`;
  const common = [
    'X-Content-Type-Options: nosniff',
    'Referrer-Policy: strict-origin-when-cross-origin',
    'Permissions-Policy: camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()',
  ];
  // The page rules do not overlap, so no host has to merge two frame-ancestors values.
  const sitePages = ['', 'chapters/*', 'search/*', 'components/*', '404.html'];
  return [
    `${root}*`,
    ...common.map((line) => `  ${line}`),
    '',
    ...sitePages.flatMap((page) => [`${root}${page}`, `  Content-Security-Policy: frame-ancestors ${options.siteFrameAncestors}`, '']),
    `${root}embed/*`,
    `  Content-Security-Policy: frame-ancestors ${options.embedFrameAncestors}`,
    '',
    `${root}oembed/*`,
    '  Access-Control-Allow-Origin: *',
    '',
  ].join('\n');
}

export function embedAssets(options: EmbedAssetOptions): AstroIntegration {
  let base = '/';
  return {
    name: 'lesson:embed-assets',
    hooks: {
      'astro:config:done': ({ config }) => {
        base = config.base;
      },
      'astro:build:done': async ({ dir, logger }) => {
        const outDir = fileURLToPath(dir);
        await mkdir(join(outDir, 'embed'), { recursive: true });
        await build({
          entryPoints: [fileURLToPath(new URL('../embed/host.ts', import.meta.url))],
          outfile: join(outDir, 'embed', 'host.js'),
          bundle: true,
          minify: true,
          format: 'iife',
          target: 'es2020',
          legalComments: 'inline',
          logLevel: 'warning',
        });
        await writeFile(join(outDir, '_headers'), headersFile(base, options));
        logger.info('wrote embed/host.js and _headers');
      },
    },
  };
}
