// The memory floor: a trivial kernel that reads n·c floats and writes n·c floats with vec4 loads;
// and a bound for any kernel that must also take an exp of every float (cross-entropy and
// log-softmax need at least one per logit): the same copy, writing exp(x).
import { createStorageBuffer } from '../src/gpu/buffers';
import { rowGrid } from '../src/gpu/dispatch';

const SOURCE = /* wgsl */ `
@group(0) @binding(0) var<storage, read> src: array<vec4f>;
@group(0) @binding(1) var<storage, read_write> dst: array<vec4f>;
@compute @workgroup_size(64)
fn copy(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) groups: vec3u) {
  let i = gid.x + gid.y * groups.x * 64u;
  if (i < arrayLength(&src)) { dst[i] = src[i]; }
}
@compute @workgroup_size(64)
fn copy_exp(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) groups: vec3u) {
  let i = gid.x + gid.y * groups.x * 64u;
  if (i < arrayLength(&src)) { dst[i] = exp(src[i]); }
}`;

export function copyFloor(
  device: GPUDevice,
  source: GPUBuffer,
  floats: number,
  withExp = false,
): { encode(pass: GPUComputePassEncoder): void } {
  const pipeline = device.createComputePipeline({
    label: withExp ? 'bench.copyExp' : 'bench.copyFloor',
    layout: 'auto',
    compute: { module: device.createShaderModule({ label: 'bench.copyFloor', code: SOURCE }), entryPoint: withExp ? 'copy_exp' : 'copy' },
  });
  const destination = createStorageBuffer(device, 'bench.copyFloor.destination', floats * 4);
  const group = device.createBindGroup({
    label: 'bench.copyFloor',
    layout: pipeline.getBindGroupLayout(0),
    entries: [
      { binding: 0, resource: { buffer: source } },
      { binding: 1, resource: { buffer: destination } },
    ],
  });
  const [x, y] = rowGrid(device, Math.ceil(floats / 4));
  return {
    encode(pass) {
      pass.setPipeline(pipeline);
      pass.setBindGroup(0, group);
      pass.dispatchWorkgroups(x, y);
    },
  };
}
