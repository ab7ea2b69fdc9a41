// Finds the Chromium the browser tests drive. No browser can be downloaded in
// our CI, so we use the system one and say how to get it when it is missing.
import { existsSync } from 'node:fs';

export const DEFAULT_CHROMIUM = '/usr/bin/chromium';

export function findChromium() {
  const path = process.env.CHROMIUM_PATH || DEFAULT_CHROMIUM;
  if (!existsSync(path)) {
    throw new Error(
      `No Chromium at ${path}. The browser tests need one.\n` +
        '  On Debian or Ubuntu: sudo apt-get install -y chromium\n' +
        '  Elsewhere: set CHROMIUM_PATH to a Chromium or Chrome binary, e.g.\n' +
        '    CHROMIUM_PATH="/Applications/Google Chrome.app/Contents/MacOS/Google Chrome" npm test',
    );
  }
  return path;
}

/** Flags for headless runs: WebGPU on (SwiftShader where there is no GPU), and no background network traffic. */
export const CHROMIUM_ARGS = [
  '--enable-unsafe-webgpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
  '--no-sandbox',
];
