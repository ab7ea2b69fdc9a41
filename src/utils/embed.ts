/**
 * Embedding chapters and experiments in other sites: the URLs, the snippet a
 * team pastes, the oEmbed document, and the checks on resize messages. Pure.
 */
import { withBase } from './url';
import { FALLBACK_HEIGHTS } from '../embed/fallback-heights';

/** The frame's height for an embed that has no measured height (see embedFallbackHeight). */
export const EMBED_DEFAULT_HEIGHT = { chapter: 900, experiment: 720 } as const;

/**
 * The snippet's fixed height for an embed page (a site-relative path, query ignored): its measured
 * content height at a wiki's column width (src/embed/fallback-heights.ts), so that a wiki without
 * host.js shows it without an inner scroll bar; the default height for a page not measured.
 */
export function embedFallbackHeight(embedPath: string): number {
  const experiment = /^embed\/experiment\/([\w-]+)\//.exec(embedPath)?.[1];
  if (experiment) return FALLBACK_HEIGHTS.experiments[experiment] ?? EMBED_DEFAULT_HEIGHT.experiment;
  const chapter = /^embed\/([\w-]+)\//.exec(embedPath)?.[1];
  return (chapter && FALLBACK_HEIGHTS.chapters[chapter]) || EMBED_DEFAULT_HEIGHT.chapter;
}

/** Site-relative paths (no base): the page in the full lesson, the embed page, and its oEmbed document. */
export function chapterEmbedPaths(chapter: string): { page: string; embed: string; oembed: string } {
  return { page: `chapters/${chapter}/`, embed: `embed/${chapter}/`, oembed: `oembed/chapters/${chapter}.json` };
}

export function experimentEmbedPaths(experiment: string, chapter: string): { page: string; embed: string; oembed: string } {
  return { page: `chapters/${chapter}/#experiment-${experiment}`, embed: experimentEmbedPath(experiment), oembed: `oembed/experiments/${experiment}.json` };
}

export function experimentEmbedPath(experiment: string): string {
  return `embed/experiment/${experiment}/`;
}

/** Where host.js is, site-relative. */
export const HOST_SCRIPT_PATH = 'embed/host.js';

/**
 * The one way to an absolute lesson URL for a snippet: a site-relative path (which may carry a
 * query) under this build's base, on the lesson at `site` (Astro.site at build time, the reader's
 * location in the browser).
 */
export function lessonUrl(path: string, site: string | URL | undefined): string {
  return new URL(withBase(path), site).toString();
}

/**
 * The snippet for the embed page at a site-relative path (query included), with host.js beside it,
 * and the page's measured fallback height.
 */
export function lessonSnippet({
  embedPath,
  title,
  site,
  hostScriptIntegrity,
}: {
  embedPath: string;
  title: string;
  site: string | URL | undefined;
  hostScriptIntegrity: string;
}): string {
  return iframeSnippet({
    src: lessonUrl(embedPath, site),
    title,
    height: embedFallbackHeight(embedPath),
    hostScript: lessonUrl(HOST_SCRIPT_PATH, site),
    hostScriptIntegrity,
  });
}

function escapeAttribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** What the embedded page may use: the copy buttons write to the clipboard. */
export const EMBED_FRAME_ALLOW = 'clipboard-write';

/**
 * The iframe a host page pastes, with the optional script that keeps its height right. With the
 * script's integrity hash (src/embed/host-script-integrity.ts), the browser runs host.js only if it
 * is exactly the file this build wrote; crossorigin is needed for that check across origins.
 */
export function iframeSnippet({
  src,
  title,
  height,
  hostScript,
  hostScriptIntegrity,
}: {
  src: string;
  title: string;
  height: number;
  hostScript?: string;
  hostScriptIntegrity?: string;
}): string {
  const iframe = `<iframe src="${escapeAttribute(src)}" title="${escapeAttribute(title)}" width="100%" height="${height}" style="border:0;width:100%" loading="lazy" allow="${EMBED_FRAME_ALLOW}" data-lesson-embed></iframe>`;
  if (!hostScript) return iframe;
  const integrity = hostScriptIntegrity ? ` integrity="${escapeAttribute(hostScriptIntegrity)}" crossorigin="anonymous"` : '';
  return `${iframe}\n<script src="${escapeAttribute(hostScript)}"${integrity} defer></script>`;
}

export interface OEmbedDocument {
  version: '1.0';
  type: 'rich';
  title: string;
  provider_name: string;
  provider_url: string;
  html: string;
  width: number;
  height: number;
}

export function oembedDocument(options: {
  title: string;
  providerName: string;
  providerUrl: string;
  embedUrl: string;
  hostScript: string;
  hostScriptIntegrity: string;
  height: number;
}): OEmbedDocument {
  return {
    version: '1.0',
    type: 'rich',
    title: options.title,
    provider_name: options.providerName,
    provider_url: options.providerUrl,
    html: iframeSnippet({
      src: options.embedUrl,
      title: options.title,
      height: options.height,
      hostScript: options.hostScript,
      hostScriptIntegrity: options.hostScriptIntegrity,
    }),
    width: 800,
    height: options.height,
  };
}

export { isValidResize, MAX_EMBED_HEIGHT } from '../embed/protocol';

/** `?theme=` on an embed URL: light or dark forces a theme; anything else follows the system. */
export function embedTheme(search: string): 'light' | 'dark' | 'auto' {
  const value = new URLSearchParams(search).get('theme');
  return value === 'light' || value === 'dark' ? value : 'auto';
}
