import { describe, expect, test } from 'vitest';
import { checkBasePath, checkFrameAncestors, DEFAULT_FRAME_ANCESTORS, headersFile, htaccess, nginxConfig } from '../../src/integrations/server-headers';

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
});
