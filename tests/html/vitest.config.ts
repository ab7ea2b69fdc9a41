import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// `npm run check:html` only: checks built pages, so it is kept out of `vitest run` (which needs no build).
export default defineConfig({
  test: {
    root: fileURLToPath(new URL('../..', import.meta.url)),
    include: ['tests/html/**/*.check.ts'],
    environment: 'node',
    // The Nu checker starts a JVM and reads every page: tens of seconds on a busy machine.
    testTimeout: 300_000,
  },
});
