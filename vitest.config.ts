import { defineConfig } from 'vitest/config';
import { bundleHostScript, hostScriptPlugin } from './src/integrations/embed-assets';

export default defineConfig({
  // Code that builds embed snippets imports host.js's integrity hash, as it does in the build.
  plugins: [hostScriptPlugin(bundleHostScript)],
  test: {
    include: ['tests/**/*.test.ts'],
    environment: 'node',
  },
});
