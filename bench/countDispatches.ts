// Dispatches recorded by `encode` (direct and indirect), counted through a compute pass that is never
// submitted.

export function countDispatches(device: GPUDevice, encode: (pass: GPUComputePassEncoder) => void): number {
  const encoder = device.createCommandEncoder({ label: 'bench.countDispatches' });
  const pass = encoder.beginComputePass({ label: 'bench.countDispatches' });
  let count = 0;
  const counting = new Proxy(pass, {
    get(target, key) {
      if (key === 'dispatchWorkgroups') {
        return (...args: [number, number?, number?]) => {
          count++;
          target.dispatchWorkgroups(...args);
        };
      }
      if (key === 'dispatchWorkgroupsIndirect') {
        return (buffer: GPUBuffer, offset: number) => {
          count++;
          target.dispatchWorkgroupsIndirect(buffer, offset);
        };
      }
      const value = Reflect.get(target, key);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  encode(counting);
  pass.end();
  encoder.finish(); // dropped, never submitted
  return count;
}
