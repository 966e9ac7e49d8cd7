// Our GPU-resident kernels (and the vec4 copy floor) as contenders: inputs uploaded once, calls
// encoded into compute passes; a run ends with one 4-byte readback, so it is timed to a result
// on the CPU, not just to a submit.
import { readBack, uploadBuffer } from '../../src/gpu/buffers';
import { bareSoftmax } from '../bareSoftmax';
import { copyFloor } from '../copyFloor';
import type { Contender } from './measure';
import { BARE_SOFTMAX_BOUND, BARE_SOFTMAX_SUM_BOUND, EXP_BOUND, FLOOR, OURS } from './names';

/** What a workload builds on our device: the kernel with its buffers, inputs already uploaded. */
export interface GpuKernel {
  encode(pass: GPUComputePassEncoder): void;
  /** The loss (or, for log-softmax, the output): its first float is read back after every run. */
  result: GPUBuffer;
  /** The gradient (or output) the correctness guard compares with TensorFlow.js. */
  output?: { source: GPUBuffer; length: number };
  destroy(): void;
}

/** A device of its own per workload, so that its first result pays for pipeline creation. */
export async function workloadDevice(label: string): Promise<GPUDevice> {
  // 'high-performance', as TensorFlow.js asks: the same adapter for both.
  const adapter = await navigator.gpu.requestAdapter({ powerPreference: 'high-performance' });
  if (!adapter) throw new Error('no WebGPU adapter');
  const { maxStorageBufferBindingSize, maxBufferSize } = adapter.limits;
  // 'subgroups' where offered, as createEngine asks: the subgroup variants run then.
  const requiredFeatures: GPUFeatureName[] = adapter.features.has('subgroups') ? ['subgroups'] : [];
  return adapter.requestDevice({ label, requiredFeatures, requiredLimits: { maxStorageBufferBindingSize, maxBufferSize } });
}

/**
 * 'batched': all of a run's calls in one submit, one readback at the end (launch overhead amortised);
 * 'single': every call submitted and read back on its own (the latency a caller waiting for the loss sees).
 */
export function gpuContender(
  device: GPUDevice,
  name: string,
  label: string,
  build: () => GpuKernel,
  mode: 'batched' | 'single',
): Contender {
  return {
    name,
    // A batch of one call is one call with its readback.
    ...(mode === 'single' ? { sameSingleCallAs: OURS } : {}),
    async prepare() {
      const kernel = build();
      const staging = device.createBuffer({ label: `${label}.staging`, size: 4, usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST });
      const submit = async (calls: number) => {
        const encoder = device.createCommandEncoder({ label: `${label}.encoder` });
        for (let i = 0; i < calls; i++) {
          const pass = encoder.beginComputePass({ label: `${label}.pass` });
          kernel.encode(pass);
          pass.end();
        }
        encoder.copyBufferToBuffer(kernel.result, 0, staging, 0, 4);
        device.queue.submit([encoder.finish()]);
        await staging.mapAsync(GPUMapMode.READ);
        staging.unmap();
      };
      return {
        async run(calls) {
          if (mode === 'batched') return submit(calls);
          for (let i = 0; i < calls; i++) await submit(1);
        },
        async read() {
          const sources = [{ source: kernel.result, length: 1 }, ...(kernel.output ? [kernel.output] : [])];
          const [loss, output] = await readBack(device, `${label}.check`, sources);
          return { loss: loss[0], output: output ?? loss };
        },
        dispose() {
          kernel.destroy();
          staging.destroy();
        },
      };
    },
  };
}

/**
 * The memory floor: read n·c floats, write n·c floats, vec4 loads (bench/copyFloor.ts); with `withExp`,
 * writing the exp of each: what any cross-entropy or log-softmax kernel must do at least.
 */
export function floorContender(device: GPUDevice, data: Float32Array, withExp = false): Contender {
  return gpuContender(
    device,
    withExp ? EXP_BOUND : FLOOR,
    withExp ? 'bench.expBound' : 'bench.floor',
    () => {
      const source = uploadBuffer(device, 'bench.floor.source', data);
      const copy = copyFloor(device, source, data.length, withExp);
      return { encode: (pass) => copy.encode(pass), result: source, destroy: () => source.destroy() };
    },
    'batched',
  );
}

/**
 * A bare softmax over [rows, classes] (bench/bareSoftmax.ts): the least a kernel that reads each row
 * twice must do; with `sumRows`, also summing a value per row, the least a loss reduced over its rows
 * must do.
 */
export function bareSoftmaxContender(device: GPUDevice, data: Float32Array, rows: number, classes: number, sumRows = false): Contender {
  const label = sumRows ? 'bench.bareSoftmaxSum' : 'bench.bareSoftmax';
  return gpuContender(
    device,
    sumRows ? BARE_SOFTMAX_SUM_BOUND : BARE_SOFTMAX_BOUND,
    label,
    () => {
      const source = uploadBuffer(device, `${label}.source`, data);
      const softmax = bareSoftmax(device, source, rows, classes, sumRows);
      return {
        encode: (pass) => softmax.encode(pass),
        result: softmax.sum ?? source,
        destroy() {
          softmax.destroy();
          source.destroy();
        },
      };
    },
    'batched',
  );
}
