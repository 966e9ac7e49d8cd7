// One Dawn GPU for the test files that need WebGPU. Outside CI a machine without an adapter skips
// those tests with a reason; in CI (CI=true) a missing adapter is a failure, never a silent skip.
import { create, globals } from 'webgpu';
import type { Engine } from '../../src';
import { createEngine } from '../../src';

Object.assign(globalThis, globals);

export const IN_CI = process.env.CI === 'true' || process.env.CI === '1';

let gpu: GPU | null = null;

export function nodeGpu(): GPU {
  gpu ??= create([]);
  return gpu;
}

export async function hasAdapter(): Promise<boolean> {
  const adapter = await nodeGpu().requestAdapter();
  if (!adapter && IN_CI) {
    throw new Error(
      'No WebGPU adapter in CI. Install libvulkan1 and chromium (for SwiftShader: /usr/lib/chromium/vk_swiftshader_icd.json), or set VK_ICD_FILENAMES.',
    );
  }
  return adapter !== null;
}

export async function gpuEngine(): Promise<Engine> {
  return createEngine({ backend: 'webgpu', gpu: nodeGpu() });
}

/** A device of its own for a test file that drives kernels directly (destroy it in afterAll). */
export async function testDevice(): Promise<GPUDevice> {
  const adapter = await nodeGpu().requestAdapter();
  if (!adapter) throw new Error('no WebGPU adapter: guard the test with WEBGPU_MISSING');
  return adapter.requestDevice({ label: 'test' });
}

/** As testDevice, with the 'subgroups' feature where the adapter offers it (the 'subgroup' kernel variants). */
export async function subgroupTestDevice(): Promise<GPUDevice> {
  const adapter = await nodeGpu().requestAdapter();
  if (!adapter) throw new Error('no WebGPU adapter: guard the test with WEBGPU_MISSING');
  const requiredFeatures: GPUFeatureName[] = adapter.features.has('subgroups') ? ['subgroups'] : [];
  return adapter.requestDevice({ label: 'test.subgroups', requiredFeatures });
}
