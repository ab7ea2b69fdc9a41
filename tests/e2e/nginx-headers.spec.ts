import { expect, test } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { SUBPATH_BASE } from '../support/global-setup.mjs';
import { chapterSources, sha384Integrity } from '../support/site';
import { WORKER_POLICY } from '../../src/integrations/server-headers';

// The nginx.conf the sub-path build wrote, on a real nginx (Debian's package), as a team would
// include it in its server block. nginx runs unprivileged-style: everything it writes is under a
// temporary folder, it listens on a free loopback port, and `timeout` ends it if the test cannot.

const NGINX = process.env.NGINX_PATH || '/usr/sbin/nginx';
const MIME_TYPES = '/etc/nginx/mime.types';
const NGINX_LIFETIME_S = 120;

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as { port: number };
  await new Promise((done) => server.close(done));
  return port;
}

async function startNginx(site: string): Promise<{ origin: string; stop: () => Promise<void> }> {
  if (!existsSync(NGINX) || !existsSync(MIME_TYPES)) {
    throw new Error(`No nginx at ${NGINX} (or no ${MIME_TYPES}). This test needs one: sudo apt-get install -y nginx (or set NGINX_PATH).`);
  }
  const dir = await mkdtemp(join(tmpdir(), 'lesson-nginx-'));
  // The server's root holds the site at its BASE_PATH, as the generated file expects.
  const siteDir = join(dir, 'www', SUBPATH_BASE);
  await mkdir(resolve(siteDir, '..'), { recursive: true });
  await symlink(resolve(site), siteDir.replace(/\/$/, ''));
  const port = await freePort();
  const temp = (name: string) => `${name}_temp_path ${join(dir, name)};`;
  await writeFile(
    join(dir, 'nginx.conf'),
    `daemon off;
master_process off;
worker_processes 1;
pid ${join(dir, 'nginx.pid')};
error_log ${join(dir, 'error.log')} warn;
events { worker_connections 64; }
http {
  include ${MIME_TYPES};
  default_type application/octet-stream;
  access_log off;
  ${['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map(temp).join('\n  ')}
  server {
    listen 127.0.0.1:${port};
    root ${join(dir, 'www')};
    include ${resolve(site, 'nginx.conf')};
  }
}
`,
  );
  const nginx: ChildProcess = spawn('timeout', [String(NGINX_LIFETIME_S), NGINX, '-p', dir, '-c', join(dir, 'nginx.conf'), '-e', join(dir, 'error.log')], {
    stdio: 'ignore',
  });
  const exited = new Promise<void>((done) => nginx.once('exit', () => done()));
  const origin = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 10_000;
  for (;;) {
    if (nginx.exitCode !== null) throw new Error(`nginx exited with ${nginx.exitCode}:\n${await readFile(join(dir, 'error.log'), 'utf8').catch(() => '')}`);
    if (
      await fetch(`${origin}${SUBPATH_BASE}`).then(
        (response) => response.ok,
        () => false,
      )
    )
      break;
    if (Date.now() > deadline) throw new Error(`nginx did not answer on ${origin} within 10 s`);
    await new Promise((done) => setTimeout(done, 100));
  }
  return {
    origin,
    stop: async () => {
      nginx.kill('SIGTERM');
      await exited;
      await rm(dir, { recursive: true, force: true });
    },
  };
}

test.describe('the generated nginx.conf on a real nginx, serving the sub-path build', () => {
  test.describe.configure({ mode: 'serial' });
  let server: Awaited<ReturnType<typeof startNginx>>;
  test.beforeAll(async () => {
    server = await startNginx('dist-subpath');
  });
  test.afterAll(async () => {
    await server?.stop();
  });

  const chapter = chapterSources()[0]!.id;
  const get = (path: string) => fetch(`${server.origin}${SUBPATH_BASE}${path}`, { redirect: 'manual' });
  const sitePages = { home: '', chapter: `chapters/${chapter}/`, search: 'search/', components: 'components/' };
  const embedPages = { 'embedded chapter': `embed/${chapter}/`, 'embedded experiment': 'embed/experiment/parallelism/' };
  const otherFiles = { oEmbed: `oembed/chapters/${chapter}.json`, 'host script': 'embed/host.js' };

  test('nosniff, referrer policy and permissions policy on every kind of page and file', async () => {
    const missing = await get('no-such-page/');
    expect(missing.status).toBe(404);
    expect(await missing.text()).toContain('</html>'); // the lesson's 404 page, not nginx's
    for (const [kind, response] of [
      ...(await Promise.all(Object.entries({ ...sitePages, ...embedPages, ...otherFiles }).map(async ([kind, path]) => [kind, await get(path)] as const))),
      ['404 page', missing] as const,
    ]) {
      expect(response.status === 200 || kind === '404 page', `${kind}: ${response.status}`).toBe(true);
      expect(response.headers.get('x-content-type-options'), kind).toBe('nosniff');
      expect(response.headers.get('referrer-policy'), kind).toBe('strict-origin-when-cross-origin');
      expect(response.headers.get('permissions-policy'), kind).toMatch(/^camera=\(\), microphone=\(\)/);
    }
  });

  test('frame-ancestors: anyone for /embed/ pages, the site itself for every other HTML response, 404s included', async () => {
    const notFound = { 'missing page': 'no-such-page/', 'missing embed page': 'embed/no-such-chapter/', 'missing asset': '_astro/no-such.js' };
    for (const [kind, path] of Object.entries({ ...sitePages, 'home as index.html': 'index.html', '404 page': '404.html', ...notFound })) {
      const response = await get(path);
      expect(response.status, kind).toBe(kind in notFound ? 404 : 200);
      expect(response.headers.get('content-type'), kind).toMatch(/^text\/html/);
      expect(response.headers.get('content-security-policy'), kind).toBe("frame-ancestors 'self'");
    }
    for (const [kind, path] of Object.entries(embedPages)) {
      expect((await get(path)).headers.get('content-security-policy'), kind).toBe('frame-ancestors *');
    }
  });

  test('CORS on oEmbed documents and host.js, whose hash is the one the oEmbed snippet carries; not on pages', async () => {
    const oembed = await get(otherFiles.oEmbed);
    const host = await get(otherFiles['host script']);
    expect(oembed.headers.get('access-control-allow-origin')).toBe('*');
    expect(host.headers.get('access-control-allow-origin')).toBe('*');
    const integrity = sha384Integrity(new Uint8Array(await host.arrayBuffer()));
    expect((await oembed.json()).html).toContain(`integrity="${integrity}" crossorigin="anonymous"`);
    expect((await get(sitePages.chapter)).headers.get('access-control-allow-origin')).toBeNull();
    expect((await get(embedPages['embedded chapter'])).headers.get('access-control-allow-origin')).toBeNull();
  });

  test('hashed assets are cached as immutable for a year; the Worker script carries its own policy; pages are not cached so', async () => {
    const assets = await readdir(join('dist-subpath', '_astro'));
    const worker = assets.find((file) => /^worker-[\w-]+\.js$/.test(file));
    const stylesheet = assets.find((file) => file.endsWith('.css'));
    expect(worker, `a worker-*.js in ${assets.join(', ')}`).toBeDefined();
    for (const file of [worker!, stylesheet!]) {
      const response = await get(`_astro/${file}`);
      expect(response.status, file).toBe(200);
      expect(response.headers.get('cache-control'), file).toBe('public, max-age=31536000, immutable');
      expect(response.headers.get('content-security-policy'), file).toBe(WORKER_POLICY);
    }
    for (const [kind, path] of Object.entries({ ...sitePages, ...embedPages })) expect((await get(path)).headers.get('cache-control'), kind).toBeNull();
  });

  test('an experiment runs its Worker under the Worker policy nginx sends, with no violation or console error', async ({ page }) => {
    const errors: string[] = [];
    page.on('console', (message) => message.type() === 'error' && errors.push(message.text()));
    page.on('pageerror', (error) => errors.push(error.message));
    const workers: string[] = [];
    page.on('worker', (worker) => workers.push(worker.url()));
    await page.goto(`${server.origin}${SUBPATH_BASE}chapters/sequential-computation/?parallelism.maxT=4&parallelism.width=8`);
    const experiment = page.locator('#experiment-parallelism .experiment-frame');
    await experiment.scrollIntoViewIfNeeded();
    await expect(experiment).toHaveAttribute('data-backend', 'webgpu');
    await experiment.getByRole('button', { name: /^Run/ }).click();
    await expect(experiment).toHaveAttribute('data-status', 'done', { timeout: 60_000 });
    expect(workers).toHaveLength(1);
    expect((await fetch(workers[0]!)).headers.get('content-security-policy')).toBe(WORKER_POLICY);
    expect(errors).toEqual([]);
  });

  test('the server configurations beside the site are not served', async () => {
    for (const file of ['nginx.conf', '.htaccess', '_headers']) expect((await get(file)).status, file).toBe(404);
  });
});
