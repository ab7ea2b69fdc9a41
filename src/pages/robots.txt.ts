/**
 * robots.txt: every page may be crawled (embeds and the 404 page say noindex in
 * their own <head>), and the sitemap is named with this build's origin and base.
 * Crawlers read robots.txt only at an origin's root, so a build under a sub-path
 * lists the same line for whoever serves the root to copy.
 */
import type { APIRoute } from 'astro';
import { withBase } from '../utils/url';

export const GET: APIRoute = ({ site }) => {
  const sitemap = new URL(withBase('sitemap-index.xml'), site);
  return new Response(`User-agent: *\nAllow: /\n\nSitemap: ${sitemap.href}\n`, { headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
};
