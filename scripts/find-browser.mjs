// Finds a Chromium or Chrome for the end-to-end tests and says where it came from.
// Order: $XENT_CHROMIUM / $CHROMIUM_PATH, then the usual system installs, then Playwright's own
// download; otherwise an error that says what to install. Returns Playwright launch options.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

export const INSTALL_MESSAGE =
  'No Chromium or Chrome found for the end-to-end tests. Install one: on Debian/Ubuntu `sudo apt-get install -y chromium`; ' +
  'elsewhere `npx playwright install chromium` or install Google Chrome; or point XENT_CHROMIUM at a Chromium/Chrome binary.';

const SYSTEM_BROWSERS = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
];

// Playwright channel names that may be given instead of a path, e.g. XENT_CHROMIUM=chrome.
const CHANNELS = new Set(['chromium', 'chrome', 'chrome-beta', 'chrome-dev', 'chrome-canary', 'msedge', 'msedge-beta', 'msedge-dev']);

// Measured with headless Debian Chromium 156: only --enable-unsafe-webgpu is needed for a WebGPU
// adapter (SwiftShader: vendor 'google', architecture 'swiftshader'); without it requestAdapter() is null.
export const CHROMIUM_ARGS = [
  '--enable-unsafe-webgpu',
  // Not needed for SwiftShader (same adapter with or without it), but Linux hardware WebGPU needs Vulkan.
  '--enable-features=Vulkan',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
];

/** @returns {{ executablePath?: string, channel?: string, source: string }} */
export function findChromium() {
  for (const name of ['XENT_CHROMIUM', 'CHROMIUM_PATH']) {
    const value = process.env[name];
    if (!value) continue;
    if (CHANNELS.has(value) && !existsSync(value)) return { channel: value, source: `$${name} (Playwright channel '${value}')` };
    if (!existsSync(value)) throw new Error(`${name} is set to ${value}, but there is no such file. ${INSTALL_MESSAGE}`);
    return { executablePath: value, source: `$${name}` };
  }

  for (const path of SYSTEM_BROWSERS) {
    if (existsSync(path)) return { executablePath: path, source: 'system install' };
  }

  const bundled = playwrightChromium();
  if (bundled) return { executablePath: bundled, source: "Playwright's downloaded Chromium" };

  throw new Error(INSTALL_MESSAGE);
}

/** Path of the Chromium that `npx playwright install chromium` downloads, if it is on disk. */
function playwrightChromium() {
  for (const pkg of ['playwright-core', '@playwright/test']) {
    try {
      const path = require(pkg).chromium.executablePath();
      return path && existsSync(path) ? path : undefined;
    } catch {
      // Package not installed (or it could not name a path): try the next one.
    }
  }
  return undefined;
}
