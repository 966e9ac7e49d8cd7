// Where each tensor of an MLP lives in the flat parameter buffer. One buffer for all parameters
// (and the same layout for gradients and optimizer state) lets one dispatch update every tensor.
// Each tensor starts at a multiple of 64 floats: 256 bytes, WebGPU's minStorageBufferOffsetAlignment
// default, so every tensor can be bound as its own range.
import { ArgumentError } from '../validate';

export const TENSOR_ALIGNMENT_FLOATS = 64;

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
  /** Floats in the flat buffer, padding included (a multiple of TENSOR_ALIGNMENT_FLOATS). */
  length: number;
}

export const ACTIVATIONS: readonly Activation[] = ['relu', 'tanh', 'sigmoid', 'gelu'];
const MAX_HIDDEN_LAYERS = 6;
const MAX_WIDTH = 256;
const MAX_INPUTS = 4096;
const MAX_CLASSES = 1000;

function integerIn(name: string, value: unknown, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new ArgumentError(name, `must be an integer in [${min}, ${max}], got ${String(value)}`);
  }
  return value;
}

export function validateMlpConfig(config: MlpConfig): MlpConfig {
  integerIn('inputs', config.inputs, 1, MAX_INPUTS);
  integerIn('classes', config.classes, 2, MAX_CLASSES);
  if (!Array.isArray(config.hidden) || config.hidden.length > MAX_HIDDEN_LAYERS) {
    throw new ArgumentError('hidden', `must be a list of 0–${MAX_HIDDEN_LAYERS} layer widths, got ${JSON.stringify(config.hidden)}`);
  }
  config.hidden.forEach((width, i) => {
    integerIn(`hidden[${i}]`, width, 1, MAX_WIDTH);
  });
  if (!ACTIVATIONS.includes(config.activation)) {
    throw new ArgumentError('activation', `must be one of ${ACTIVATIONS.join(', ')}, got ${JSON.stringify(config.activation)}`);
  }
  return config;
}

const align = (floats: number) => Math.ceil(floats / TENSOR_ALIGNMENT_FLOATS) * TENSOR_ALIGNMENT_FLOATS;

export function mlpLayout(config: MlpConfig): MlpLayout {
  validateMlpConfig(config);
  const widths = [config.inputs, ...config.hidden, config.classes];
  const layers: LayerSlots[] = [];
  let offset = 0;
  const slot = (name: string, shape: number[]): TensorSlot => {
    const length = shape.reduce((a, b) => a * b, 1);
    const tensor = { name, offset, length, shape };
    offset += align(length);
    return tensor;
  };
  for (let i = 0; i + 1 < widths.length; i++) {
    const [inputs, outputs] = [widths[i], widths[i + 1]];
    layers.push({
      inputs,
      outputs,
      weight: slot(`layers.${i}.weight`, [outputs, inputs]),
      bias: slot(`layers.${i}.bias`, [outputs]),
    });
  }
  return { config, layers, length: offset };
}

export function parameterCount(layout: MlpLayout): number {
  return layout.layers.reduce((sum, layer) => sum + layer.weight.length + layer.bias.length, 0);
}
