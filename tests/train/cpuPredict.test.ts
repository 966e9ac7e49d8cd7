// The CPU trainer's predict runs in chunks and hands the thread back between them, so that a long
// measurement does not freeze the page; the chunks give exactly the numbers of one pass.
import { describe, expect, it, vi } from 'vitest';
import { initialParameters } from '../../src/engine/model/init';
import { mlpLayout } from '../../src/engine/model/layout';
import { CpuMlp } from '../../src/engine/train/cpuMlp';
import { denseForward } from '../../src/reference/dense';
import { seededRandom } from '../support/random';

const layout = mlpLayout({ inputs: 2, hidden: [256, 256], classes: 3, activation: 'relu' });
const setup = {
  layout,
  batch: 8,
  targetKind: 'index' as const,
  initialParameters: initialParameters(layout, 'kaiming', 7),
  optimizer: { kind: 'sgd' as const, lr: 0.1 },
  loss: { labelSmoothing: 0, reduction: 'mean' as const, ignoreIndex: -100 },
};

function onePass(x: Float32Array, rows: number): Float32Array {
  const params = Float64Array.from(setup.initialParameters);
  let h: ArrayLike<number> = x;
  layout.layers.forEach((layer, i) => {
    const activation = i === layout.layers.length - 1 ? 'linear' : 'relu';
    const weight = params.subarray(layer.weight.offset, layer.weight.offset + layer.weight.length);
    const bias = params.subarray(layer.bias.offset, layer.bias.offset + layer.bias.length);
    h = denseForward(h, weight, bias, { batch: rows, inputs: layer.inputs, outputs: layer.outputs, activation }).y;
  });
  return Float32Array.from(h);
}

describe('CpuMlp.predict', () => {
  it('gives the one-pass logits, bit for bit, and yields to the event loop during a long prediction', async () => {
    const random = seededRandom(5);
    const rows = 3000; // 3000 × 66k multiply-adds: ~200 chunks, well over one 8 ms slice
    const x = Float32Array.from({ length: rows * 2 }, () => random.normal());
    const timeout = vi.spyOn(globalThis, 'setTimeout');
    const logits = await new CpuMlp(setup).predict(x, rows);
    const yields = timeout.mock.calls.length;
    timeout.mockRestore();
    expect(logits).toEqual(onePass(x, rows));
    expect(yields).toBeGreaterThan(0);
  });
});
