// TensorFlow.js contenders, WebGPU and CPU (pure JS) backends in one page. Every tensor a contender
// uses is created while its backend is active and used only then: a tensor used under another
// backend would be copied across, and the copy would be timed.
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-webgpu';
import type { WebGPUBackend } from '@tensorflow/tfjs-backend-webgpu';
import * as tf from '@tensorflow/tfjs-core';
// tfjs-core alone registers no gradients; the full tfjs bundle imports this.
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import type { Contender } from './measure';

export type TfjsBackend = 'webgpu' | 'cpu';

/** One call's work in ordinary tfjs code: returns [loss (or output), gradient (or output)], the caller disposes them. */
export interface TfjsProgram {
  call(): tf.Tensor[];
  dispose(): void;
}

export const TFJS_NAMES: Record<TfjsBackend, string> = { webgpu: 'tfjs-webgpu', cpu: 'tfjs-cpu' };

/** Resolves when everything the backend was asked to do has finished. */
async function sync(backend: TfjsBackend, outputs: tf.Tensor[]): Promise<void> {
  // One float read back, as ours reads one (log-softmax's whole output would cost a large copy).
  const first = outputs[0].size === 1 ? outputs[0] : tf.tidy(() => tf.slice(tf.reshape(outputs[0], [-1]), 0, 1));
  await first.data(); // also flushes tfjs-webgpu's pending commands
  if (first !== outputs[0]) first.dispose();
  // The gradient was submitted with the loss; wait for it on the queue rather than reading it back.
  if (backend === 'webgpu') await (tf.backend() as WebGPUBackend).device.queue.onSubmittedWorkDone();
}

export function tfjsContender(backend: TfjsBackend, build: () => TfjsProgram): Contender {
  return {
    name: TFJS_NAMES[backend],
    boundedReps: backend === 'cpu', // seconds a call on the largest shapes
    async prepare() {
      await tf.setBackend(backend);
      const program = build();
      let last: tf.Tensor[] = [];
      const release = () => {
        for (const t of last) t.dispose();
        last = [];
      };
      return {
        async run(calls) {
          await tf.setBackend(backend);
          for (let i = 0; i < calls; i++) {
            release();
            last = program.call();
          }
          await sync(backend, last);
        },
        async read() {
          await tf.setBackend(backend);
          const [loss, output] = await Promise.all(last.map((t) => t.data() as Promise<Float32Array>));
          return { loss: loss[0], output: output ?? loss };
        },
        dispose() {
          release();
          program.dispose();
        },
      };
    },
  };
}

/** The adapter tfjs-webgpu created its device on, to show it is the one our kernels use. */
export async function tfjsWebgpuAdapter(): Promise<GPUAdapterInfo | undefined> {
  await tf.setBackend('webgpu');
  await tf.ready();
  return (tf.backend() as WebGPUBackend).device.adapterInfo;
}
