// Backend selection: WebGPU when there is an adapter, the CPU reference (with the reason) when
// there is none, and a clear error when WebGPU is demanded but missing.
import { describe, expect, it } from 'vitest';
import { createEngine } from '../src';
import { nodeGpu } from './setup/gpu';
import { WEBGPU_MISSING } from './support/backends';

const noAdapterGpu = { requestAdapter: async () => null } as unknown as GPU;
const failingGpu = {
  requestAdapter: async () => {
    throw new Error('adapter exploded');
  },
} as unknown as GPU;

describe('createEngine', () => {
  it('gives the CPU backend when asked', async () => {
    const engine = await createEngine({ backend: 'cpu', gpu: nodeGpu() });
    expect(engine.backend).toBe('cpu');
    expect(engine.fallbackReason).toBeNull();
  });

  it('falls back to the CPU, saying why, when there is no adapter', async () => {
    const engine = await createEngine({ gpu: noAdapterGpu });
    expect(engine.backend).toBe('cpu');
    expect(engine.fallbackReason).toMatch(/no suitable GPU adapter/);
  });

  it('falls back to the CPU when there is no WebGPU at all', async () => {
    const engine = await createEngine({});
    expect(engine.backend).toBe('cpu');
    expect(engine.fallbackReason).toMatch(/no WebGPU/);
  });

  it('falls back when the adapter request fails', async () => {
    const engine = await createEngine({ gpu: failingGpu });
    expect(engine.fallbackReason).toMatch(/WebGPU failed to start: adapter exploded/);
  });

  it("refuses backend 'webgpu' without an adapter", async () => {
    await expect(createEngine({ backend: 'webgpu', gpu: noAdapterGpu })).rejects.toThrow(
      /backend 'webgpu' was requested but is not available: WebGPU found no suitable GPU adapter/,
    );
  });

  it('refuses an unknown backend', async () => {
    await expect(createEngine({ backend: 'metal' as never })).rejects.toThrow(
      /^backend: must be 'webgpu' or 'cpu', got the string "metal"/,
    );
  });

  it.skipIf(WEBGPU_MISSING)('prefers WebGPU when an adapter exists', async () => {
    const engine = await createEngine({ gpu: nodeGpu() });
    expect(engine.backend).toBe('webgpu');
    expect(engine.adapterName.length).toBeGreaterThan(0);
    engine.destroy();
  });
});
