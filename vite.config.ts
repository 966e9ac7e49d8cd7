import react from '@vitejs/plugin-react';
import type { Plugin } from 'vite';
import { defineConfig } from 'vitest/config';

/**
 * The page's Content-Security-Policy. GitHub Pages cannot send headers, so it goes in a <meta> tag
 * (where frame-ancestors, report-uri and sandbox are ignored, so they are left out).
 * - script-src 'self': only the bundled modules; no inline script, no eval, no other host.
 * - style-src 'self': the bundled stylesheet; React and recharts set styles through the CSSOM
 *   (element.style), which CSP does not govern, so no 'unsafe-inline' is needed.
 * - img-src 'self' blob:: the favicon, and "Charts as PNG" decoding an SVG blob in an Image.
 * - connect-src 'self': fetch of public/datasets/*.csv(.gz) and *.bin.gz; nothing else goes on the network.
 * - worker-src 'self': no workers today; a bundled one would work, a blob: one would not.
 * - object-src, base-uri, form-action 'none': no plugins, no <base>, no form posts anywhere.
 * e2e/production.spec.ts drives the built page and fails on any violation.
 */
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' blob:",
  "connect-src 'self'",
  "worker-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

/**
 * Build only: the dev server injects inline scripts (React Refresh's preamble) that the CSP would block.
 * The tag goes right after <meta charset>, before any script or stylesheet it governs.
 */
function contentSecurityPolicy(policy: string): Plugin {
  const charset = '<meta charset="UTF-8" />';
  return {
    name: 'xent-lab:content-security-policy',
    apply: 'build',
    transformIndexHtml(html) {
      if (!html.includes(charset)) throw new Error(`index.html: no ${charset} to put the Content-Security-Policy after`);
      return html.replace(charset, `${charset}\n    <meta http-equiv="Content-Security-Policy" content="${policy}" />`);
    },
  };
}

// Libraries change less often than the app: in their own chunks they stay cached across deploys.
// Only modules of the first load are grouped, so nothing a lazy view alone needs moves into it.
const node = (names: string) => new RegExp(`[\\\\/]node_modules[\\\\/](${names})[\\\\/]`);
const VENDOR_CHUNKS = [
  { name: 'react', test: node('react|react-dom|scheduler'), priority: 3 },
  // recharts and what it brings: d3, redux toolkit, immer, es-toolkit, decimal.js-light, victory-vendor.
  { name: 'recharts', test: node('recharts'), priority: 2 },
  { name: 'vendor', test: node('.+?'), priority: 1 },
].map((group) => ({ ...group, tags: ['$initial' as const] }));

export default defineConfig({
  // Relative base: the build works from any subpath and from a plain static file server.
  base: './',
  plugins: [react(), contentSecurityPolicy(CONTENT_SECURITY_POLICY)],
  server: { port: 5173 },
  preview: { port: 4173 },
  build: {
    // dist/.vite/manifest.json: scripts/bundle-size.mjs reads the entry's static imports from it.
    manifest: true,
    rolldownOptions: { output: { codeSplitting: { groups: VENDOR_CHUNKS } } },
  },
  test: {
    include: ['tests/**/*.test.ts'],
    setupFiles: ['tests/setup/vulkan.ts'],
    // SwiftShader runs every kernel on the CPU: one GPU test file at a time keeps them fast.
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
