// The CPU backend: the float64 references, rounded to float32 at the boundary. It is the fallback
// where WebGPU is missing and the oracle the GPU is tested against.

import { validateCrossEntropy, validateLogSoftmax, validateNtXent } from '../core/validate';
import { crossEntropyForwardBackward } from '../reference/cross_entropy';
import { logSoftmaxForward } from '../reference/log_softmax';
import { ntXentForwardBackward } from '../reference/nt_xent';
import { CpuMlp } from './train/cpuMlp';
import type { Engine } from './types';

export function createCpuEngine(fallbackReason: string | null = null): Engine {
  return {
    backend: 'cpu',
    adapterName: 'CPU (float64 reference)',
    fallbackReason,
    async crossEntropy(args) {
      const { loss, grad } = crossEntropyForwardBackward(validateCrossEntropy(args));
      return { loss: Float32Array.from(loss), grad: Float32Array.from(grad) };
    },
    async ntXent(args) {
      const { loss, grad, similarity } = ntXentForwardBackward(validateNtXent(args));
      return { loss: Float32Array.from(loss), grad: Float32Array.from(grad), similarity: Float32Array.from(similarity) };
    },
    async logSoftmax(args) {
      const { logits, n, c } = validateLogSoftmax(args);
      return Float32Array.from(logSoftmaxForward(logits, n, c));
    },
    createTrainer: (setup) => new CpuMlp(setup),
    lost: new Promise<string>(() => {}),
    destroy() {},
  };
}
