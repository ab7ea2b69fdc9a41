import { defineConfig } from '@playwright/test';
import { findChromium, CHROMIUM_ARGS } from './tests/support/chromium.mjs';

const onGitHubActions = process.env.GITHUB_ACTIONS === 'true';

export default defineConfig({
  testDir: './tests',
  testMatch: '**/*.spec.ts',
  globalSetup: './tests/support/global-setup.mjs',
  fullyParallel: true,
  workers: 2,
  forbidOnly: true,
  retries: 0,
  // On GitHub Actions, failures also become annotations, and traces are kept for the failed tests (uploaded by ci.yml).
  reporter: onGitHubActions ? [['list'], ['github']] : [['list']],
  timeout: 60_000,
  use: {
    browserName: 'chromium',
    launchOptions: { executablePath: findChromium(), args: CHROMIUM_ARGS },
    trace: onGitHubActions ? 'retain-on-failure' : 'off',
  },
});
