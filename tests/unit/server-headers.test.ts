import { describe, expect, test } from 'vitest';
import {
  checkBasePath,
  checkFrameAncestors,
  DEFAULT_FRAME_ANCESTORS,
  headersFile,
  htaccess,
  nginxConfig,
  WORKER_POLICY,
} from '../../src/integrations/server-headers';

type Rule = { pattern: RegExp; detach: string[]; set: [string, string][] };

function parseRules(text: string): Rule[] {
  const rules: Rule[] = [];
  for (const line of text.split('\n')) {
    if (line.trim() === '' || line.trim().startsWith('#')) continue;
    if (!/^\s/.test(line)) {
      rules.push({
        pattern: new RegExp(
          `^${line
            .trim()
            .replace(/[.+?^${}()|[\]\\]/g, '\\$&')
            .replace(/\*/g, '.*')}$`,
        ),
        detach: [],
        set: [],
      });
    } else if (line.trim().startsWith('!')) rules.at(-1)!.detach.push(line.trim().slice(1).trim().toLowerCase());
    else {
      const [name, ...value] = line.trim().split(':');
      rules.at(-1)!.set.push([name!.trim().toLowerCase(), value.join(':').trim()]);
    }
  }
  return rules;
}

/**
 * The headers two hosts send for a path, as their documentation describes them. Netlify: the last
 * matching rule's value of a header wins, and a line without a colon is skipped. Cloudflare Pages:
 * every matching rule's values are joined with ", ", and "! Name" drops what earlier rules set.
 */
function hostHeaders(text: string, path: string): { netlify: Record<string, string>; cloudflare: Record<string, string> } {
  const matching = parseRules(text).filter((rule) => rule.pattern.test(path));
  const netlify: Record<string, string> = {};
  const cloudflare: Record<string, string> = {};
  for (const rule of matching) {
    for (const name of rule.detach) delete cloudflare[name];
    for (const [name, value] of rule.set) {
      netlify[name] = value;
      cloudflare[name] = cloudflare[name] === undefined ? value : `${cloudflare[name]}, ${value}`;
    }
  }
  return { netlify, cloudflare };
}

const SUBPATH = { base: '/some/sub/path', options: { embedFrameAncestors: 'https://wiki.example.com', siteFrameAncestors: "'self'" } };

/** The add_header lines of one nginx location block, by its match ("^~ /x/" or "= /x"). */
function nginxLocation(conf: string, match: string): string[] {
  const block = conf.split(`location ${match} {\n`)[1]?.split('\n}')[0];
  if (block === undefined) throw new Error(`no location ${match} in:\n${conf}`);
  return block.split('\n').map((line) => line.trim());
}

describe('server configurations', () => {
  // deploy/ holds the default build's files for readers of the repository; the build writes its own.
  // After changing the rules, refresh them with: npx vitest run tests/unit/server-headers.test.ts -u
  test('deploy/nginx.conf and deploy/.htaccess are what the default build writes', async () => {
    await expect(nginxConfig('/', DEFAULT_FRAME_ANCESTORS)).toMatchFileSnapshot('../../deploy/nginx.conf');
    await expect(htaccess('/', DEFAULT_FRAME_ANCESTORS)).toMatchFileSnapshot('../../deploy/.htaccess');
  });

  test('every nginx location with its own add_header repeats the shared headers, since nginx does not inherit them', () => {
    const conf = nginxConfig(SUBPATH.base, SUBPATH.options);
    for (const match of ['^~ /some/sub/path/', '^~ /some/sub/path/embed/', '= /some/sub/path/embed/host.js', '^~ /some/sub/path/oembed/']) {
      const lines = nginxLocation(conf, match);
      expect(lines, match).toContain('add_header X-Content-Type-Options "nosniff" always;');
      expect(lines, match).toContain('add_header Referrer-Policy "strict-origin-when-cross-origin" always;');
      expect(
        lines.some((line) => line.startsWith('add_header Permissions-Policy "camera=()')),
        match,
      ).toBe(true);
      expect(lines, match).toContain('error_page 404 /some/sub/path/404.html;');
    }
  });

  test('nginx: frame-ancestors per kind of page, CORS on oEmbed and host.js only', () => {
    const conf = nginxConfig(SUBPATH.base, SUBPATH.options);
    expect(nginxLocation(conf, '^~ /some/sub/path/')).toContain(`add_header Content-Security-Policy "frame-ancestors 'self'" always;`);
    expect(nginxLocation(conf, '^~ /some/sub/path/embed/')).toContain('add_header Content-Security-Policy "frame-ancestors https://wiki.example.com" always;');
    const cors = 'add_header Access-Control-Allow-Origin "*" always;';
    expect(nginxLocation(conf, '= /some/sub/path/embed/host.js')).toContain(cors);
    expect(nginxLocation(conf, '^~ /some/sub/path/oembed/')).toContain(cors);
    expect(nginxLocation(conf, '^~ /some/sub/path/')).not.toContain(cors);
    expect(nginxLocation(conf, '^~ /some/sub/path/embed/')).not.toContain(cors);
    expect(conf).toContain('location = /some/sub/path/nginx.conf { return 404; }');
  });

  test('.htaccess matches paths under BASE_PATH and sends CORS for oEmbed and host.js', () => {
    const conf = htaccess(SUBPATH.base, SUBPATH.options);
    expect(conf).toContain(
      '<If "%{REQUEST_URI} =~ m#^/some/sub/path/embed/#">\n  Header always set Content-Security-Policy "frame-ancestors https://wiki.example.com"',
    );
    expect(conf).toContain(`<Else>\n  Header always set Content-Security-Policy "frame-ancestors 'self'"`);
    expect(conf).toContain('<If "%{REQUEST_URI} =~ m#^/some/sub/path/(?:oembed/|embed/host\\.js$)#">\n  Header always set Access-Control-Allow-Origin "*"');
    expect(conf).toContain('ErrorDocument 404 /some/sub/path/404.html');
  });

  test('_headers gives host.js CORS, for its integrity check on other sites', () => {
    expect(headersFile('/', DEFAULT_FRAME_ANCESTORS)).toContain('/embed/host.js\n  Access-Control-Allow-Origin: *\n');
  });

  test('BASE_PATH is normalized, and one a config language would misread is refused', () => {
    expect(checkBasePath('/')).toBe('/');
    expect(checkBasePath('some/sub/path')).toBe('/some/sub/path/');
    expect(checkBasePath('/a/b/')).toBe('/a/b/');
    expect(() => checkBasePath('/a b/')).toThrow(/BASE_PATH="\/a b\/" has characters/);
    expect(() => checkBasePath('/a";}/')).toThrow(/BASE_PATH/);
  });

  test('frame-ancestors values are checked before they reach three config languages', () => {
    expect(checkFrameAncestors('EMBED_FRAME_ANCESTORS', "'self'  https://wiki.example.com https://*.corp.example:8443")).toBe(
      "'self' https://wiki.example.com https://*.corp.example:8443",
    );
    expect(checkFrameAncestors('EMBED_FRAME_ANCESTORS', 'https:')).toBe('https:');
    expect(() => checkFrameAncestors('EMBED_FRAME_ANCESTORS', 'https://a.example"; add_header X y')).toThrow(
      /EMBED_FRAME_ANCESTORS=.*is not a frame-ancestors value/,
    );
    expect(() => checkFrameAncestors('SITE_FRAME_ANCESTORS', "'none' https://a.example")).toThrow(/SITE_FRAME_ANCESTORS/);
    expect(() => checkFrameAncestors('SITE_FRAME_ANCESTORS', '  ')).toThrow(/SITE_FRAME_ANCESTORS/);
    expect(() => nginxConfig('/', { embedFrameAncestors: '$host', siteFrameAncestors: "'self'" })).toThrow(/"\$host" is not a source/);
  });

  test('_headers: every HTML response but the embed pages is framed by the site only, on Netlify and Cloudflare Pages alike', () => {
    const text = headersFile('/', DEFAULT_FRAME_ANCESTORS);
    const site = ['/', '/index.html', '/chapters/summary/', '/chapters/summary/index.html', '/search/', '/components/', '/404.html', '/no-such-page/'];
    for (const path of site) {
      for (const [host, headers] of Object.entries(hostHeaders(text, path))) {
        expect(headers['content-security-policy'], `${host} ${path}`).toBe("frame-ancestors 'self'");
        expect(headers['x-content-type-options'], `${host} ${path}`).toBe('nosniff');
      }
    }
    for (const path of ['/embed/summary/', '/embed/experiment/parallelism/']) {
      for (const [host, headers] of Object.entries(hostHeaders(text, path))) {
        expect(headers['content-security-policy'], `${host} ${path}`).toBe('frame-ancestors *');
      }
    }
  });

  test('hashed assets are immutable for a year, and the Worker script gets its own policy, in all three configurations', () => {
    const cache = 'public, max-age=31536000, immutable';
    for (const [host, headers] of Object.entries(hostHeaders(headersFile(SUBPATH.base, SUBPATH.options), '/some/sub/path/_astro/worker-DgOD5o7E.js'))) {
      expect(headers['cache-control'], host).toBe(cache);
      expect(headers['content-security-policy'], host).toBe(WORKER_POLICY);
    }
    for (const [host, headers] of Object.entries(hostHeaders(headersFile(SUBPATH.base, SUBPATH.options), '/some/sub/path/chapters/x/'))) {
      expect(headers['cache-control'], host).toBeUndefined();
    }
    const assets = nginxLocation(nginxConfig(SUBPATH.base, SUBPATH.options), '^~ /some/sub/path/_astro/');
    expect(assets).toContain(`add_header Cache-Control "${cache}" always;`);
    expect(assets).toContain(`add_header Content-Security-Policy "${WORKER_POLICY}" always;`);
    expect(htaccess(SUBPATH.base, SUBPATH.options)).toContain(
      `<ElseIf "%{REQUEST_URI} =~ m#^/some/sub/path/_astro/#">\n  Header always set Cache-Control "${cache}"\n  Header always set Content-Security-Policy "${WORKER_POLICY}"\n</ElseIf>`,
    );
    expect(WORKER_POLICY).not.toContain('unsafe');
  });
});
