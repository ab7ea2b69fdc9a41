/**
 * SITE_URL, the public origin written into canonical links, the sitemap and oEmbed documents.
 * A local build defaults to the preview server's address; a release build (CI, or
 * `npm run build:release`) without it stops, since it would publish links to localhost.
 * (NODE_ENV cannot mark a release here: `astro build` sets it to "production" for every build.)
 */
import type { AstroIntegration } from 'astro';

export const LOCAL_SITE_URL = 'http://localhost:4321';

type Environment = Record<string, string | undefined>;

/** CI services set CI=true (or 1); build:release sets RELEASE_BUILD=1. */
export function isReleaseBuild(env: Environment): boolean {
  const on = (value: string | undefined) => value !== undefined && value !== '' && value !== '0' && value.toLowerCase() !== 'false';
  return on(env.CI) || on(env.RELEASE_BUILD);
}

/** The site URL for Astro's `site`: SITE_URL checked, or the local default. */
export function siteUrl(env: Environment): string {
  const value = env.SITE_URL?.trim();
  if (!value) return LOCAL_SITE_URL;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`SITE_URL="${value}" is not a URL. Give the public origin, for example SITE_URL=https://lesson.example.com`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new Error(`SITE_URL="${value}" must start with https:// (or http://), for example SITE_URL=https://lesson.example.com`);
  }
  return url.toString();
}

/** Why this build may not go ahead, or null. Only `astro build` is checked: dev, preview and check keep the default. */
export function siteUrlProblem(env: Environment, command: string): string | null {
  if (command !== 'build' || env.SITE_URL?.trim() || !isReleaseBuild(env)) return null;
  return (
    'SITE_URL is not set, and this is a release build (CI or npm run build:release): its canonical links, sitemap and ' +
    `oEmbed documents would point at ${LOCAL_SITE_URL}.\n` +
    '  Set the public origin: SITE_URL=https://lesson.example.com npm run build:release\n' +
    '  For a build to look at on this machine: npm run build:local (or npm start).'
  );
}

export function requireSiteUrlForRelease(env: Environment = process.env): AstroIntegration {
  return {
    name: 'lesson:site-url',
    hooks: {
      'astro:config:setup': ({ command }) => {
        const problem = siteUrlProblem(env, command);
        if (problem) throw new Error(problem);
      },
    },
  };
}
