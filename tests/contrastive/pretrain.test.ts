// Contrastive pre-training learns representations, and the temperature moves the embedding as
// Wang & Isola describe: a lower τ weighs hard negatives more, spreading the embedding (more
// uniform) at some cost in alignment.
import { describe, expect, it } from 'vitest';
import { type Augmentation, twoViews } from '../../src/engine/contrastive/augment';
import { embeddingStats } from '../../src/engine/contrastive/embeddingStats';
import { type ContrastiveSettings, pretrainContrastive } from '../../src/engine/contrastive/pretrain';
import { applyStandardizer, fitStandardizer, generateDataset, stratifiedSplit } from '../../src/engine/data';
import { seededRandom } from '../../src/engine/random';
import { CpuMlp } from '../../src/engine/train/cpuMlp';
import { GpuMlp } from '../../src/engine/train/gpuMlp';
import { testDevice } from '../setup/gpu';
import { WEBGPU_MISSING } from '../support/backends';

function splitOf(source: 'blobs' | 'circles') {
  const data = generateDataset(source, { seed: 1, samples: 400, noise: 0.1, classes: 4 });
  const split = stratifiedSplit(data, { validationFraction: 0.25, seed: 2 });
  const standardizer = fitStandardizer(split.train);
  return [applyStandardizer(standardizer, split.train), applyStandardizer(standardizer, split.validation)] as const;
}

const points: Augmentation = { kind: 'points', rotation: 0.3, scale: 0.1, jitter: 0.05 };
const settings = (temperature: number): ContrastiveSettings => ({
  seed: 1,
  hidden: [32],
  activation: 'relu',
  init: 'kaiming',
  projection: 8,
  optimizer: { kind: 'adam', lr: 0.01 },
  temperature,
  batchSize: 64,
  steps: 300,
  augmentation: points,
});
const cpu = (setup: ConstructorParameters<typeof CpuMlp>[0]) => new CpuMlp(setup);

describe('contrastive pre-training', () => {
  it.each(['blobs', 'circles'] as const)('gives %s embeddings a linear probe reads far above chance', async (source) => {
    const [train, validation] = splitOf(source);
    const { probeAccuracy } = await pretrainContrastive(train, validation, settings(0.5), cpu);
    expect(probeAccuracy).toBeGreaterThan(0.6); // 4 classes: chance is 0.25 (measured 1.0 and 0.80)
  });

  it('with a lower temperature, spreads the embedding more uniformly and aligns pairs less tightly', async () => {
    const [train, validation] = splitOf('blobs');
    const [cold, warm] = [
      await pretrainContrastive(train, validation, settings(0.1), cpu),
      await pretrainContrastive(train, validation, settings(1), cpu),
    ];
    expect(cold.stats.uniformity).toBeLessThan(warm.stats.uniformity); // measured −1.56 vs −1.30
    expect(cold.stats.alignment).toBeGreaterThan(warm.stats.alignment); // measured 0.086 vs 0.004
  });

  it.skipIf(WEBGPU_MISSING)('runs on WebGPU too', async () => {
    const device = await testDevice();
    const [train, validation] = splitOf('blobs');
    const { probeAccuracy } = await pretrainContrastive(train, validation, settings(0.5), (setup) => new GpuMlp(device, setup));
    expect(probeAccuracy).toBeGreaterThan(0.6);
    device.destroy();
  });
});

describe('twoViews and embeddingStats', () => {
  it('puts the two views of sample k at rows k and k + N, both near the original', () => {
    const features = Float32Array.from([1, 0, 0, 2]);
    const views = twoViews(features, 2, Int32Array.from([1, 0]), { kind: 'points', rotation: 0, scale: 0, jitter: 0 }, seededRandom(1));
    expect(Array.from(views)).toEqual([0, 2, 1, 0, 0, 2, 1, 0]);
    const jittered = twoViews(features, 2, Int32Array.from([0]), points, seededRandom(1));
    expect(Math.hypot(jittered[0] - 1, jittered[1])).toBeLessThan(0.5);
  });

  it('drops pixels and adds noise to pixel views', () => {
    const image = new Float32Array(1000).fill(5);
    const views = twoViews(image, 1000, Int32Array.from([0]), { kind: 'pixels', noise: 0, dropout: 0.3 }, seededRandom(2));
    const dropped = views.filter((v) => v === 0).length / views.length;
    expect(dropped).toBeGreaterThan(0.25); // 2000 Bernoulli(0.3) draws: std 0.01, so ±0.05 is 5σ
    expect(dropped).toBeLessThan(0.35);
  });

  it('computes alignment, uniformity and the pair similarities', () => {
    // N = 2: pairs (0, 2) and (1, 3) identical; the two samples orthogonal.
    const z = Float32Array.from([1, 0, 0, 3, 2, 0, 0, 1]);
    const stats = embeddingStats(z, 4, 2);
    expect(stats.positiveSimilarity).toBeCloseTo(1, 12);
    expect(stats.alignment).toBeCloseTo(0, 12);
    expect(stats.negativeSimilarity).toBeCloseTo(0, 12);
    // 6 pairs: 2 at distance² 0 (exp 0 → 1), 4 at distance² 2 (exp −4).
    expect(stats.uniformity).toBeCloseTo(Math.log((2 + 4 * Math.exp(-4)) / 6), 12);
  });
});
