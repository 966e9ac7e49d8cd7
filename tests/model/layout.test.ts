import { describe, expect, it } from 'vitest';
import { initialParameters } from '../../src/engine/model/init';
import { type MlpConfig, mlpLayout, parameterCount } from '../../src/engine/model/layout';
import { TENSOR_ALIGNMENT } from '../../src/gpu/packedLayout';

const config: MlpConfig = { inputs: 2, hidden: [64, 64], classes: 3, activation: 'relu' };

describe('mlpLayout', () => {
  it('places every tensor at a 256-byte boundary, in nn.Linear shapes, without overlap', () => {
    const layout = mlpLayout(config);
    const tensors = layout.layers.flatMap((l) => [l.weight, l.bias]);
    expect(tensors.map((t) => [t.name, t.shape])).toEqual([
      ['layers.0.weight', [64, 2]],
      ['layers.0.bias', [64]],
      ['layers.1.weight', [64, 64]],
      ['layers.1.bias', [64]],
      ['layers.2.weight', [3, 64]],
      ['layers.2.bias', [3]],
    ]);
    for (const [i, t] of tensors.entries()) {
      expect(t.offset % TENSOR_ALIGNMENT).toBe(0);
      if (i > 0) expect(t.offset).toBeGreaterThanOrEqual(tensors[i - 1].offset + tensors[i - 1].length);
    }
    expect(parameterCount(layout)).toBe(2 * 64 + 64 + 64 * 64 + 64 + 64 * 3 + 3);
    expect(layout.length % 4).toBe(0); // the optimizer updates vec4s
  });

  it('handles a model with no hidden layer (logistic regression)', () => {
    const layout = mlpLayout({ ...config, hidden: [] });
    expect(layout.layers).toHaveLength(1);
    expect(layout.layers[0].weight.shape).toEqual([3, 2]);
  });

  it.each([
    [{ ...config, inputs: 0 }, /^inputs: must be an integer in \[1, 4096\], got 0/],
    [{ ...config, classes: 1 }, /^classes: must be an integer in \[2, 1000\], got 1/],
    [{ ...config, hidden: [1, 2, 3, 4, 5, 6, 7] }, /^hidden: must be a list of 0–6 layer widths/],
    [{ ...config, hidden: [64, 257] }, /^hidden\[1\]: must be an integer in \[1, 256\], got 257/],
    [{ ...config, hidden: [0.5] }, /^hidden\[0\]: must be an integer in \[1, 256\], got 0.5/],
    [{ ...config, activation: 'swish' as never }, /^activation: must be one of relu, tanh, sigmoid, gelu, got the string "swish"/],
  ])('refuses %j', (bad, message) => {
    expect(() => mlpLayout(bad)).toThrow(message);
  });
});

describe('initialParameters', () => {
  const layout = mlpLayout(config);

  it('is the same for the same seed and differs for another', () => {
    expect(initialParameters(layout, 'kaiming', 1)).toEqual(initialParameters(layout, 'kaiming', 1));
    expect(initialParameters(layout, 'kaiming', 2)).not.toEqual(initialParameters(layout, 'kaiming', 1));
  });

  it('draws weights within the Kaiming and Xavier bounds, biases and padding at 0', () => {
    for (const init of ['kaiming', 'xavier'] as const) {
      const params = initialParameters(layout, init, 3);
      for (const [i, layer] of layout.layers.entries()) {
        const gain = i === layout.layers.length - 1 ? 1 : Math.SQRT2;
        const bound = init === 'kaiming' ? gain * Math.sqrt(3 / layer.inputs) : gain * Math.sqrt(6 / (layer.inputs + layer.outputs));
        const weights = params.subarray(layer.weight.offset, layer.weight.offset + layer.weight.length);
        expect(Math.max(...weights.map(Math.abs))).toBeLessThanOrEqual(bound);
        // A uniform draw of ≥ 128 values reaches past half its bound (the chance it does not is 2⁻¹²⁸).
        expect(Math.max(...weights.map(Math.abs))).toBeGreaterThan(bound / 2);
        expect(params.subarray(layer.bias.offset, layer.bias.offset + layer.bias.length).every((b) => b === 0)).toBe(true);
      }
      const used = new Set(
        layout.layers.flatMap((l) => [l.weight, l.bias]).flatMap((t) => Array.from({ length: t.length }, (_, k) => t.offset + k)),
      );
      expect(params.every((v, k) => used.has(k) || v === 0)).toBe(true);
    }
  });
});
