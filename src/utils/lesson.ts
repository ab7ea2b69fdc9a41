import { getCollection, type CollectionEntry } from 'astro:content';
import { orderChapters } from './chapters';

export type Chapter = CollectionEntry<'chapters'>;

/** All chapters readers see, in lesson order. Drafts show only in `astro dev`. */
export async function getLessonChapters(): Promise<Chapter[]> {
  return orderChapters(await getCollection('chapters'), { includeDrafts: import.meta.env.DEV });
}

/** The file name of a chapter inside content/, for "Edit this page". */
export function chapterFileName(chapter: Chapter): string {
  return (chapter.filePath ?? `${chapter.id}.mdx`).replace(/^(\.\/)?content\//, '');
}
