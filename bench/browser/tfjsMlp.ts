// The same MLP training step in ordinary TensorFlow.js code, for the side-by-side benchmark:
// any widths (2→64→64→10, MNIST's 784→128→10) with ReLU, one-hot labels + tf.losses.softmaxCrossEntropy, tf.train.adam.
import * as tf from '@tensorflow/tfjs-core';
import type { TfjsProgram } from './tfjsContenders';

/** call() takes one training step and returns its loss. */
export function tfjsMlp(widths: number[], batch: number, x: Float32Array, labels: Int32Array, seed: number): TfjsProgram {
  // Inside tidy: the initial values the variables copy are disposed with it (variables never are).
  const weights = tf.tidy(() =>
    widths.slice(1).map((outputs, i) => ({
      w: tf.variable(tf.randomUniform([widths[i], outputs], -Math.sqrt(6 / widths[i]), Math.sqrt(6 / widths[i]), 'float32', seed + i)),
      b: tf.variable(tf.zeros([outputs])),
    })),
  );
  const input = tf.tensor2d(x, [batch, widths[0]]);
  const oneHot = tf.tidy(() => tf.cast(tf.oneHot(tf.tensor1d(labels, 'int32'), widths[widths.length - 1]), 'float32'));
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
  return {
    call: () => [optimizer.minimize(loss, true) as tf.Scalar],
    dispose() {
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
