// @ts-check
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import preact from '@astrojs/preact';
import sitemap from '@astrojs/sitemap';
import remarkMath from 'remark-math';
import rehypeKatex from 'rehype-katex';
import { rehypeHeadingIds } from '@astrojs/markdown-remark';
import { rehypeHeadingAnchors } from './src/integrations/heading-anchors.ts';

// Teams host the lesson under a sub-path: BASE_PATH=/some/sub/path npm run build.
// OUT_DIR lets the tests keep such a build beside the default one.
const base = process.env.BASE_PATH || '/';
const outDir = process.env.OUT_DIR || './dist';

export default defineConfig({
  site: process.env.SITE_URL || 'http://localhost:4321',
  base,
  outDir,
  trailingSlash: 'always',
  build: { format: 'directory' },
  integrations: [mdx(), preact(), sitemap({ filter: (page) => !page.endsWith('/404/') })],
  markdown: {
    remarkPlugins: [remarkMath],
    rehypePlugins: [rehypeHeadingIds, rehypeHeadingAnchors, [rehypeKatex, { strict: 'error' }]],
    shikiConfig: {
      themes: { light: 'github-light', dark: 'github-dark' },
      defaultColor: false,
      wrap: false,
    },
  },
  devToolbar: { enabled: false },
});
