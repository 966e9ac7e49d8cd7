// Every engine test runs on both backends with the same cases (the tfjs habit).
import { afterAll, beforeAll, describe } from 'vitest';
import type { BackendName, Engine } from '../../src';
import { createEngine } from '../../src';
import { gpuEngine, hasAdapter } from '../setup/gpu';

const webgpuAvailable = await hasAdapter();

export const BACKENDS: { name: BackendName; skip: boolean }[] = [
  { name: 'cpu', skip: false },
  { name: 'webgpu', skip: !webgpuAvailable },
];

export const WEBGPU_MISSING = !webgpuAvailable;

export function engineFor(name: BackendName): Promise<Engine> {
  return name === 'cpu' ? createEngine({ backend: 'cpu' }) : gpuEngine();
}

/** One describe block per backend (WebGPU skipped where there is no adapter), each with its own engine. */
export function describeEachBackend(title: string, body: (engine: () => Engine, backend: BackendName) => void): void {
  for (const backend of BACKENDS) {
    describe.skipIf(backend.skip)(`${title} on ${backend.name}`, () => {
      let engine: Engine;
      beforeAll(async () => {
        engine = await engineFor(backend.name);
      });
      afterAll(() => engine.destroy());
      body(() => engine, backend.name);
    });
  }
}

/** A describe block for WebGPU alone, with an engine. */
export function describeWebGpu(title: string, body: (engine: () => Engine) => void): void {
  describe.skipIf(WEBGPU_MISSING)(title, () => {
    let engine: Engine;
    beforeAll(async () => {
      engine = await gpuEngine();
    });
    afterAll(() => engine.destroy());
    body(() => engine);
  });
}
