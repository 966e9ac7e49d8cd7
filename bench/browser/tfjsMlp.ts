// The same MLP training step in ordinary TensorFlow.js code, for the side-by-side benchmark:
// 2→64→64→10 ReLU, one-hot labels + tf.losses.softmaxCrossEntropy, tf.train.adam.
import * as tf from '@tensorflow/tfjs-core';
// tfjs-core alone registers no gradients; the full tfjs bundle imports this.
import '@tensorflow/tfjs-core/dist/register_all_gradients';

export interface TfjsStep {
  step(): void;
  /** Resolves when the GPU has finished every step issued so far. */
  sync(): Promise<void>;
  dispose(): void;
}

export function tfjsMlp(widths: number[], batch: number, x: Float32Array, labels: Int32Array, seed: number): TfjsStep {
  const weights = widths.slice(1).map((outputs, i) => ({
    w: tf.variable(tf.randomUniform([widths[i], outputs], -Math.sqrt(6 / widths[i]), Math.sqrt(6 / widths[i]), 'float32', seed + i)),
    b: tf.variable(tf.zeros([outputs])),
  }));
  const input = tf.tensor2d(x, [batch, widths[0]]);
  const oneHot = tf.oneHot(tf.tensor1d(labels, 'int32'), widths[widths.length - 1]);
  const optimizer = tf.train.adam(1e-3);
  const loss = () =>
    tf.tidy(() => {
      let h: tf.Tensor2D = input;
      weights.forEach(({ w, b }, i) => {
        h = tf.add(tf.matMul(h, w), b);
        if (i < weights.length - 1) h = tf.relu(h);
      });
      return tf.losses.softmaxCrossEntropy(oneHot, h) as tf.Scalar;
    });
  let last: tf.Scalar | null = null;
  return {
    step() {
      last?.dispose();
      last = optimizer.minimize(loss, true) as tf.Scalar;
    },
    async sync() {
      if (last) await last.data();
    },
    dispose() {
      last?.dispose();
      optimizer.dispose();
      input.dispose();
      oneHot.dispose();
      for (const { w, b } of weights) {
        w.dispose();
        b.dispose();
      }
    },
  };
}
