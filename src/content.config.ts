import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { chapterSchema } from './schemas/chapter';

/** The lesson's chapters: one MDX file per chapter in the top-level content/ folder. Partials start with "_". */
const chapters = defineCollection({
  loader: glob({ pattern: ['**/*.mdx', '!**/_*.mdx'], base: './content' }),
  schema: chapterSchema,
});

export const collections = { chapters };
