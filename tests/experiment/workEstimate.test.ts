// The work estimate: the counts of the dense layers, the presets far below the confirmation and CPU
// limits, and the extreme link of issue 20 (10⁵ samples, 6×256, batch 4096) above both.
import { describe, expect, it } from 'vitest';
import { DEFAULT_EXPERIMENT } from '../../src/engine/experiment/defaults';
import { PRESETS } from '../../src/engine/experiment/presets';
import { parseExperiment } from '../../src/engine/experiment/schema';
import { CPU_STEP_MACS, describeWork, estimateWork, needsConfirmation } from '../../src/engine/experiment/workEstimate';
import { checkCpuWork } from '../../src/engine/session/cpuWork';

function extremeExperiment() {
  const experiment = structuredClone(DEFAULT_EXPERIMENT);
  experiment.data = { source: 'spirals', classes: 3, samples: 100_000, noise: 0.1, imbalance: 1 };
  experiment.model.hidden = [256, 256, 256, 256, 256, 256];
  experiment.training.batchSize = 4096;
  return parseExperiment(experiment);
}

describe('estimateWork', () => {
  it('counts the multiply-adds of the dense layers: 3× forward per step row, 1× per measured sample', () => {
    const experiment = structuredClone(DEFAULT_EXPERIMENT);
    experiment.data = { source: 'spirals', classes: 3, samples: 600, noise: 0.1, imbalance: 1 };
    experiment.model.hidden = [10];
    experiment.training.batchSize = 7;
    const perSample = 2 * 10 + 10 * 3;
    expect(estimateWork(experiment)).toEqual({ step: 3 * perSample * 7, measure: perSample * 600, samples: 600 });
  });

  it('lets every preset open without asking and run on the CPU', () => {
    for (const { id, experiment } of PRESETS) {
      const work = estimateWork(experiment);
      expect(needsConfirmation(work), id).toBe(false);
      expect(work.step, id).toBeLessThan(CPU_STEP_MACS);
      expect(() => checkCpuWork(experiment, 'cpu'), id).not.toThrow();
    }
  });

  it('asks before the extreme link and refuses its step on the CPU by name, not on WebGPU', () => {
    const work = estimateWork(extremeExperiment());
    expect(needsConfirmation(work)).toBe(true);
    expect(describeWork(work)).toBe('4.0 billion multiply-adds per training step and 33 billion per measurement');
    expect(() => checkCpuWork(extremeExperiment(), 'cpu')).toThrow(
      /^training\.batchSize: on the CPU backend one training step may do at most 20 million multiply-adds.*does 4\.0 billion \(batch 4096, hidden layers 256×256×256×256×256×256\)/,
    );
    expect(() => checkCpuWork(extremeExperiment(), 'webgpu')).not.toThrow();
  });
});
