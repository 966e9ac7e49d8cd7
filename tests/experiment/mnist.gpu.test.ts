// The MNIST preset's claim: 784→128→10 on the 8,000/2,000 split, the full preset (all 10,000
// digits, 1,000 steps of 64), passes 95% validation accuracy. On WebGPU (Dawn over SwiftShader):
// ~30 s here, where the float64 CPU trainer takes 80–230 s (2·10¹⁰ multiply-adds of training), so
// the CPU runs it only where WebGPU is missing. Full data, not a subset: the claim is about these numbers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prepareData } from '../../src/engine/experiment/prepare';
import { presetById } from '../../src/engine/experiment/presets';
import { runExperiment } from '../../src/engine/experiment/run';
import type { CrossEntropyExperiment } from '../../src/engine/experiment/schema';
import { CpuMlp } from '../../src/engine/train/cpuMlp';
import { GpuMlp } from '../../src/engine/train/gpuMlp';
import { testDevice } from '../setup/gpu';
import { WEBGPU_MISSING } from '../support/backends';
import { readPublicFile } from '../support/publicFiles';

const files = { fetchBytes: readPublicFile };
const mnist = presetById('mnist').experiment as CrossEntropyExperiment; // the preset is cross-entropy

describe('MNIST preset', () => {
  let device: GPUDevice | undefined;
  beforeAll(async () => {
    if (!WEBGPU_MISSING) device = await testDevice();
  });
  afterAll(() => device?.destroy());

  it('trains on 8,000 digits of 784 pixels in [0, 1] and validates on 2,000', async () => {
    const data = await prepareData(mnist, files);
    expect([data.train.n, data.validation.n, data.train.d]).toEqual([8000, 2000, 784]);
    expect(data.train.features.reduce((a, b) => Math.max(a, b))).toBe(1); // scaled, not standardised
  });

  it('passes 95% validation accuracy within its 1,000 steps', async () => {
    const trainer = device
      ? (setup: ConstructorParameters<typeof GpuMlp>[1]) => new GpuMlp(device as GPUDevice, setup)
      : (setup: ConstructorParameters<typeof CpuMlp>[0]) => new CpuMlp(setup);
    const result = await runExperiment(mnist, trainer, files);
    expect(result.diverged).toBeNull();
    // A network that guesses is right 10% of the time; 1,000 steps are 8 epochs.
    expect(result.history[0].validation.accuracy).toBeGreaterThan(0.85); // step 250: learning, not stuck
    expect(result.final.validation.accuracy).toBeGreaterThanOrEqual(0.95);
  }, 600_000);
});
