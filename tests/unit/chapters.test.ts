import { describe, expect, test } from 'vitest';
import { DuplicateChapterOrderError, neighbours, orderChapters, type ChapterLike } from '../../src/utils/chapters';
import { chapterSchema } from '../../src/schemas/chapter';

const chapter = (id: string, order: number, draft = false): ChapterLike => ({ id, filePath: `content/${id}.mdx`, data: { title: id, order, draft } });

describe('chapter order', () => {
  test('sorts by order and leaves drafts out', () => {
    const ordered = orderChapters([chapter('c', 3), chapter('a', 1), chapter('draft', 2, true)]);
    expect(ordered.map((c) => c.id)).toEqual(['a', 'c']);
    expect(orderChapters([chapter('b', 2, true), chapter('a', 1)], { includeDrafts: true }).map((c) => c.id)).toEqual(['a', 'b']);
  });

  test('refuses two chapters with the same order, naming both files', () => {
    expect(() => orderChapters([chapter('a', 1), chapter('b', 1)])).toThrow(DuplicateChapterOrderError);
    expect(() => orderChapters([chapter('a', 1), chapter('b', 1)])).toThrow(/content\/a\.mdx and content\/b\.mdx/);
  });

  test('previous and next', () => {
    const list = orderChapters([chapter('a', 1), chapter('b', 2), chapter('c', 3)]);
    expect(neighbours(list, 'a')).toEqual({ previous: undefined, next: list[1] });
    expect(neighbours(list, 'b')).toEqual({ previous: list[0], next: list[2] });
    expect(neighbours(list, 'c')).toEqual({ previous: list[1], next: undefined });
    expect(neighbours(list, 'missing')).toEqual({});
  });
});

describe('frontmatter schema', () => {
  const valid = { title: 'A chapter', description: 'A description long enough to read.', order: 1 };

  test('accepts a valid chapter and defaults draft to false', () => {
    expect(chapterSchema.parse(valid)).toEqual({ ...valid, draft: false });
  });

  test('rejects missing or malformed fields with readable messages', () => {
    expect(chapterSchema.safeParse({ ...valid, title: '' }).error?.issues[0]?.message).toMatch(/title must not be empty/);
    expect(chapterSchema.safeParse({ ...valid, order: 1.5 }).error?.issues[0]?.message).toMatch(/whole number/);
    expect(chapterSchema.safeParse({ ...valid, order: 0 }).error?.issues[0]?.message).toMatch(/starts at 1/);
    expect(chapterSchema.safeParse({ title: 'x', order: 1 }).success).toBe(false);
    expect(chapterSchema.safeParse({ ...valid, titel: 'typo' }).success).toBe(false);
  });
});
