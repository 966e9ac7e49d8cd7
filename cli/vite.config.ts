// Builds the headless runner for Node: Vite inlines the WGSL (?raw) as it does for the page;
// dependencies stay external and load from node_modules.
import { defineConfig } from 'vite';

export default defineConfig({
  build: {
    ssr: 'cli/train.ts',
    outDir: 'dist-cli',
    emptyOutDir: true,
    target: 'node20',
  },
  logLevel: 'warn',
});
