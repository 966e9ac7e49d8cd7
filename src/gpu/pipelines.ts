// Shader modules and compute pipelines, created once per device and reused by every kernel
// instance: the convenience API builds kernels per call, and pipeline creation is the slow part.
import compensatedSumSource from '../../shaders/lib/compensated_sum.wgsl?raw';
import ieeeSource from '../../shaders/lib/ieee.wgsl?raw';
import rowStatsSource from '../../shaders/lib/row_stats.wgsl?raw';

/** WGSL has no #include: every kernel module is compiled with the shared library in front. */
function withShaderLibrary(source: string): string {
  return [ieeeSource, compensatedSumSource, rowStatsSource, source].join('\n');
}

const pipelineCaches = new WeakMap<GPUDevice, Map<string, GPUComputePipeline>>();
const moduleCaches = new WeakMap<GPUDevice, Map<string, GPUShaderModule>>();

function cacheFor<T>(caches: WeakMap<GPUDevice, Map<string, T>>, device: GPUDevice): Map<string, T> {
  let cache = caches.get(device);
  if (!cache) {
    cache = new Map();
    caches.set(device, cache);
  }
  return cache;
}

export interface PipelineSpec {
  /** Kernel family, also the shader file name: 'cross_entropy'. */
  family: string;
  source: string;
  entryPoint: string;
  constants?: Record<string, number>;
}

export function computePipeline(device: GPUDevice, spec: PipelineSpec): GPUComputePipeline {
  const constants = spec.constants ?? {};
  const key = `${spec.family}:${spec.entryPoint}:${JSON.stringify(constants)}`;
  const pipelines = cacheFor(pipelineCaches, device);
  const cached = pipelines.get(key);
  if (cached) return cached;

  const modules = cacheFor(moduleCaches, device);
  let module = modules.get(spec.family);
  if (!module) {
    module = device.createShaderModule({ label: `${spec.family}.wgsl`, code: withShaderLibrary(spec.source) });
    modules.set(spec.family, module);
  }
  const pipeline = device.createComputePipeline({
    label: `${spec.family}.${spec.entryPoint}`,
    layout: 'auto',
    compute: { module, entryPoint: spec.entryPoint, constants },
  });
  pipelines.set(key, pipeline);
  return pipeline;
}

/** A whole buffer, or a range of one (offsets must be multiples of minStorageBufferOffsetAlignment). */
export type BufferResource = GPUBuffer | GPUBufferBinding;

/** A bind group for one entry point; with layout 'auto' it holds exactly the bindings it uses. */
export function bindGroup(
  device: GPUDevice,
  label: string,
  pipeline: GPUComputePipeline,
  buffers: Record<number, BufferResource>,
): GPUBindGroup {
  return device.createBindGroup({
    label,
    layout: pipeline.getBindGroupLayout(0),
    entries: Object.entries(buffers).map(([binding, resource]) => ({
      binding: Number(binding),
      resource: 'buffer' in resource ? resource : { buffer: resource },
    })),
  });
}
