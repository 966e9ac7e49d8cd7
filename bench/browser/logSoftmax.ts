// Log-softmax alone (forward), N rows × C classes, at the cross-entropy shapes.
import * as tf from '@tensorflow/tfjs-core';
import { createStorageBuffer, uploadBuffer } from '../../src/gpu/buffers';
import { LogSoftmax } from '../../src/index';
import { crossEntropyCase } from './crossEntropy';
import type { GpuKernel } from './gpuContenders';
import type { TfjsProgram } from './tfjsContenders';
import { kernelContenders, type Workload } from './workload';

export function logSoftmaxWorkload(device: GPUDevice, n: number, c: number): Workload {
  const { logits } = crossEntropyCase(n, c);
  const ours = (): GpuKernel => {
    const input = uploadBuffer(device, 'bench.logSoftmax.logits', logits);
    const output = createStorageBuffer(device, 'bench.logSoftmax.output', n * c * 4);
    const kernel = new LogSoftmax(device, { rows: n, classes: c }, { logits: input, output }, 'bench.LogSoftmax');
    return {
      encode: (pass) => kernel.encode(pass),
      result: output,
      output: { source: output, length: n * c },
      destroy() {
        kernel.destroy();
        input.destroy();
        output.destroy();
      },
    };
  };
  const theirs = (): TfjsProgram => {
    const x = tf.tensor2d(logits, [n, c]);
    return { call: () => [tf.logSoftmax(x)], dispose: () => x.dispose() };
  };
  return {
    name: `log-softmax ${n}×${c}`,
    bytes: 8 * n * c,
    check: 'output',
    contenders: kernelContenders(device, 'bench.logSoftmax', ours, theirs, { input: logits, rows: n, classes: c }),
  };
}
