import { describe, expect, test } from 'vitest';
import { readFileSync } from 'node:fs';
import GithubSlugger from 'github-slugger';
import { SPINE_ROWS } from '../../src/lesson/spine';

/** The anchors Astro gives a chapter's headings (github-slugger, as the link checks use). */
function headingAnchors(chapter: string): Set<string> {
  const slugger = new GithubSlugger();
  const headings = readFileSync(`content/${chapter}.mdx`, 'utf8').match(/^#{2,6} .+$/gm) ?? [];
  return new Set(headings.map((heading) => slugger.slug(heading.replace(/^#+ /, ''))));
}

describe('the spine table', () => {
  test('every cell links to a heading that exists', () => {
    for (const row of SPINE_ROWS) {
      for (const cell of [row.cost, row.sequential, row.path]) {
        expect(headingAnchors(cell.chapter), `${row.layer}: ${cell.chapter}#${cell.anchor}`).toContain(cell.anchor);
      }
    }
  });

  test('values at T = 4096, d = 512: the recurrent and attention rows by hand', () => {
    const [recurrent, , attention] = SPINE_ROWS;
    expect(recurrent!.cost.value).toBe('2.15 billion'); // 2 · 4096 · 512² = 2,147,483,648
    expect(recurrent!.sequential.value).toBe('4,096');
    expect(recurrent!.path.value).toBe('4,095');
    // 4 · 4096 · 512² + 2 · 4096² · 512 = 4,294,967,296 + 17,179,869,184 = 21,474,836,480
    expect(attention!.cost.value).toBe('21.5 billion');
    expect(attention!.path.value).toBe('1');
  });
});
