import type { Root, Element } from 'hast';
import { visit } from 'unist-util-visit';

/**
 * Rehype plugin: appends a visible "link to this section" anchor to every h2–h4
 * that has an id. Must run after Astro's `rehypeHeadingIds`, which sets the ids.
 */
export function rehypeHeadingAnchors() {
  return (tree: Root) => {
    visit(tree, 'element', (node: Element) => {
      if (!/^h[2-4]$/.test(node.tagName)) return;
      const id = node.properties?.id;
      if (typeof id !== 'string' || id === '') return;
      node.properties.className = [...toClassList(node.properties.className), 'heading-with-anchor'];
      node.children.push({
        type: 'element',
        tagName: 'a',
        // No text child: Astro collects heading text for the table of contents after
        // rehype plugins run, so the visible "#" comes from CSS instead.
        properties: { className: ['heading-anchor'], href: `#${id}`, ariaLabel: 'Link to this section' },
        children: [],
      });
    });
  };
}

function toClassList(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(String);
  if (typeof value === 'string') return value.split(/\s+/).filter(Boolean);
  return [];
}
