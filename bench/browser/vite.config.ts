// Builds the benchmark page: the same engine code as the app, plus TensorFlow.js for comparison.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: './',
  // TensorFlow.js alone is ~1 MB: this page is a benchmark, not the app, so its size does not matter.
  build: { outDir: fileURLToPath(new URL('../../dist-bench', import.meta.url)), emptyOutDir: true, chunkSizeWarningLimit: 4096 },
  logLevel: 'warn',
});
