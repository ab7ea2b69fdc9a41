import { expect, test } from 'vitest';
import { createHash } from 'node:crypto';
import { HOST_SCRIPT_INTEGRITY } from '../../src/embed/host-script-integrity';
import { bundleHostScript } from '../../src/integrations/embed-assets';
import { oembedDocument } from '../../src/utils/embed';

test('the integrity hash code imports is the sha384 of the host.js bytes the build writes', async () => {
  const { code } = await bundleHostScript();
  expect(HOST_SCRIPT_INTEGRITY).toBe(`sha384-${createHash('sha384').update(code).digest('base64')}`);
});

test('an oEmbed snippet loads host.js with integrity and crossorigin, and lets the frame use the clipboard', () => {
  const { html } = oembedDocument({
    title: 'T',
    providerName: 'P',
    providerUrl: 'https://lesson.example/',
    embedUrl: 'https://lesson.example/embed/summary/',
    hostScript: 'https://lesson.example/embed/host.js',
    hostScriptIntegrity: HOST_SCRIPT_INTEGRITY,
    height: 900,
  });
  expect(html).toContain('allow="clipboard-write"');
  expect(html).toContain(`<script src="https://lesson.example/embed/host.js" integrity="${HOST_SCRIPT_INTEGRITY}" crossorigin="anonymous" defer></script>`);
});

test('one builder for embed URLs: the snippet carries the embed URL, host.js and the embed\u2019s measured height', async () => {
  const { lessonSnippet, embedFallbackHeight, EMBED_DEFAULT_HEIGHT } = await import('../../src/utils/embed');
  const { FALLBACK_HEIGHTS } = await import('../../src/embed/fallback-heights');
  const [experiment, height] = Object.entries(FALLBACK_HEIGHTS.experiments)[0]!;
  expect(embedFallbackHeight(`embed/experiment/${experiment}/?${experiment}.maxT=4`)).toBe(height);
  expect(embedFallbackHeight('embed/summary/')).toBe(FALLBACK_HEIGHTS.chapters.summary);
  expect(embedFallbackHeight('embed/no-such-chapter/')).toBe(EMBED_DEFAULT_HEIGHT.chapter);
  const snippet = lessonSnippet({
    embedPath: `embed/experiment/${experiment}/?a=1&b=2`,
    title: 'T',
    site: 'https://lesson.example/some/page/',
    hostScriptIntegrity: HOST_SCRIPT_INTEGRITY,
  });
  expect(snippet).toContain(`<iframe src="https://lesson.example/embed/experiment/${experiment}/?a=1&amp;b=2"`);
  expect(snippet).toContain(`height="${height}"`);
  expect(snippet).toContain(`<script src="https://lesson.example/embed/host.js" integrity="${HOST_SCRIPT_INTEGRITY}"`);
});
