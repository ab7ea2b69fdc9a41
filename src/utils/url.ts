/**
 * The one helper every internal URL goes through, so the site works when it is
 * served under a sub-path (BASE_PATH=/some/sub/path npm run build).
 */

/** Normalises a base such as "", "/", "/docs" or "/docs/" to "/" or "/docs/". */
export function normaliseBase(base: string | undefined): string {
  const trimmed = (base ?? '').replace(/^\/+|\/+$/g, '');
  return trimmed ? `/${trimmed}/` : '/';
}

/** Joins a site-relative path onto a base: withBaseOf('/docs/', 'chapters/x/') → '/docs/chapters/x/'. */
export function withBaseOf(base: string, path: string): string {
  const root = normaliseBase(base);
  const [pathPart, suffix = ''] = splitSuffix(path);
  const relative = pathPart.replace(/^\/+/, '');
  return `${root}${relative}${suffix}`;
}

/** Joins a path onto this build's base (Astro's `base`). */
export function withBase(path: string): string {
  return withBaseOf(import.meta.env.BASE_URL, path);
}

/** The URL of a chapter page. */
export function chapterPath(slug: string): string {
  return withBase(`chapters/${slug}/`);
}

function splitSuffix(path: string): [string, string] {
  const index = path.search(/[?#]/);
  return index === -1 ? [path, ''] : [path.slice(0, index), path.slice(index)];
}
