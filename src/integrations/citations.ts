/**
 * The citation check: a <Cite id="…"> whose key has no entry in
 * content/references.ts stops the build, naming the file and line, as the
 * other content checks do (src/integrations/content-checks.ts).
 */
import type { Root as MdastRoot } from 'mdast';
import type { VFile } from 'vfile';
import { visit } from 'unist-util-visit';
import { ContentError } from './content-checks';
import { isReferenceKey, references } from '../utils/references';

interface CiteElement {
  type: 'mdxJsxFlowElement' | 'mdxJsxTextElement';
  name: string | null;
  attributes: Array<{ type: string; name?: string; value?: unknown }>;
  position?: { start: { line: number; column: number } };
}

/** Keys that share the first four letters of `key`, or every key when none do. */
function nearestKeys(key: string): string[] {
  const all = Object.keys(references);
  const near = all.filter((candidate) => candidate.slice(0, 4).toLowerCase() === key.slice(0, 4).toLowerCase());
  return near.length ? near : all;
}

export function remarkCitationChecks() {
  return (tree: MdastRoot, file: VFile) => {
    visit(tree, (node) => {
      if (node.type !== 'mdxJsxFlowElement' && node.type !== 'mdxJsxTextElement') return;
      const element = node as unknown as CiteElement;
      if (element.name !== 'Cite') return;
      const place = element.position?.start;
      const id = element.attributes.find((attribute) => attribute.type === 'mdxJsxAttribute' && attribute.name === 'id');
      // A missing id is reported by the component checks (the prop is required); an expression cannot be checked here.
      if (!id) return;
      if (typeof id.value !== 'string') {
        throw new ContentError(
          file,
          place,
          '<Cite> takes its id as plain text, not an expression.',
          'write <Cite id="key" /> with the key of an entry in content/references.ts.',
        );
      }
      if (!isReferenceKey(id.value)) {
        throw new ContentError(
          file,
          place,
          `<Cite id="${id.value}"> names no entry in content/references.ts.`,
          `add an entry with that key to content/references.ts (authors, title, year, venue, url), or use an existing key: ${nearestKeys(id.value).join(', ')}.`,
        );
      }
    });
  };
}
