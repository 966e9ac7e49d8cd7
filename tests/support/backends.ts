// Every engine test runs on both backends with the same cases (the tfjs habit).

import type { BackendName, Engine } from '../../src';
import { createEngine } from '../../src';
import { gpuEngine, hasAdapter } from '../setup/gpu';

const webgpuAvailable = await hasAdapter();

export const BACKENDS: { name: BackendName; skip: boolean }[] = [
  { name: 'cpu', skip: false },
  { name: 'webgpu', skip: !webgpuAvailable },
];

export function engineFor(name: BackendName): Promise<Engine> {
  return name === 'cpu' ? createEngine({ backend: 'cpu' }) : gpuEngine();
}
