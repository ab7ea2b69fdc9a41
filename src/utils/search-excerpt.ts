/**
 * Pagefind returns excerpts as HTML: escaped text with <mark> around matches.
 * We never insert that HTML; we split it into plain-text segments and mark
 * which ones matched, so nothing from an index or a URL reaches the DOM as HTML.
 */
export interface ExcerptSegment {
  text: string;
  match: boolean;
}

const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'", '&#x27;': "'", '&nbsp;': '\u00a0' };

export function parseExcerpt(html: string): ExcerptSegment[] {
  const segments: ExcerptSegment[] = [];
  const parts = html.split(/(<mark>|<\/mark>)/);
  let match = false;
  for (const part of parts) {
    if (part === '<mark>') match = true;
    else if (part === '</mark>') match = false;
    else if (part) segments.push({ text: decodeEntities(stripTags(part)), match });
  }
  return segments;
}

function stripTags(text: string): string {
  return text.replace(/<[^>]*>/g, '');
}

function decodeEntities(text: string): string {
  return text.replace(/&(?:amp|lt|gt|quot|nbsp|#39|#x27);/g, (entity) => ENTITIES[entity] ?? entity);
}
