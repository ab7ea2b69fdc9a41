/**
 * The resize protocol's one message that host.js acts on, checked here so that host.js bundles
 * nothing else from the site (src/utils/embed.ts re-exports it).
 */

/** The largest height an embed may ask for; anything beyond is treated as malformed. */
export const MAX_EMBED_HEIGHT = 40_000;

/** Whether a resize message has the shape our child sends: { type: 'iframe-resized', height: n }. */
export function isValidResize(data: unknown): data is { type: 'iframe-resized'; height: number; width?: number } {
  if (!data || typeof data !== 'object') return false;
  const message = data as Record<string, unknown>;
  return (
    message.type === 'iframe-resized' &&
    typeof message.height === 'number' &&
    Number.isFinite(message.height) &&
    message.height > 0 &&
    message.height <= MAX_EMBED_HEIGHT
  );
}
