// The page's self-check must pass on a correct GPU and fail on a wrong one.
import { describe, expect, it } from 'vitest';
import type { Engine } from '../src';
import { createCpuEngine } from '../src/engine/cpuEngine';
import { runSelfCheck } from '../src/engine/selfCheck';
import { engineFor, WEBGPU_MISSING } from './support/backends';

/** A backend whose cross-entropy gradient is off by 1e-3 in one entry. */
function slightlyWrong(): Engine {
  const cpu = createCpuEngine();
  return {
    ...cpu,
    async crossEntropy(args) {
      const result = await cpu.crossEntropy(args);
      result.grad[17] += 1e-3;
      return result;
    },
  };
}

describe('runSelfCheck', () => {
  it.skipIf(WEBGPU_MISSING)('passes on WebGPU', async () => {
    const engine = await engineFor('webgpu');
    const results = await runSelfCheck(engine);
    engine.destroy();
    expect(results.map((r) => [r.name, r.passed])).toEqual(results.map((r) => [r.name, true]));
    for (const r of results) expect(r.largestDifference).toBeLessThan(1e-4);
  });

  it('flags a backend that is off in a single gradient entry', async () => {
    const results = await runSelfCheck(slightlyWrong());
    expect(results.find((r) => r.name.startsWith('cross-entropy'))?.passed).toBe(false);
    expect(results.filter((r) => r.passed)).toHaveLength(2);
  });
});
