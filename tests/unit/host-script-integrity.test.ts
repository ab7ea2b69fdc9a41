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
