/**
 * Ordering and navigation of chapters. Pure: it works on plain objects so it
 * can be unit-tested without Astro.
 */
export interface ChapterLike {
  id: string;
  filePath?: string;
  data: { title: string; order: number; draft: boolean; sidebarLabel?: string };
}

/** Thrown when two chapters claim the same `order`. */
export class DuplicateChapterOrderError extends Error {}

/** Sorts chapters by `order`, leaving drafts out unless asked, and refuses duplicate orders. */
export function orderChapters<T extends ChapterLike>(chapters: readonly T[], { includeDrafts = false } = {}): T[] {
  const seen = new Map<number, T>();
  for (const chapter of chapters) {
    const clash = seen.get(chapter.data.order);
    if (clash) {
      throw new DuplicateChapterOrderError(
        `Two chapters have order ${chapter.data.order}: ${describe(clash)} and ${describe(chapter)}. ` +
          'Give each chapter a different "order" in its frontmatter.',
      );
    }
    seen.set(chapter.data.order, chapter);
  }
  return chapters
    .filter((chapter) => includeDrafts || !chapter.data.draft)
    .slice()
    .sort((a, b) => a.data.order - b.data.order);
}

/** The chapters before and after `id` in an ordered list. */
export function neighbours<T extends ChapterLike>(ordered: readonly T[], id: string): { previous?: T; next?: T } {
  const index = ordered.findIndex((chapter) => chapter.id === id);
  if (index === -1) return {};
  return { previous: ordered[index - 1], next: ordered[index + 1] };
}

function describe(chapter: ChapterLike): string {
  return chapter.filePath ?? chapter.id;
}
