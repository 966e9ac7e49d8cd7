import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  // Relative base: the build works from any subpath and from a plain static file server.
  base: './',
  plugins: [react()],
  server: { port: 5173 },
  preview: { port: 4173 },
  test: {
    include: ['tests/**/*.test.ts'],
    setupFiles: ['tests/setup/vulkan.ts'],
    // SwiftShader runs every kernel on the CPU: one GPU test file at a time keeps them fast.
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
