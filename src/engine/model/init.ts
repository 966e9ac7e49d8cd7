// Seeded initial parameters: same seed + same config = same weights, on either backend.
// Weights are drawn uniformly (PyTorch's torch.nn.init *_uniform_ bounds); biases start at 0.
import { seededRandom } from '../random';
import type { Activation, MlpLayout } from './layout';

export type Init = 'kaiming' | 'xavier';

/** torch.nn.init.calculate_gain: the factor that keeps activations' variance steady. */
export function activationGain(activation: Activation | 'linear'): number {
  switch (activation) {
    case 'relu':
      return Math.SQRT2;
    case 'tanh':
      return 5 / 3;
    default:
      return 1; // sigmoid, linear; PyTorch has no GELU gain and uses 1
  }
}

/**
 * Kaiming (He) uniform: bound = gain·√(3 / fan_in), fan_in mode, as kaiming_uniform_.
 * Xavier (Glorot) uniform: bound = gain·√(6 / (fan_in + fan_out)), as xavier_uniform_.
 * The output layer is linear (its logits feed the loss), so it uses gain 1.
 */
export function initialParameters(layout: MlpLayout, init: Init, seed: number): Float32Array {
  const random = seededRandom(seed);
  const params = new Float32Array(layout.length);
  layout.layers.forEach((layer, i) => {
    const isOutput = i === layout.layers.length - 1;
    const gain = activationGain(isOutput ? 'linear' : layout.config.activation);
    const bound = init === 'kaiming' ? gain * Math.sqrt(3 / layer.inputs) : gain * Math.sqrt(6 / (layer.inputs + layer.outputs));
    for (let k = 0; k < layer.weight.length; k++) params[layer.weight.offset + k] = (2 * random.next() - 1) * bound;
  });
  return params;
}
