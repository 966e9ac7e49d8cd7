// The garbage-collection checks, run by tests/engine.gc.test.ts in a child process: a Dawn abort
// kills that process, which the parent test reports instead of dying with it.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/gc/*.gc.ts'],
    setupFiles: ['tests/setup/vulkan.ts'],
    execArgv: ['--expose-gc'],
    testTimeout: 120_000,
  },
});
