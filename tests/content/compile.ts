/**
 * Compiles a chapter with the same remark and rehype checks the build runs, but
 * without Astro: fast enough to try every kind of mistake on a copy of a chapter.
 */
import { compile } from '@mdx-js/mdx';
import { VFile } from 'vfile';
import remarkMath from 'remark-math';
import rehypeKatex from 'rehype-katex';
import { rehypeKatexErrors, remarkComponentChecks, remarkLinkChecks, remarkNumberChecks } from '../../src/integrations/content-checks';
import { remarkCitationChecks } from '../../src/integrations/citations';

export async function compileChapter(path: string, source: string): Promise<void> {
  const body = source.replace(/^---\n[\s\S]*?\n---\n/, (frontmatter) => '\n'.repeat(frontmatter.split('\n').length - 1));
  await compile(new VFile({ path, value: body }), {
    remarkPlugins: [remarkMath, remarkComponentChecks, remarkLinkChecks, remarkNumberChecks, remarkCitationChecks],
    rehypePlugins: [[rehypeKatex, { strict: 'error' }], rehypeKatexErrors],
  });
}
