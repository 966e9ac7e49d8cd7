// Where each tensor of an MLP lives in the flat parameter buffer (src/gpu/packedLayout.ts): one
// buffer for all parameters, and the same layout for gradients and optimizer state, lets one
// dispatch update every tensor, while each tensor can still be bound alone as a range.

import { ArgumentError, integerInRange } from '../../core/checks';
import { packedLayout } from '../../gpu/packedLayout';
import { RANGES } from '../experiment/ranges';

export type Activation = 'relu' | 'tanh' | 'sigmoid' | 'gelu';

export interface MlpConfig {
  inputs: number;
  /** Hidden layer widths, 0–6 layers of 1–256 units. */
  hidden: number[];
  classes: number;
  activation: Activation;
}

export interface TensorSlot {
  name: string; // 'layers.0.weight', as PyTorch's state_dict would name it
  offset: number; // floats from the start of the buffer
  length: number; // floats
  shape: number[];
}

export interface LayerSlots {
  inputs: number;
  outputs: number;
  weight: TensorSlot; // [outputs, inputs], nn.Linear's layout
  bias: TensorSlot; // [outputs]
}

export interface MlpLayout {
  config: MlpConfig;
  layers: LayerSlots[];
  /** Floats in the flat buffer, padding included (a multiple of 4). */
  length: number;
}

export const ACTIVATIONS: readonly Activation[] = ['relu', 'tanh', 'sigmoid', 'gelu'];
const MAX_HIDDEN_LAYERS = 6;
const MAX_WIDTH = 256;
const MAX_INPUTS = 4096;
/** The one class limit (experiment/ranges.ts), shared with the schema and the page. */
const MAX_CLASSES = RANGES.datasetClasses.max;

export function validateMlpConfig(config: MlpConfig): MlpConfig {
  integerInRange('inputs', config.inputs, 1, MAX_INPUTS);
  integerInRange('classes', config.classes, 2, MAX_CLASSES);
  if (!Array.isArray(config.hidden) || config.hidden.length > MAX_HIDDEN_LAYERS) {
    throw new ArgumentError('hidden', `must be a list of 0–${MAX_HIDDEN_LAYERS} layer widths, got ${JSON.stringify(config.hidden)}`);
  }
  config.hidden.forEach((width, i) => {
    integerInRange(`hidden[${i}]`, width, 1, MAX_WIDTH);
  });
  if (!ACTIVATIONS.includes(config.activation)) {
    throw new ArgumentError('activation', `must be one of ${ACTIVATIONS.join(', ')}, got ${JSON.stringify(config.activation)}`);
  }
  return config;
}

export function mlpLayout(config: MlpConfig): MlpLayout {
  validateMlpConfig(config);
  const widths = [config.inputs, ...config.hidden, config.classes];
  const shapes = widths.slice(1).flatMap((outputs, i) => [[outputs, widths[i]], [outputs]]);
  const { offsets, length } = packedLayout(shapes.map((shape) => shape.reduce((a, b) => a * b, 1)));
  const slot = (k: number, name: string): TensorSlot => ({
    name,
    offset: offsets[k],
    length: shapes[k].reduce((a, b) => a * b, 1),
    shape: shapes[k],
  });
  const layers = widths.slice(1).map((outputs, i) => ({
    inputs: widths[i],
    outputs,
    weight: slot(2 * i, `layers.${i}.weight`),
    bias: slot(2 * i + 1, `layers.${i}.bias`),
  }));
  return { config, layers, length };
}

export function parameterCount(layout: MlpLayout): number {
  return layout.layers.reduce((sum, layer) => sum + layer.weight.length + layer.bias.length, 0);
}
