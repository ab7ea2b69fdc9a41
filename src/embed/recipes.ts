/**
 * How a team adds host.js to its docs engine or wiki: the exact configuration for each, from the
 * lesson's own URLs and host.js's integrity hash. The embedding page (src/pages/embedding.astro)
 * shows these, and the browser tests (tests/engines/) build real wikis from the same functions, so
 * what the page says is what was tested. Pure.
 */

export interface HostScriptSetup {
  /** The absolute URL of embed/host.js. */
  hostScript: string;
  /** Its subresource-integrity hash (src/embed/host-script-integrity.ts). */
  integrity: string;
}

/** The <script> element, for engines that take HTML. */
export function hostScriptTag({ hostScript, integrity }: HostScriptSetup): string {
  return `<script src="${hostScript}" integrity="${integrity}" crossorigin="anonymous" defer></script>`;
}

/** VitePress: `head` in .vitepress/config.mts. */
export function vitepressConfig({ hostScript, integrity }: HostScriptSetup, rest = ''): string {
  return `import { defineConfig } from 'vitepress';

export default defineConfig({
  head: [['script', { src: '${hostScript}', integrity: '${integrity}', crossorigin: 'anonymous', defer: '' }]],${rest}
});
`;
}

/** Docusaurus: `scripts` in docusaurus.config.js. */
export function docusaurusConfig({ hostScript, integrity }: HostScriptSetup): string {
  return `export default {
  scripts: [{ src: '${hostScript}', integrity: '${integrity}', crossorigin: 'anonymous', defer: true }],
};
`;
}

/**
 * MkDocs: `extra_javascript` in mkdocs.yml (MkDocs 1.5 or later). It takes no integrity attribute,
 * so the host's Content-Security-Policy pins the script to its URL instead.
 */
export function mkdocsConfig({ hostScript }: HostScriptSetup): string {
  return `extra_javascript:
  - path: ${hostScript}
    defer: true
`;
}

/** Material for MkDocs, with the integrity hash: the theme's `extrahead` block (overrides/main.html). */
export function mkdocsMaterialOverride(setup: HostScriptSetup): string {
  return `{% extends "base.html" %}
{% block extrahead %}
  ${hostScriptTag(setup)}
{% endblock %}
`;
}

/** Starlight: `head` in the starlight() options of astro.config.mjs. */
export function starlightConfig({ hostScript, integrity }: HostScriptSetup): string {
  return `import { defineConfig } from 'astro/config';
import starlight from '@astrojs/starlight';

export default defineConfig({
  integrations: [
    starlight({
      title: 'Our wiki',
      head: [{ tag: 'script', attrs: { src: '${hostScript}', integrity: '${integrity}', crossorigin: 'anonymous', defer: true } }],
    }),
  ],
});
`;
}

/** Astro with its client router (<ClientRouter />): the script in the layout's <head>, kept as written. */
export function astroLayoutHead(setup: HostScriptSetup): string {
  return `<ClientRouter />
${hostScriptTag(setup).replace('<script ', '<script is:inline ')}`;
}

/**
 * The sources a host page's own Content-Security-Policy must allow: the lesson's origin in
 * frame-src, and host.js (by its URL) in script-src. Add them to the directives the page already has.
 */
export function hostCspEntries({ hostScript }: HostScriptSetup): { frameSrc: string; scriptSrc: string } {
  return { frameSrc: new URL(hostScript).origin, scriptSrc: hostScript };
}
