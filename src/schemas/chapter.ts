import { z } from 'astro/zod';

/** Frontmatter of one chapter in content/. */
export const chapterSchema = z
  .object({
    /** The chapter's title, shown as its heading, in the sidebar and in the browser tab. */
    title: z.string().trim().min(1, 'title must not be empty'),
    /** One or two sentences for the chapter list, search results and the page's meta description. */
    description: z.string().trim().min(20, 'description should be a sentence of at least 20 characters'),
    /** Position in the lesson, starting at 1; no two chapters may share one. */
    order: z.number().int('order must be a whole number').positive('order starts at 1'),
    /** Drafts are built in `npm run dev` but left out of production builds and navigation. */
    draft: z.boolean().default(false),
    /** A short label for the sidebar when the title is long. */
    sidebarLabel: z.string().trim().min(1).optional(),
  })
  .strict();

export type ChapterFrontmatter = z.infer<typeof chapterSchema>;
