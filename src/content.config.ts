import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { chapterSchema } from './schemas/chapter';

/**
 * The lesson's chapters: one MDX file per chapter in the top-level content/ folder.
 * Partials start with "_". CONTENT_DIR points the build at another folder (the
 * tests use it to build broken copies of a chapter).
 */
const chapters = defineCollection({
  loader: glob({ pattern: ['**/*.mdx', '!**/_*.mdx'], base: process.env.CONTENT_DIR || './content' }),
  schema: chapterSchema,
});

export const collections = { chapters };
