// Buffer helpers for the convenience API (upload, read back). The GPU-resident kernels take
// buffers from their caller and never allocate while encoding.

// GPUBufferUsage / GPUMapMode values from the WebGPU spec, spelled out so that importing the
// engine works where WebGPU's globals do not exist (the CPU fallback in an older browser).
export const USAGE = {
  MAP_READ: 0x1,
  COPY_SRC: 0x4,
  COPY_DST: 0x8,
  UNIFORM: 0x40,
  STORAGE: 0x80,
  INDIRECT: 0x100,
  QUERY_RESOLVE: 0x200,
} as const;
export const MAP_MODE_READ = 0x1;

const STORAGE = USAGE.STORAGE | USAGE.COPY_SRC | USAGE.COPY_DST;

/** Storage buffers must be non-empty and 4-byte aligned; 16 keeps vec4 views valid too. */
function paddedSize(bytes: number): number {
  return Math.max(16, Math.ceil(bytes / 16) * 16);
}

export function createStorageBuffer(device: GPUDevice, label: string, bytes: number): GPUBuffer {
  return device.createBuffer({ label, size: paddedSize(bytes), usage: STORAGE });
}

export function uploadBuffer(device: GPUDevice, label: string, data: Float32Array | Int32Array): GPUBuffer {
  const buffer = device.createBuffer({ label, size: paddedSize(data.byteLength), usage: STORAGE, mappedAtCreation: true });
  const view = data instanceof Float32Array ? new Float32Array(buffer.getMappedRange()) : new Int32Array(buffer.getMappedRange());
  view.set(data);
  buffer.unmap();
  return buffer;
}

/** Indirect dispatch arguments [x, y, z] that kernels also write as storage, starting as `initial`. */
export function createIndirectBuffer(device: GPUDevice, label: string, initial: Uint32Array): GPUBuffer {
  const buffer = device.createBuffer({
    label,
    size: paddedSize(initial.byteLength),
    usage: STORAGE | USAGE.INDIRECT,
    mappedAtCreation: true,
  });
  new Uint32Array(buffer.getMappedRange()).set(initial);
  buffer.unmap();
  return buffer;
}

export function createUniformBuffer(device: GPUDevice, label: string, bytes: number): GPUBuffer {
  return device.createBuffer({ label, size: paddedSize(bytes), usage: USAGE.UNIFORM | USAGE.COPY_DST });
}

export interface Readback {
  source: GPUBuffer;
  length: number; // floats
}

/** Copies each source into a staging buffer in one submit, maps them all, returns copies. */
export async function readBack(
  device: GPUDevice,
  label: string,
  sources: Readback[],
  encoder?: GPUCommandEncoder,
): Promise<Float32Array[]> {
  const commands = encoder ?? device.createCommandEncoder({ label: `${label}.readback` });
  const staging = sources.map(({ length }, i) =>
    device.createBuffer({ label: `${label}.staging${i}`, size: paddedSize(length * 4), usage: USAGE.MAP_READ | USAGE.COPY_DST }),
  );
  sources.forEach(({ source, length }, i) => {
    commands.copyBufferToBuffer(source, 0, staging[i], 0, length * 4);
  });
  device.queue.submit([commands.finish()]);
  try {
    await Promise.all(staging.map((buffer) => buffer.mapAsync(MAP_MODE_READ)));
    return staging.map((buffer, i) => new Float32Array(buffer.getMappedRange()).slice(0, sources[i].length));
  } finally {
    for (const buffer of staging) buffer.destroy();
  }
}
