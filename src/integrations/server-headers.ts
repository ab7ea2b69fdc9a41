/**
 * The response headers the lesson needs, written for three kinds of server from one set of rules:
 * _headers (Netlify, Cloudflare Pages and similar hosts), nginx.conf and .htaccess (Apache).
 * - everywhere: nosniff, a referrer policy and a permissions policy;
 * - frame-ancestors on every response but the assets': EMBED_FRAME_ANCESTORS for /embed/, and
 *   SITE_FRAME_ANCESTORS for everything else, so /, /index.html, chapter pages and every 404 too;
 * - _astro/ (hashed file names, so a file never changes): cached for a year as immutable, and
 *   sent with WORKER_POLICY, the policy a Worker script runs under (a Worker takes its policy from
 *   its own response, not from the page; pages ignore a script's);
 * - CORS on /oembed/ (wikis fetch the documents) and on embed/host.js (its snippet carries integrity=).
 * The build writes all three into its output for its own BASE_PATH; deploy/ holds the default build's.
 */

export interface FrameAncestors {
  /** Who may frame /embed/ pages (CSP frame-ancestors); "*" by default. */
  embedFrameAncestors: string;
  /** Who may frame every other page; "'self'" by default. */
  siteFrameAncestors: string;
}

export const DEFAULT_FRAME_ANCESTORS: FrameAncestors = { embedFrameAncestors: '*', siteFrameAncestors: "'self'" };

export const COMMON_HEADERS: readonly (readonly [string, string])[] = [
  ['X-Content-Type-Options', 'nosniff'],
  ['Referrer-Policy', 'strict-origin-when-cross-origin'],
  ['Permissions-Policy', 'camera=(), microphone=(), geolocation=(), payment=(), usb=()'],
];

const CORS: readonly [string, string] = ['Access-Control-Allow-Origin', '*'];

/** Files under _astro/ carry a hash of their content in their names. */
export const IMMUTABLE_CACHE: readonly [string, string] = ['Cache-Control', 'public, max-age=31536000, immutable'];

/**
 * The experiment Worker's policy (it loads its chunks from _astro/ and reaches the GPU, nothing
 * else). Sent on every file under _astro/, since the Worker's name is hashed; a page ignores the
 * policy of a script or stylesheet it loads.
 */
export const WORKER_POLICY = "default-src 'none'; script-src 'self'; connect-src 'self'; base-uri 'none'";

const ASSETS = '_astro/';

/** Files the build writes for servers, which a server should not hand out as pages. */
export const SERVER_CONFIG_FILES = ['_headers', 'nginx.conf', '.htaccess'] as const;

// One source of the frame-ancestors grammar (CSP3): keywords, "*", scheme sources and host sources.
const SOURCE_EXPRESSION =
  /^(?:'self'|'none'|\*|[a-z][a-z0-9+.-]*:|(?:[a-z][a-z0-9+.-]*:\/\/)?(?:\*\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)*(?::(?:\d{1,5}|\*))?(?:\/[\w\-./~%]*)?)$/i;

/** Checks a frame-ancestors value before it goes into three config languages; throws a message naming the variable. */
export function checkFrameAncestors(variable: string, value: string): string {
  const sources = value.trim().split(/\s+/);
  const bad = sources.filter((source) => !SOURCE_EXPRESSION.test(source));
  if (value.trim() === '' || bad.length > 0 || (sources.includes("'none'") && sources.length > 1)) {
    throw new Error(
      `${variable}="${value}" is not a frame-ancestors value${bad.length ? ` (${bad.map((source) => `"${source}"`).join(', ')} is not a source)` : ''}.\n` +
        `  Use space-separated sources, for example ${variable}="'self' https://wiki.example.com", or '*' or "'none'".`,
    );
  }
  return sources.join(' ');
}

/** Normalizes BASE_PATH to "/a/b/" and refuses characters that would need quoting in a server config. */
export function checkBasePath(base: string): string {
  const root = `/${base.replace(/^\/+|\/+$/g, '')}/`.replace(/^\/\/$/, '/');
  if (!/^\/(?:[A-Za-z0-9._~-]+\/)*$/.test(root)) {
    throw new Error(`BASE_PATH="${base}" has characters a server path should not carry; use letters, digits, ".", "_", "~", "-" and "/".`);
  }
  return root;
}

function checked(options: FrameAncestors): FrameAncestors {
  return {
    embedFrameAncestors: checkFrameAncestors('EMBED_FRAME_ANCESTORS', options.embedFrameAncestors),
    siteFrameAncestors: checkFrameAncestors('SITE_FRAME_ANCESTORS', options.siteFrameAncestors),
  };
}

const frameAncestors = (value: string): readonly [string, string] => ['Content-Security-Policy', `frame-ancestors ${value}`];

/**
 * The _headers file (Netlify, Cloudflare Pages and others read this format). A request gets the
 * headers of every rule that matches it. The catch-all rule gives every response, 404s included,
 * the site's frame-ancestors; the later, narrower rules replace that policy: Netlify serves the
 * last matching rule's value of a header, and Cloudflare Pages, which would join the two values
 * into two policies, drops the inherited one on the "! Content-Security-Policy" line (a line
 * Netlify skips, having no colon).
 */
export function headersFile(base: string, options: FrameAncestors): string {
  const root = checkBasePath(base);
  const { embedFrameAncestors, siteFrameAncestors } = checked(options);
  const rule = (path: string, headers: readonly (readonly [string, string])[], detach: string[] = []) => [
    path,
    ...detach.map((name) => `  ! ${name}`),
    ...headers.map(([name, value]) => `  ${name}: ${value}`),
    '',
  ];
  const replacing = ['Content-Security-Policy'];
  return [
    ...rule(`${root}*`, [...COMMON_HEADERS, frameAncestors(siteFrameAncestors)]),
    ...rule(`${root}${ASSETS}*`, [IMMUTABLE_CACHE, ['Content-Security-Policy', WORKER_POLICY]], replacing),
    ...rule(`${root}embed/*`, [frameAncestors(embedFrameAncestors)], replacing),
    ...rule(`${root}embed/host.js`, [CORS]),
    ...rule(`${root}oembed/*`, [CORS]),
  ].join('\n');
}

/**
 * nginx locations to include inside a server { } whose root holds the site at BASE_PATH. nginx
 * does not inherit add_header into a location that has its own, so each location lists all of
 * its headers; ^~ keeps the server's own regex locations (a common `~* \.js$`) from taking over.
 */
export function nginxConfig(base: string, options: FrameAncestors): string {
  const root = checkBasePath(base);
  const { embedFrameAncestors, siteFrameAncestors } = checked(options);
  const location = (match: string, comment: string, headers: readonly (readonly [string, string])[]) => [
    `# ${comment}`,
    `location ${match} {`,
    ...[...COMMON_HEADERS, ...headers].map(([name, value]) => `    add_header ${name} "${value}" always;`),
    `    error_page 404 ${root}404.html;`,
    '}',
    '',
  ];
  return [
    `# Generated by the build for BASE_PATH=${root} (src/integrations/server-headers.ts); do not edit.`,
    `# Include it inside a server { } block whose root is the folder that holds the site at ${root}:`,
    `#   server { listen 443 ssl; root /var/www; include /etc/nginx/snippets/lesson.conf; }`,
    '',
    ...location(`^~ ${root}`, 'The lesson, /index.html and the 404 page included: only the site itself may frame it.', [frameAncestors(siteFrameAncestors)]),
    ...location(`^~ ${root}${ASSETS}`, 'Hashed assets: cached for a year; the Worker script runs under its own policy.', [
      IMMUTABLE_CACHE,
      ['Content-Security-Policy', WORKER_POLICY],
    ]),
    ...location(`^~ ${root}embed/`, "Embed pages, for other sites to frame (a 404 here is the site's 404 page, under the site's rule).", [
      frameAncestors(embedFrameAncestors),
    ]),
    ...location(`= ${root}embed/host.js`, "The host pages' resizer script, loaded with integrity= and crossorigin from other sites.", [
      frameAncestors(embedFrameAncestors),
      CORS,
    ]),
    ...location(`^~ ${root}oembed/`, 'oEmbed documents, fetched by wikis from other origins.', [CORS]),
    '# The server configurations the build writes beside the site are not pages.',
    ...SERVER_CONFIG_FILES.map((file) => `location = ${root}${file} { return 404; }`),
    '',
  ].join('\n');
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\#]/g, '\\$&');
}

/** .htaccess for the folder that holds the site at BASE_PATH (Apache 2.4 with mod_headers). */
export function htaccess(base: string, options: FrameAncestors): string {
  const root = checkBasePath(base);
  const { embedFrameAncestors, siteFrameAncestors } = checked(options);
  const set = ([name, value]: readonly [string, string], indent = '') => `${indent}Header always set ${name} "${value}"`;
  const under = (pattern: string) => `"%{REQUEST_URI} =~ m#^${escapeRegExp(root)}${pattern}#"`;
  return [
    `# Generated by the build for BASE_PATH=${root} (src/integrations/server-headers.ts); do not edit.`,
    '# Needs mod_headers: without it Apache stops with an error rather than serving the site without its headers.',
    ...COMMON_HEADERS.map((header) => set(header)),
    `<If ${under('embed/')}>`,
    set(frameAncestors(embedFrameAncestors), '  '),
    '</If>',
    `<ElseIf ${under(escapeRegExp(ASSETS))}>`,
    set(IMMUTABLE_CACHE, '  '),
    set(['Content-Security-Policy', WORKER_POLICY], '  '),
    '</ElseIf>',
    '<Else>',
    set(frameAncestors(siteFrameAncestors), '  '),
    '</Else>',
    `<If ${under('(?:oembed/|embed/host\\.js$)')}>`,
    set(CORS, '  '),
    '</If>',
    `ErrorDocument 404 ${root}404.html`,
    `<FilesMatch "^(?:${SERVER_CONFIG_FILES.map(escapeRegExp).join('|')})$">`,
    '  Require all denied',
    '</FilesMatch>',
    '',
  ].join('\n');
}
