import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS, findChromium, type ResolvedChromium } from './scripts/find-browser.mjs';

// scripts/run-e2e.mjs resolves the browser once and passes it down; a bare `npx playwright test` searches here.
const resolved: ResolvedChromium = process.env.XENT_CHROMIUM_RESOLVED ? JSON.parse(process.env.XENT_CHROMIUM_RESOLVED) : findChromium();
const { source: _source, ...browser } = resolved;

// XENT_E2E_PORT lets two checkouts run their e2e side by side; the default is vite preview's.
const PORT = Number(process.env.XENT_E2E_PORT ?? 4173);
const BASE_URL = `http://localhost:${PORT}`;

export default defineConfig({
  testDir: 'e2e',
  outputDir: 'test-results',
  // SwiftShader WebGPU emulates the GPU on the CPU: kernels and the self-check are slow.
  timeout: 120_000,
  expect: { timeout: 15_000 },
  retries: process.env.CI ? 1 : 0,
  workers: 1,
  reporter: [['list']],
  use: { baseURL: BASE_URL, trace: 'retain-on-failure' },
  projects: [
    {
      name: 'chromium',
      testIgnore: /no-webgpu/,
      use: { browserName: 'chromium', headless: true, launchOptions: { ...browser, args: CHROMIUM_ARGS } },
    },
    {
      // The main flows again on a phone-sized touch screen (the tests tagged @mobile).
      name: 'chromium-mobile',
      grep: /@mobile/,
      use: {
        browserName: 'chromium',
        headless: true,
        viewport: { width: 390, height: 844 },
        isMobile: true,
        hasTouch: true,
        launchOptions: { ...browser, args: CHROMIUM_ARGS },
      },
    },
    {
      // The same browser with WebGPU left off, as in a browser that lacks it: the CPU fallback.
      name: 'chromium-no-webgpu',
      testMatch: /no-webgpu/,
      use: {
        browserName: 'chromium',
        headless: true,
        launchOptions: { ...browser, args: CHROMIUM_ARGS.filter((arg) => arg !== '--enable-unsafe-webgpu') },
      },
    },
  ],
  // The tests run against the production build.
  webServer: {
    command: `npm run build && npm run preview -- --port ${PORT} --strictPort`,
    url: BASE_URL,
    reuseExistingServer: !process.env.CI,
    timeout: 180_000,
  },
});
