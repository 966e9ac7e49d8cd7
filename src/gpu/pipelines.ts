// Shader modules and compute pipelines, created once per device and reused by every kernel
// instance: the convenience API builds kernels per call, and pipeline creation is the slow part.
import compensatedSumSource from '../../shaders/lib/compensated_sum.wgsl?raw';
import ieeeSource from '../../shaders/lib/ieee.wgsl?raw';
import rowStatsSource from '../../shaders/lib/row_stats.wgsl?raw';

/**
 * WGSL has no #include: every kernel module is compiled with the shared library in front, after the
 * module's own `enable` directives, which must come first.
 */
function withShaderLibrary(source: string): string {
  const lines = source.split('\n');
  const directives = lines.filter((line) => /^enable\s/.test(line));
  const body = lines.filter((line) => !/^enable\s/.test(line));
  return [...directives, ieeeSource, compensatedSumSource, rowStatsSource, ...body].join('\n');
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

function pipelineKey(spec: PipelineSpec): string {
  return `${spec.family}:${spec.entryPoint}:${JSON.stringify(spec.constants ?? {})}`;
}

function moduleFor(device: GPUDevice, spec: PipelineSpec): GPUShaderModule {
  const modules = cacheFor(moduleCaches, device);
  let module = modules.get(spec.family);
  if (!module) {
    module = device.createShaderModule({ label: `${spec.family}.wgsl`, code: withShaderLibrary(spec.source) });
    modules.set(spec.family, module);
  }
  return module;
}

function pipelineDescriptor(device: GPUDevice, spec: PipelineSpec): GPUComputePipelineDescriptor {
  return {
    label: `${spec.family}.${spec.entryPoint}`,
    layout: 'auto',
    compute: { module: moduleFor(device, spec), entryPoint: spec.entryPoint, constants: spec.constants ?? {} },
  };
}

export function computePipeline(device: GPUDevice, spec: PipelineSpec): GPUComputePipeline {
  const key = pipelineKey(spec);
  const pipelines = cacheFor(pipelineCaches, device);
  const cached = pipelines.get(key);
  if (cached) return cached;
  const pipeline = device.createComputePipeline(pipelineDescriptor(device, spec));
  pipelines.set(key, pipeline);
  return pipeline;
}

const pendingCaches = new WeakMap<GPUDevice, Map<string, Promise<GPUComputePipeline>>>();

/**
 * computePipeline without blocking: the compile runs off the calling thread (on SwiftShader a large
 * kernel takes seconds), and the pipeline joins the same cache, where computePipeline finds it.
 */
export function computePipelineAsync(device: GPUDevice, spec: PipelineSpec): Promise<GPUComputePipeline> {
  const key = pipelineKey(spec);
  const cached = cacheFor(pipelineCaches, device).get(key);
  if (cached) return Promise.resolve(cached);
  const pending = cacheFor(pendingCaches, device);
  let compiling = pending.get(key);
  if (!compiling) {
    compiling = device.createComputePipelineAsync(pipelineDescriptor(device, spec)).then(
      (pipeline) => {
        pending.delete(key);
        const pipelines = cacheFor(pipelineCaches, device);
        if (!pipelines.has(key)) pipelines.set(key, pipeline);
        return pipelines.get(key) as GPUComputePipeline;
      },
      (error: unknown) => {
        pending.delete(key);
        throw error;
      },
    );
    pending.set(key, compiling);
  }
  return compiling;
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
