/** Kept only for tests/e2e/embed.spec.ts, which another branch edits: the registry is ../registry.ts. */
export * from '../registry';
