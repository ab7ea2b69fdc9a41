// Serves the two builds the end-to-end tests read: the site at "/" and the
// same site built with BASE_PATH under a sub-path. Ports are ephemeral.
import { existsSync } from 'node:fs';
import { startStaticServer } from './static-server.mjs';
import { findChromium } from './chromium.mjs';

export const SUBPATH_BASE = '/some/sub/path/';

export default async function globalSetup() {
  findChromium();
  for (const dir of ['dist', 'dist-subpath']) {
    if (!existsSync(`${dir}/index.html`)) {
      throw new Error(`${dir}/ has no built site. Run "npm test", which builds it, or "npm run build" first.`);
    }
  }
  const root = await startStaticServer({ root: 'dist', base: '/' });
  const subpath = await startStaticServer({ root: 'dist-subpath', base: SUBPATH_BASE });
  process.env.E2E_SITE_URL = root.url;
  process.env.E2E_SUBPATH_URL = subpath.url;
  return async () => {
    await root.close();
    await subpath.close();
  };
}
