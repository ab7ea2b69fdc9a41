/**
 * Two small wikis built with real docs engines, each embedding a chapter and an experiment with the
 * lesson's snippet, and adding host.js the way src/embed/recipes.ts tells teams to:
 * - VitePress (its `head` setting; client-side navigation by its router);
 * - Astro with its client router (<ClientRouter />), the router Starlight sites build on.
 *
 * The engines are installed here, in tests/engines/ (its own package.json and lockfile), not in the
 * lesson's dependencies. The wikis are built once per content of their inputs (this file, the
 * recipes, the lockfile) into tests/engines/node_modules/.cache/wikis-<hash>/ and reused after.
 * They are built for a placeholder lesson (LESSON_PLACEHOLDER) and served by serveWiki(), which
 * writes the test's lesson URL and host.js hash into every text response.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { dirname, extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { astroLayoutHead, hostCspEntries, vitepressConfig, type HostScriptSetup } from '../../src/embed/recipes';
import { embedFallbackHeight, iframeSnippet } from '../../src/utils/embed';

const ENGINES_DIR = dirname(fileURLToPath(import.meta.url));
const LESSON_PLACEHOLDER = 'https://lesson.invalid/';
const INTEGRITY_PLACEHOLDER = 'sha384-INTEGRITY_PLACEHOLDER';
const PLACEHOLDER_SETUP: HostScriptSetup = { hostScript: `${LESSON_PLACEHOLDER}embed/host.js`, integrity: INTEGRITY_PLACEHOLDER };

/** What each wiki embeds (site-relative embed paths on the lesson). */
export const WIKI_EMBEDS = { chapter: 'embed/why-the-shift/', experiment: 'embed/experiment/parallelism/' } as const;

export type Engine = 'vitepress' | 'astro';

export interface BuiltWiki {
  engine: Engine;
  dir: string;
  /** Page paths on the wiki's server. */
  pages: { home: string; chapter: string; experiment: string };
}

function frame(path: string, title: string): string {
  // The snippet as the Embed control gives it, without its <script>: the engine's configuration adds that.
  return iframeSnippet({ src: `${LESSON_PLACEHOLDER}${path}`, title, height: embedFallbackHeight(path) });
}

function vitepressSources(): Record<string, string> {
  const sidebar = `
  themeConfig: {
    sidebar: [
      { text: 'Home', link: '/' },
      { text: 'Chapter', link: '/chapter' },
      { text: 'Experiment', link: '/experiment' },
    ],
  },`;
  return {
    '.vitepress/config.mts': vitepressConfig(PLACEHOLDER_SETUP, `\n  title: 'Team wiki',${sidebar}`),
    // An icon, so the browser's request for one is not a 404 in the console.
    'public/favicon.ico': '',
    'index.md': '# Team wiki\n\nNotes on sequence models.\n',
    'chapter.md': `# Why the shift\n\n${frame(WIKI_EMBEDS.chapter, 'Chapter')}\n\nAfter the chapter.\n`,
    'experiment.md': `# Parallelism\n\n${frame(WIKI_EMBEDS.experiment, 'Experiment')}\n\nAfter the experiment.\n`,
  };
}

function astroSources(): Record<string, string> {
  const layout = `---
import { ClientRouter } from 'astro:transitions';
const { title } = Astro.props;
---
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <link rel="icon" href="data:," />
    <title>{title}</title>
    ${astroLayoutHead(PLACEHOLDER_SETUP).replace(/\n/g, '\n    ')}
  </head>
  <body>
    <nav><a href="/">Home</a> <a href="/chapter/">Chapter</a> <a href="/experiment/">Experiment</a></nav>
    <main><h1>{title}</h1><slot /></main>
  </body>
</html>
`;
  const page = (title: string, body: string) => `---
import Wiki from '../layouts/Wiki.astro';
---
<Wiki title="${title}">${body}</Wiki>
`;
  return {
    'astro.config.mjs': "export default { devToolbar: { enabled: false }, build: { format: 'directory' } };\n",
    'src/layouts/Wiki.astro': layout,
    'src/pages/index.astro': page('Team wiki', '<p>Notes on sequence models.</p>'),
    'src/pages/chapter.astro': page('Why the shift', `${frame(WIKI_EMBEDS.chapter, 'Chapter')}<p>After the chapter.</p>`),
    'src/pages/experiment.astro': page('Parallelism', `${frame(WIKI_EMBEDS.experiment, 'Experiment')}<p>After the experiment.</p>`),
  };
}

const SOURCES = { vitepress: vitepressSources, astro: astroSources };
const PAGES: Record<Engine, BuiltWiki['pages']> = {
  vitepress: { home: '/', chapter: '/chapter.html', experiment: '/experiment.html' },
  astro: { home: '/', chapter: '/chapter/', experiment: '/experiment/' },
};

function inputsHash(): string {
  const hash = createHash('sha256');
  for (const file of [
    'package.json',
    'package-lock.json',
    'wikis.ts',
    '../../src/embed/recipes.ts',
    '../../src/utils/embed.ts',
    '../../src/embed/fallback-heights.ts',
  ]) {
    hash.update(readFileSync(join(ENGINES_DIR, file)));
  }
  return hash.digest('hex').slice(0, 16);
}

/** Installs the engines from tests/engines/package-lock.json unless that exact install is there. */
function installEngines(): void {
  const lock = readFileSync(join(ENGINES_DIR, 'package-lock.json'));
  const stamp = join(ENGINES_DIR, 'node_modules', '.installed-lock-sha256');
  const want = createHash('sha256').update(lock).digest('hex');
  if (existsSync(stamp) && readFileSync(stamp, 'utf8') === want) return;
  // Install scripts are skipped, as for the lesson itself: esbuild's only checks its binary.
  execFileSync('npm', ['ci', '--ignore-scripts', '--no-audit', '--no-fund'], { cwd: ENGINES_DIR, stdio: 'inherit' });
  execFileSync('node', ['-e', `require('fs').writeFileSync(${JSON.stringify(stamp)}, ${JSON.stringify(want)})`]);
}

/** Builds both wikis (or finds them built for these inputs) and returns where they are. */
export async function buildWikis(): Promise<BuiltWiki[]> {
  const cache = join(ENGINES_DIR, 'node_modules', '.cache', `wikis-${inputsHash()}`);
  if (!existsSync(join(cache, 'done'))) {
    installEngines();
    const work = `${cache}.building-${process.pid}`;
    await rm(work, { recursive: true, force: true });
    for (const engine of Object.keys(SOURCES) as Engine[]) {
      const root = join(work, engine);
      for (const [file, text] of Object.entries(SOURCES[engine]())) {
        await mkdir(dirname(join(root, file)), { recursive: true });
        await writeFile(join(root, file), text);
      }
      const bin = join(ENGINES_DIR, 'node_modules', '.bin', engine);
      const args =
        engine === 'vitepress'
          ? ['build', root, '--outDir', join(work, `${engine}-site`)]
          : ['build', '--root', root, '--outDir', join(work, `${engine}-site`)];
      execFileSync(bin, args, { cwd: ENGINES_DIR, stdio: 'inherit', env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' } });
    }
    await writeFile(join(work, 'done'), new Date().toISOString());
    await rm(cache, { recursive: true, force: true });
    await rename(work, cache);
  }
  return (Object.keys(SOURCES) as Engine[]).map((engine) => ({ engine, dir: join(cache, `${engine}-site`), pages: PAGES[engine] }));
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.woff2': 'font/woff2',
};

/**
 * Serves a built wiki on a free loopback port, with the lesson's URL and host.js hash written in,
 * under a Content-Security-Policy that allows the engine's own needs plus exactly the entries the
 * embedding page tells hosts to add (hostCspEntries).
 */
export async function serveWiki(wiki: BuiltWiki, lesson: HostScriptSetup): Promise<{ url: string; csp: string; close: () => Promise<void> }> {
  const root = resolve(wiki.dir);
  const lessonBase = lesson.hostScript.replace(/embed\/host\.js$/, '');
  const { frameSrc, scriptSrc } = hostCspEntries(lesson);
  const csp = [
    "default-src 'self'",
    // Both engines write inline scripts of their own (VitePress's dark-mode check, Astro's router).
    `script-src 'self' 'unsafe-inline' ${scriptSrc}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self' data:",
    `frame-src ${frameSrc}`,
  ].join('; ');
  const server = createServer(async (request, response) => {
    const { pathname } = new URL(request.url ?? '/', 'http://localhost');
    let file = normalize(join(root, decodeURIComponent(pathname)));
    if (file !== root && !file.startsWith(root + sep)) return response.writeHead(403).end();
    const info = await stat(file).catch(() => undefined);
    if (info?.isDirectory()) file = join(file, 'index.html');
    else if (!info && existsSync(`${file}.html`)) file = `${file}.html`;
    const body = await readFile(file).catch(() => undefined);
    if (!body) return response.writeHead(404, { 'content-type': 'text/plain' }).end('Not found');
    const type = TYPES[extname(file)] ?? 'application/octet-stream';
    const text = /^text\/|json/.test(type);
    response.writeHead(200, { 'content-type': type, 'content-security-policy': csp });
    response.end(text ? body.toString('utf8').replaceAll(LESSON_PLACEHOLDER, lessonBase).replaceAll(INTEGRITY_PLACEHOLDER, lesson.integrity) : body);
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as { port: number };
  return { url: `http://127.0.0.1:${port}`, csp, close: () => new Promise((done) => server.close(() => done())) };
}
