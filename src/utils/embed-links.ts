/**
 * Link targets for a page in another site's frame: a link within the page (`#ref-3`,
 * a heading's anchor) scrolls inside the frame, and every other link opens a new tab
 * rather than replacing the lesson inside the host's frame. Set per link at build
 * time, since `<base target="_blank">` also sends in-page links to a new tab.
 */

/** A start tag `<a …>` with its attributes, quoted values allowed to hold `>`. */
const ANCHOR_START = /<a(\s(?:[^>"']|"[^"]*"|'[^']*')*)?>/gi;
const ATTRIBUTE = (name: string) => new RegExp(`\\s${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s"'=<>\`]+))`, 'i');

function attribute(attributes: string, name: string): string | undefined {
  const match = ATTRIBUTE(name).exec(attributes);
  return match ? (match[1] ?? match[2] ?? match[3]) : undefined;
}

/** Whether `href`, on the page at `pagePath`, points into that same page (so following it only scrolls). */
export function isInPageLink(href: string, pagePath: string): boolean {
  const value = href.replaceAll('&amp;', '&').trim();
  if (value.startsWith('#')) return true;
  const page = new URL(pagePath, 'https://embed.invalid');
  let target: URL;
  try {
    target = new URL(value, page);
  } catch {
    return false;
  }
  return target.origin === page.origin && target.pathname === page.pathname && target.search === page.search && target.hash !== '';
}

/** The HTML with `target="_blank" rel="noopener"` on each link that leaves the page; in-page links, and links that name a target, as they were. */
export function targetLinksForFrame(html: string, pagePath: string): string {
  return html.replace(ANCHOR_START, (tag: string, attributes: string | undefined = '') => {
    const href = attribute(attributes, 'href');
    if (href === undefined || attribute(attributes, 'target') !== undefined || isInPageLink(href, pagePath)) return tag;
    const rel = attribute(attributes, 'rel') === undefined ? ' rel="noopener"' : '';
    return `<a${attributes} target="_blank"${rel}>`;
  });
}
