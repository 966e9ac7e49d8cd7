// Runs tests/gc/*.gc.ts in a child process with --expose-gc (tests/gc/vitest.config.ts): if the
// engine let go of the GPU object it was handed, Dawn would abort that process, not this one.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { WEBGPU_MISSING } from './support/backends';

describe.skipIf(WEBGPU_MISSING)('garbage collection', () => {
  it('an engine, and a trainer it made, keep the GPU object they were handed', () => {
    const run = spawnSync(process.execPath, ['node_modules/vitest/vitest.mjs', 'run', '--config', 'tests/gc/vitest.config.ts'], {
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1' },
      timeout: 120_000,
    });
    // biome-ignore lint/suspicious/noControlCharactersInRegex: ANSI colour codes
    const output = `${run.stdout}${run.stderr}`.replace(/\x1b\[[0-9;]*m/g, '');
    expect(output).not.toContain('terminate called');
    expect(output).toMatch(/Tests\s+2 passed/);
    expect(run.status, output).toBe(0);
  });
});
