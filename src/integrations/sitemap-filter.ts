/**
 * Which pages the sitemap lists: the lesson's own documents. Left out: the 404
 * page, the embeds (made for frames, marked noindex), the search page (its results
 * are generated in the browser) and the authoring-components page (for contributors).
 */
const LEFT_OUT = [/\/404\/$/, /\/embed\//, /\/search\/$/, /\/components\/$/];

/** For @astrojs/sitemap's `filter`: `page` is a full URL. */
export function inSitemap(page: string): boolean {
  const path = new URL(page).pathname;
  return !LEFT_OUT.some((pattern) => pattern.test(path));
}
