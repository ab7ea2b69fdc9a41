// Serves what the browser tests read: the site at "/", the same site built with
// BASE_PATH under a sub-path, and the kernel harness (built here with Vite).
// Ports are ephemeral.
import { existsSync } from 'node:fs';
import { startStaticServer } from './static-server.mjs';
import { findChromium } from './chromium.mjs';
import { buildHarness } from '../kernels/harness/build.mjs';

export const SUBPATH_BASE = '/some/sub/path/';

export default async function globalSetup() {
  findChromium();
  for (const dir of ['dist', 'dist-subpath']) {
    if (!existsSync(`${dir}/index.html`)) {
      throw new Error(`${dir}/ has no built site. Run "npm test", which builds it, or "npm run build" first.`);
    }
  }
  const harness = await startStaticServer({ root: await buildHarness(), base: '/' });
  const root = await startStaticServer({ root: 'dist', base: '/' });
  const subpath = await startStaticServer({ root: 'dist-subpath', base: SUBPATH_BASE });
  process.env.E2E_SITE_URL = root.url;
  process.env.E2E_SUBPATH_URL = subpath.url;
  process.env.E2E_HARNESS_URL = `${harness.url}index.html`;
  return async () => {
    await root.close();
    await subpath.close();
    await harness.close();
  };
}
