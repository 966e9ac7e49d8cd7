// createEngine({ gpu: create([]) }) with no other reference to the GPU object: Dawn for Node aborts
// the process (std::system_error) if that object is collected while a device made from it is in
// use, so the engine, and every device it hands out, must keep it alive.
import { describe, expect, it } from 'vitest';
import { create } from 'webgpu';
import { createEngine } from '../../src';
import { initialParameters } from '../../src/engine/model/init';
import { mlpLayout } from '../../src/engine/model/layout';

const collect = async () => {
  for (let i = 0; i < 5; i++) {
    (globalThis as { gc?: () => void }).gc?.();
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
};

describe('an engine made from a GPU object nobody else holds', () => {
  it('runs after garbage collections', async () => {
    expect(typeof (globalThis as { gc?: unknown }).gc).toBe('function'); // else this test proves nothing
    const engine = await createEngine({ backend: 'webgpu', gpu: create([]) });
    await collect();
    const logits = new Float32Array([1, 2, 3, 0.5, -1, 0]);
    const { loss } = await engine.crossEntropy({ logits, n: 2, c: 3, target: new Int32Array([2, 0]) });
    expect(loss[0]).toBeCloseTo(0.5059, 3); // mean of log Σ exp − x_y: 0.4076 and 0.6041;
    await collect();
    const out = await engine.logSoftmax({ logits, n: 2, c: 3 });
    expect(out[2]).toBeCloseTo(-0.4076, 3);
    engine.destroy();
  });

  it('keeps a trainer working after its engine is dropped and collected', async () => {
    const layout = mlpLayout({ inputs: 2, hidden: [8], classes: 3, activation: 'relu' });
    let engine: Awaited<ReturnType<typeof createEngine>> | null = await createEngine({ backend: 'webgpu', gpu: create([]) });
    const trainer = engine.createTrainer({
      layout,
      batch: 4,
      targetKind: 'index',
      initialParameters: initialParameters(layout, 'kaiming', 1),
      optimizer: { kind: 'sgd', lr: 0.1 },
      loss: { labelSmoothing: 0, reduction: 'mean', ignoreIndex: -100 },
    });
    engine = null;
    await collect();
    const x = new Float32Array([0, 1, 1, 0, -1, 0.5, 0.3, -0.2]);
    const y = new Int32Array([0, 1, 2, 1]);
    trainer.step(x, y);
    await collect();
    trainer.step(x, y);
    expect(Number.isFinite(await trainer.lastLoss())).toBe(true);
    trainer.destroy();
  });
});
