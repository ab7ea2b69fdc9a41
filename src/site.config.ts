/**
 * Site-wide settings. The repository URL feeds the "Edit this page" and
 * "Report an error" links; forks and internal mirrors set PUBLIC_REPO_URL
 * (and PUBLIC_REPO_BRANCH) at build time instead of editing this file.
 */
export const siteConfig = {
  title: 'Why transformers replaced RNNs',
  description: 'An interactive lesson: what recurrent networks cost, what attention fixed, what attention costs in turn, and when RNNs still win.',
  repoUrl: (import.meta.env.PUBLIC_REPO_URL as string | undefined) || 'https://github.com/why-transformers/lesson',
  repoBranch: (import.meta.env.PUBLIC_REPO_BRANCH as string | undefined) || 'main',
  /** Folder, relative to the repository root, that holds the chapters. */
  contentDir: 'content',
  /** The prose is under a licence made for text, the code under one made for code; LICENSE says which files are which. */
  license: {
    prose: { name: 'CC BY 4.0', spdx: 'CC-BY-4.0', url: 'https://creativecommons.org/licenses/by/4.0/' },
    code: { name: 'MIT License', spdx: 'MIT' },
  },
} as const;
