/**
 * The lesson's references: the label a citation shows, the keys a chapter
 * cites, and one entry as text. The data is content/references.ts.
 */
import { references, type Reference, type ReferenceKey } from '../../content/references';

export { references, type Reference, type ReferenceKey };

/** Whether `key` names an entry. */
export function isReferenceKey(key: string): key is ReferenceKey {
  return Object.hasOwn(references, key);
}

/** A person by surname ("Vaswani"); an organisation in full, up to any comma ("Qwen Team", "Gemini Team"). */
function citedName(author: string, organisation: boolean): string {
  return organisation ? author.split(',')[0]! : author.split(' ').at(-1)!;
}

/** "Vaswani et al., 2017"; "Tallec and Ollivier, 2018"; "Shazeer, 2019"; "Qwen Team, 2025". */
export function citationLabel(reference: Reference): string {
  const { authors, etAl, year } = reference;
  const surname = (author: string) => citedName(author, reference.organisation === true);
  const names =
    authors.length === 2 && !etAl
      ? `${surname(authors[0]!)} and ${surname(authors[1]!)}`
      : `${surname(authors[0]!)}${authors.length > 1 || etAl ? ' et al.' : ''}`;
  return `${names}, ${year}`;
}

/** Authors as the references list writes them: all of them, then "et al." when the list is cut short. */
export function authorList(reference: Reference): string {
  const { authors, etAl } = reference;
  const joined = authors.length > 1 ? `${authors.slice(0, -1).join(', ')}${etAl ? ', ' : ' and '}${authors.at(-1)}` : authors[0]!;
  return etAl ? `${joined} et al.` : joined;
}

/** The id a chapter's references list gives an entry, for <Cite> to link to. */
export function referenceAnchor(key: string): string {
  return `ref-${key}`;
}

/** Keys cited in a chapter's MDX source, in order of first citation. */
export function citedKeys(source: string): string[] {
  const keys = [...source.matchAll(/<Cite\b[^>]*?\bid="([^"]+)"/g)].map((match) => match[1]!);
  return [...new Set(keys)];
}
