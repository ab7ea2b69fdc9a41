// @ts-check
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import preact from '@astrojs/preact';
import sitemap from '@astrojs/sitemap';
import remarkMath from 'remark-math';
import rehypeKatex from 'rehype-katex';
import { rehypeHeadingIds, unified } from '@astrojs/markdown-remark';
import { rehypeHeadingAnchors } from './src/integrations/heading-anchors.ts';
import { embedAssets } from './src/integrations/embed-assets.ts';
import { contentSecurityPolicy } from './src/integrations/csp.ts';
import { requireSiteUrlForRelease, siteUrl } from './src/integrations/site-url.ts';
import { DEFAULT_FRAME_ANCESTORS } from './src/integrations/server-headers.ts';
import { rehypeKatexErrors, remarkComponentChecks, remarkLinkChecks, remarkNumberChecks } from './src/integrations/content-checks.ts';
import { remarkCitationChecks } from './src/integrations/citations.ts';
import { remarkBaseLinks } from './src/integrations/base-links.ts';
import { validHtml } from './src/integrations/valid-html.ts';
import { inSitemap } from './src/integrations/sitemap-filter.ts';
import { socialCards } from './src/integrations/social-cards.ts';

// Teams host the lesson under a sub-path: BASE_PATH=/some/sub/path npm run build.
// OUT_DIR lets the tests keep such a build beside the default one.
const base = process.env.BASE_PATH || '/';
const outDir = process.env.OUT_DIR || './dist';
// Builds of other content (CONTENT_DIR, used by the tests) keep their own content cache.
const cacheDir = process.env.ASTRO_CACHE_DIR || './node_modules/.astro';

export default defineConfig({
  // The public origin; a release build (CI, npm run build:release) stops without it.
  site: siteUrl(process.env),
  base,
  outDir,
  cacheDir,
  trailingSlash: 'always',
  build: { format: 'directory' },
  integrations: [
    requireSiteUrlForRelease(),
    mdx(),
    preact(),
    // The sitemap lists the lesson itself (see sitemap-filter.ts for what it leaves out).
    sitemap({ filter: inSitemap }),
    contentSecurityPolicy(),
    validHtml(),
    socialCards(),
    // Who may put the lesson in a frame: anyone for /embed/ pages, the site itself for the rest.
    // Written to _headers, nginx.conf and .htaccess in the build output.
    embedAssets({
      embedFrameAncestors: process.env.EMBED_FRAME_ANCESTORS || DEFAULT_FRAME_ANCESTORS.embedFrameAncestors,
      siteFrameAncestors: process.env.SITE_FRAME_ANCESTORS || DEFAULT_FRAME_ANCESTORS.siteFrameAncestors,
    }),
  ],
  // Astro 7's default whitespace handling ('jsx') drops the spaces between inline elements on separate
  // lines; the layouts and components are written for HTML's rules, so keep them.
  compressHTML: true,
  markdown: {
    // The remark/rehype pipeline (Astro 7's default is Sätteri, which runs neither kind of plugin).
    // The checks stop the build with a clear message when a chapter is broken (see CONTRIBUTING.md).
    processor: unified({
      remarkPlugins: [remarkMath, remarkComponentChecks, remarkLinkChecks, remarkNumberChecks, remarkCitationChecks, [remarkBaseLinks, { base }]],
      rehypePlugins: [rehypeHeadingIds, rehypeHeadingAnchors, [rehypeKatex, { strict: 'error' }], rehypeKatexErrors],
    }),
    shikiConfig: {
      themes: { light: 'github-light-default', dark: 'github-dark-default' },
      defaultColor: false,
      wrap: false,
    },
  },
  devToolbar: { enabled: false },
  // The experiment Worker is a module Worker that loads each experiment's sweep (and kernels) on demand.
  vite: { worker: { format: 'es' } },
});
