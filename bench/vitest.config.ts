// `npm run bench`: the kernel benchmarks run through vitest only for its TS/WGSL loading; they are
// not tests and never run in `npm test`.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['bench/**/*.bench.ts'],
    setupFiles: ['tests/setup/vulkan.ts'],
    fileParallelism: false,
    testTimeout: 600_000,
  },
});
