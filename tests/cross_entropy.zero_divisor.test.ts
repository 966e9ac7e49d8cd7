// 'mean' over index targets divides by Σ w_y of the kept rows. With negative weights that sum can
// be exactly 0 while the losses are not: PyTorch then returns x/0 = ±inf for the loss (ε = 0),
// and a gradient of ±inf and NaN entries. The CPU backend follows PyTorch exactly (its float64
// reference matched such fixtures); the WebGPU backend gives the same loss and a gradient of NaN
// (docs/pytorch-semantics.md): either way a training step on it diverges, and is reported so.
import { expect, it } from 'vitest';
import { describeEachBackend } from './support/backends';

// Target weights 1 and −1 sum to 0; the rows' −w_y·log p_y do not cancel.
const call = {
  logits: Float32Array.from([2, 0, 0, 0, 0, 3]),
  n: 2,
  c: 3,
  target: Int32Array.from([0, 1]),
  weight: Float32Array.from([1, -1, 0.5]),
};
// −log p: row 0 at class 0 = log(e² + 2) − 2; row 1 at class 1 = log(2 + e³) − 0.
const numerator = Math.log(Math.exp(2) + 2) - 2 - Math.log(2 + Math.exp(3));

describeEachBackend('a mean whose kept target weights sum to 0', (engine) => {
  it('gives x/0 for the loss: the infinity of the numerator’s sign, as PyTorch', async () => {
    expect(numerator).toBeLessThan(0);
    const { loss, grad } = await engine().crossEntropy(call);
    expect(loss[0]).toBe(Number.NEGATIVE_INFINITY);
    expect(Array.from(grad).every((g) => !Number.isFinite(g))).toBe(true);
  });

  it('gives NaN when the numerator is 0 too (every kept target weighs 0)', async () => {
    const { loss } = await engine().crossEntropy({ ...call, weight: Float32Array.from([0, 0, 1]) });
    expect(loss[0]).toBeNaN();
  });

  it('is finite again under sum: nothing is divided', async () => {
    const { loss } = await engine().crossEntropy({ ...call, reduction: 'sum' });
    expect(loss[0]).toBeCloseTo(numerator, 5);
  });
});
