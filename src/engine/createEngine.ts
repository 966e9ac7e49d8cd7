// Picks the backend: WebGPU when an adapter and device can be had, else the CPU reference (with
// the reason kept for the page to show). Asking for 'webgpu' where there is none is an error.

import { ArgumentError, argumentsObject, describeValue } from '../core/checks';
import { type AdapterFacts, adapterFacts } from '../gpu/kernelChoice';
import { bufferLimitsOf } from '../gpu/limits';
import { createCpuEngine } from './cpuEngine';
import type { BackendName, Engine } from './types';
import { createWebGpuEngine } from './webgpuEngine';

export interface CreateEngineOptions {
  backend?: BackendName;
  /** Defaults to navigator.gpu; in Node pass create([]) from the npm package 'webgpu'. */
  gpu?: GPU;
}

export async function createEngine(opts: CreateEngineOptions = {}): Promise<Engine> {
  argumentsObject('opts', opts, "options { backend?: 'webgpu' | 'cpu', gpu?: GPU }");
  const { backend } = opts;
  if (backend !== undefined && backend !== 'webgpu' && backend !== 'cpu') {
    throw new ArgumentError('backend', `must be 'webgpu' or 'cpu', got ${describeValue(backend)}`);
  }
  if (backend === 'cpu') return createCpuEngine();

  const acquired = await acquireDevice(opts.gpu ?? globalThis.navigator?.gpu);
  if ('device' in acquired) return createWebGpuEngine(acquired.device, acquired.adapterName, acquired.facts);
  if (backend === 'webgpu') throw new Error(`backend 'webgpu' was requested but is not available: ${acquired.reason}`);
  return createCpuEngine(acquired.reason);
}

/**
 * Dawn for Node aborts the process (std::system_error) when the GPU object from create([]) is
 * collected while a device made from it is in use. A caller may hand us its only reference, so
 * each device keeps its GPU: a WeakMap entry lives as long as its key, the device, is reachable,
 * whoever holds it (the engine, a trainer, a kernel).
 */
const gpuOfDevice = new WeakMap<GPUDevice, GPU>();

type Acquired = { device: GPUDevice; adapterName: string; facts: AdapterFacts } | { reason: string };

async function acquireDevice(gpu: GPU | undefined): Promise<Acquired> {
  if (!gpu) return { reason: 'this browser has no WebGPU (navigator.gpu is undefined)' };
  try {
    const adapter = await gpu.requestAdapter({ powerPreference: 'high-performance' });
    if (!adapter) return { reason: 'WebGPU found no suitable GPU adapter' };
    // Ask for the adapter's own buffer limits: the defaults (128 MiB bindings) are far below many GPUs'.
    const device = await adapter.requestDevice({
      label: 'xent-lab',
      // Subgroups enable the kernels' subgroup variants, where the adapter offers them.
      requiredFeatures: adapter.features.has('subgroups') ? ['subgroups'] : [],
      requiredLimits: bufferLimitsOf(adapter),
    });
    gpuOfDevice.set(device, gpu);
    return { device, adapterName: describeAdapter(adapter.info), facts: adapterFacts(adapter.info) };
  } catch (error) {
    return { reason: `WebGPU failed to start: ${error instanceof Error ? error.message : String(error)}` };
  }
}

function describeAdapter(info: GPUAdapterInfo | undefined): string {
  if (!info) return 'unknown adapter';
  const parts = [info.vendor, info.architecture, info.device, info.description].filter((p) => p && p.length > 0);
  return parts.length > 0 ? [...new Set(parts)].join(' · ') : 'unknown adapter';
}
