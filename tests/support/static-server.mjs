// A small static file server for the end-to-end tests: serves a built site
// under a base path, on an ephemeral port, the way a team's static host would,
// with the headers of the site's own _headers file (as Netlify or Cloudflare Pages would).
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { gzipSync } from 'node:zlib';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
  '.wgsl': 'text/plain; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.xml': 'application/xml',
  '.zip': 'application/zip',
};

/**
 * Parses a _headers file into [pattern, headers] rules; "*" in a path matches anything. As on
 * Netlify, a later matching rule's value of a header replaces an earlier one's.
 */
export function parseHeadersFile(text) {
  const rules = [];
  for (const line of text.split('\n')) {
    if (line.trim() === '' || line.trim().startsWith('#')) continue;
    if (!/^\s/.test(line)) {
      const pattern = new RegExp(
        `^${line
          .trim()
          .replace(/[.+?^${}()|[\]\\]/g, '\\$&')
          .replace(/\*/g, '.*')}$`,
      );
      rules.push([pattern, {}]);
    } else if (line.trim().startsWith('!')) {
      // Cloudflare Pages' detach line: drop the value a broader rule gave (null: removed below).
      rules.at(-1)[1][line.trim().slice(1).trim().toLowerCase()] = null;
    } else {
      const [name, ...value] = line.trim().split(':');
      rules.at(-1)[1][name.trim().toLowerCase()] = value.join(':').trim();
    }
  }
  return rules;
}

function headersFor(rules, pathname) {
  const merged = Object.assign({}, ...rules.filter(([pattern]) => pattern.test(pathname)).map(([, headers]) => headers));
  return Object.fromEntries(Object.entries(merged).filter(([, value]) => value !== null));
}

/**
 * Serves `root` under `base` (e.g. "/" or "/some/sub/path/") on 127.0.0.1.
 * Resolves to { url, close }, where url ends with the base.
 */
export async function startStaticServer({ root, base = '/', port = 0 }) {
  const rootDir = resolve(root);
  const prefix = base.endsWith('/') ? base : `${base}/`;
  let rules = [];
  try {
    rules = parseHeadersFile(readFileSync(join(rootDir, '_headers'), 'utf8'));
  } catch {
    // Not a built site (the tests' host pages): no headers file.
  }
  const server = createServer(async (request, response) => {
    const { pathname } = new URL(request.url ?? '/', 'http://localhost');
    for (const [name, value] of Object.entries(headersFor(rules, pathname))) response.setHeader(name, value);
    if (!pathname.startsWith(prefix) && `${pathname}/` !== prefix) {
      return send(response, 404, 'text/plain; charset=utf-8', `Not under ${prefix}`);
    }
    const relative = decodeURIComponent(pathname.slice(prefix.length));
    const file = normalize(join(rootDir, relative));
    if (file !== rootDir && !file.startsWith(rootDir + sep)) return send(response, 403, 'text/plain', 'Forbidden');
    try {
      const info = await stat(file).catch(() => undefined);
      const gzip = /\bgzip\b/.test(request.headers['accept-encoding'] ?? '');
      if (info?.isDirectory()) {
        if (!pathname.endsWith('/')) {
          response.writeHead(301, { location: `${pathname}/` });
          return response.end();
        }
        return send(response, 200, TYPES['.html'], await readFile(join(file, 'index.html')), gzip);
      }
      if (info?.isFile()) return send(response, 200, TYPES[extname(file)] ?? 'application/octet-stream', await readFile(file), gzip);
      const notFound = await readFile(join(rootDir, '404.html')).catch(() => 'Not found');
      return send(response, 404, TYPES['.html'], notFound, gzip);
    } catch (error) {
      return send(response, 500, 'text/plain', String(error));
    }
  });
  await new Promise((done) => server.listen(port, '127.0.0.1', done));
  const address = server.address();
  return {
    url: `http://127.0.0.1:${address.port}${prefix}`,
    close: () => new Promise((done) => server.close(done)),
  };
}

// Text is compressed when the client accepts it, as production static hosts do.
function send(response, status, type, body, gzip = false) {
  const compress = gzip && /^(text\/|application\/(json|javascript|xml)|image\/svg)/.test(type);
  response.writeHead(status, {
    'content-type': type,
    'cache-control': 'no-store',
    ...(compress ? { 'content-encoding': 'gzip', vary: 'accept-encoding' } : {}),
  });
  response.end(compress ? gzipSync(body) : body);
}
