/**
 * When a chapter last changed, from git history, at build time: the committer date of
 * the last commit that touched its file. No date (rather than a wrong one) when git or
 * the history is missing, or when the clone is shallow: a shallow clone's only commit
 * would date every file to the latest push. CI that deploys fetches the full history
 * (actions/checkout with fetch-depth: 0).
 */
import { execFileSync } from 'node:child_process';

export interface GitOptions {
  /** The repository's working directory. */
  cwd?: string;
  /** The git program; tests point it at one that is missing. */
  git?: string;
}

function git(args: string[], { cwd = process.cwd(), git = 'git' }: GitOptions): string | undefined {
  try {
    return execFileSync(git, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return undefined;
  }
}

/** ISO 8601 time of the last commit that touched `file`, or undefined where history cannot say. */
export function lastUpdated(file: string, options: GitOptions = {}): string | undefined {
  if (git(['rev-parse', '--is-shallow-repository'], options) !== 'false') return undefined;
  const date = git(['log', '-1', '--format=%cI', '--', file], options);
  return date && !Number.isNaN(Date.parse(date)) ? date : undefined;
}

/** "4 December 2026", in UTC so that every build writes the same words. */
export function formatUpdated(iso: string): string {
  return new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(iso));
}
