// The set-up the bench's own row kernels share (bench/bareSoftmax.ts, bench/softmaxForms.ts): a
// pipeline from WGSL source, and the uniform `rows: vec4u` = (rows, classes, 0, 0) at binding 0.
import { createUniformBuffer } from '../src/gpu/buffers';

export function rowsPipeline(
  device: GPUDevice,
  label: string,
  code: string,
  entryPoint: string,
  rows: number,
  classes: number,
): { pipeline: GPUComputePipeline; shape: GPUBuffer } {
  const pipeline = device.createComputePipeline({
    label,
    layout: 'auto',
    compute: { module: device.createShaderModule({ label, code }), entryPoint },
  });
  const shape = createUniformBuffer(device, `${label}.rows`, 16);
  device.queue.writeBuffer(shape, 0, new Uint32Array([rows, classes, 0, 0]));
  return { pipeline, shape };
}
