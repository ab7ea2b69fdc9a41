import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatUpdated, lastUpdated } from '../../src/utils/last-updated';

function git(cwd: string, args: string[], date?: string): void {
  const env = { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.com', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.com' };
  if (date) Object.assign(env, { GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date });
  execFileSync('git', args, { cwd, env, stdio: 'ignore' });
}

describe("a chapter's last-updated date", () => {
  const repo = mkdtempSync(join(tmpdir(), 'last-updated-'));
  git(repo, ['init', '-q', '-b', 'main']);
  writeFileSync(join(repo, 'a.mdx'), 'one');
  writeFileSync(join(repo, 'b.mdx'), 'one');
  git(repo, ['add', '.']);
  git(repo, ['commit', '-q', '-m', 'first'], '2026-03-01T10:00:00+00:00');
  writeFileSync(join(repo, 'b.mdx'), 'two');
  git(repo, ['commit', '-q', '-am', 'second'], '2026-05-02T12:30:00+02:00');

  it('is the committer date of the last commit that touched the file', () => {
    expect(lastUpdated('a.mdx', { cwd: repo })).toBe('2026-03-01T10:00:00+00:00');
    expect(lastUpdated('b.mdx', { cwd: repo })).toBe('2026-05-02T12:30:00+02:00');
  });

  it('is unknown for a file git never saw, outside a repository, and without git', () => {
    expect(lastUpdated('new.mdx', { cwd: repo })).toBeUndefined();
    expect(lastUpdated('a.mdx', { cwd: mkdtempSync(join(tmpdir(), 'no-git-')) })).toBeUndefined();
    expect(lastUpdated('a.mdx', { cwd: repo, git: '/nonexistent/git' })).toBeUndefined();
  });

  it('is unknown in a shallow clone, where the one commit would date every file', () => {
    const clone = join(mkdtempSync(join(tmpdir(), 'shallow-')), 'clone');
    execFileSync('git', ['clone', '-q', '--depth', '1', `file://${repo}`, clone], { stdio: 'ignore' });
    expect(lastUpdated('a.mdx', { cwd: clone })).toBeUndefined();
  });

  it('reads as a day in UTC', () => {
    expect(formatUpdated('2026-05-02T00:30:00+02:00')).toBe('1 May 2026');
    expect(formatUpdated('2026-12-04T20:55:43Z')).toBe('4 December 2026');
  });
});
