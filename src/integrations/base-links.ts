/**
 * Chapters link to each other as `/chapters/<id>/#heading` (the form the link check
 * accepts). Under a sub-path (BASE_PATH=/some/sub/path) that address would leave the
 * site, so this remark plugin puts the base in front of every site-absolute link.
 * Links to other origins, protocol-relative ones and in-page anchors are left alone.
 */
import { visit } from 'unist-util-visit';
import type { Root, Link, Definition } from 'mdast';

/** `/chapters/x/` under `base` ("/" or "/some/sub/path", with or without a trailing slash). */
export function withBasePath(url: string, base: string): string {
  if (!url.startsWith('/') || url.startsWith('//')) return url;
  const prefix = base.replace(/\/+$/, '');
  if (prefix === '' || url === prefix || url.startsWith(`${prefix}/`)) return url;
  return `${prefix}${url}`;
}

export function remarkBaseLinks(options: { base: string }) {
  return (tree: Root) => {
    visit(tree, (node) => {
      if (node.type === 'link' || node.type === 'definition') {
        const link = node as Link | Definition;
        link.url = withBasePath(link.url, options.base);
      }
    });
  };
}
