/**
 * Build-time files for teams that host and embed the lesson:
 * - embed/host.js: the host-page resizer script, bundled with esbuild. It is bundled once, when the
 *   build starts, so pages can carry its subresource-integrity hash (import it from
 *   src/embed/host-script-integrity.ts) and the file written at the end has exactly those bytes;
 * - _headers, nginx.conf and .htaccess: the headers for this build's BASE_PATH (server-headers.ts).
 * The zip of the whole site is written by zip-site.mjs, after the search index.
 */
import type { AstroIntegration } from 'astro';
import type { Plugin } from 'vite';
import { build } from 'esbuild';
import { createHash } from 'node:crypto';
import { writeFile, mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { headersFile, htaccess, nginxConfig, type FrameAncestors } from './server-headers';

type HostScript = { code: Uint8Array; integrity: string };

/** The value of an integrity="" attribute for these bytes. */
export function subresourceIntegrity(bytes: Uint8Array): string {
  return `sha384-${createHash('sha384').update(bytes).digest('base64')}`;
}

export async function bundleHostScript(): Promise<HostScript> {
  const result = await build({
    entryPoints: [fileURLToPath(new URL('../embed/host.ts', import.meta.url))],
    bundle: true,
    minify: true,
    format: 'iife',
    target: 'es2020',
    legalComments: 'inline',
    logLevel: 'warning',
    write: false,
  });
  const code = result.outputFiles[0]!.contents;
  return { code, integrity: subresourceIntegrity(code) };
}

const HOST_SCRIPT_MODULE = 'virtual:lesson/host-script';

/** The Vite plugin behind `import { hostScriptIntegrity } from 'virtual:lesson/host-script'` (also used by Vitest). */
export function hostScriptPlugin(hostScript: () => Promise<HostScript>): Plugin {
  const resolved = `\0${HOST_SCRIPT_MODULE}`;
  return {
    name: 'lesson:host-script-integrity',
    resolveId: (id) => (id === HOST_SCRIPT_MODULE ? resolved : undefined),
    load: async (id) => (id === resolved ? `export const hostScriptIntegrity = ${JSON.stringify((await hostScript()).integrity)};` : undefined),
  };
}

export function embedAssets(options: FrameAncestors): AstroIntegration {
  let serverFiles: Record<string, string> = {};
  let hostScript: Promise<HostScript> | undefined;
  return {
    name: 'lesson:embed-assets',
    hooks: {
      'astro:config:setup': ({ updateConfig }) => {
        hostScript = bundleHostScript();
        updateConfig({ vite: { plugins: [hostScriptPlugin(() => hostScript!)] } });
      },
      // Written at the end, but made here, so a bad BASE_PATH or frame-ancestors value stops the build at once.
      'astro:config:done': ({ config }) => {
        serverFiles = {
          _headers: headersFile(config.base, options),
          'nginx.conf': nginxConfig(config.base, options),
          '.htaccess': htaccess(config.base, options),
        };
      },
      'astro:build:done': async ({ dir, logger }) => {
        const outDir = fileURLToPath(dir);
        await mkdir(join(outDir, 'embed'), { recursive: true });
        await writeFile(join(outDir, 'embed', 'host.js'), (await hostScript!).code);
        for (const [file, text] of Object.entries(serverFiles)) await writeFile(join(outDir, file), text);
        logger.info('wrote embed/host.js, and _headers, nginx.conf and .htaccess for this BASE_PATH');
      },
    },
  };
}
