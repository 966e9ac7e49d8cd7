// The CPU backend: the float64 references, rounded to float32 at the boundary. It is the fallback
// where WebGPU is missing and the oracle the GPU is tested against.

import { integerInRange } from '../core/checks';
import { validateCrossEntropy, validateLogSoftmax, validateNtXent } from '../core/validate';
import { crossEntropyForwardBackward } from '../reference/cross_entropy';
import { logSoftmaxForward } from '../reference/log_softmax';
import { ntXentForwardBackward } from '../reference/nt_xent';
import { guardDestroyed } from './destroyGuard';
import { CpuMlp } from './train/cpuMlp';
import type { Engine } from './types';

/** 4096² float64 entries are 128 MiB per matrix. */
export const CPU_MAX_NT_XENT_ROWS = 4096;

export function createCpuEngine(fallbackReason: string | null = null): Engine {
  return guardDestroyed({
    backend: 'cpu',
    adapterName: 'CPU (float64 reference)',
    fallbackReason,
    async crossEntropy(args) {
      const { loss, grad } = crossEntropyForwardBackward(validateCrossEntropy(args));
      return { loss: Float32Array.from(loss), grad: Float32Array.from(grad) };
    },
    async ntXent(args) {
      const call = validateNtXent(args);
      // The reference keeps [rows, rows] float64 matrices (similarity, logits, log-probabilities,
      // their gradients): past this a call would take gigabytes and minutes, or fail unnamed.
      integerInRange('rows', call.rows, 2, CPU_MAX_NT_XENT_ROWS, ' on the CPU backend (its [rows, rows] float64 matrices)');
      const { loss, grad, similarity } = ntXentForwardBackward(call);
      return { loss: Float32Array.from(loss), grad: Float32Array.from(grad), similarity: Float32Array.from(similarity) };
    },
    async logSoftmax(args) {
      const { logits, n, c } = validateLogSoftmax(args);
      return Float32Array.from(logSoftmaxForward(logits, n, c));
    },
    createTrainer: (setup) => new CpuMlp(setup),
    lost: new Promise<string>(() => {}),
    destroy() {},
  });
}
