// A sweep's runs are the runs a single experiment makes: the sequential sweep trainer on each
// backend gives every run exactly the history of run.ts training that run's experiment alone (same
// data order, initial weights and code paths), and one run diverging leaves the others training.
import { describe, expect, it } from 'vitest';
import { presetById } from '../../src/engine/experiment/presets';
import { type Progress, runExperiment, type TrainerFactory } from '../../src/engine/experiment/run';
import { runContrastiveExperiment } from '../../src/engine/experiment/runContrastive';
import { type ContrastiveExperiment, type CrossEntropyExperiment, parseExperiment } from '../../src/engine/experiment/schema';
import { BatchedGpuMlp } from '../../src/engine/sweep/batchedGpuMlp';
import { planSweep } from '../../src/engine/sweep/plan';
import { runSweep, type SweepProgress } from '../../src/engine/sweep/runSweep';
import { sequentialSweepFactory } from '../../src/engine/sweep/sequentialSweepTrainer';
import { CpuMlp } from '../../src/engine/train/cpuMlp';
import { GpuMlp } from '../../src/engine/train/gpuMlp';
import { testDevice } from '../setup/gpu';
import { WEBGPU_MISSING } from '../support/backends';
import { readPublicFile } from '../support/publicFiles';

const files = { fetchBytes: readPublicFile };
const cpu: TrainerFactory = (setup) => new CpuMlp(setup);

/** The imbalanced blobs, small enough to train 2×2 runs in a few seconds. */
function sweptBlobs(axes: unknown[], steps = 120): CrossEntropyExperiment {
  const base = structuredClone(presetById('class-weight-pitfall').experiment);
  base.data = { source: 'blobs', classes: 3, samples: 400, noise: 1, imbalance: 5 };
  base.training = { batchSize: 32, steps, evalEvery: 40 };
  return parseExperiment({ ...base, sweep: { axes, metric: 'minority-recall' } }) as CrossEntropyExperiment;
}

const comparable = (p: Progress | SweepProgress) => ({
  step: p.step,
  epoch: p.epoch,
  // The batched contract reports losses as f32 (a GPU buffer), the single trainer as a double.
  batchLoss: Math.fround(p.batchLoss),
  train: p.train,
  validation: p.validation,
});

async function expectRunsAlone(experiment: CrossEntropyExperiment, factory: TrainerFactory): Promise<void> {
  const plan = planSweep(experiment);
  const sweep = await runSweep(plan, { batched: sequentialSweepFactory(factory), single: factory }, files);
  for (const run of plan.runs) {
    const alone = await runExperiment(run.experiment as CrossEntropyExperiment, factory, files);
    const swept = sweep.runs[run.index];
    expect(swept.diverged, run.label).toBeNull();
    expect(swept.history.map(comparable), run.label).toEqual(alone.history.map(comparable));
    expect(swept.metric, run.label).toBe(alone.final.validation.recall[2]); // class 2 is the rarest (imbalance 5)
  }
}

describe('runSweep with the sequential trainer', () => {
  it('gives each run of a 2×2 lr × class-weight sweep the history it has trained alone (CPU, exactly)', async () => {
    const experiment = sweptBlobs([
      { setting: 'lr', values: [0.003, 0.03] },
      { setting: 'classWeight', classIndex: 2, values: [1, 5] },
    ]);
    await expectRunsAlone(experiment, cpu);
  });

  it('gives runs of other seeds and batch sizes (separate groups) their own histories (CPU, exactly)', async () => {
    const experiment = sweptBlobs([
      { setting: 'seed', values: [1, 2] },
      { setting: 'batchSize', values: [16, 32] },
    ]);
    expect(planSweep(experiment).groups).toHaveLength(4);
    await expectRunsAlone(experiment, cpu);
  });

  it.skipIf(WEBGPU_MISSING)('gives each run the history it has trained alone on the GPU (GpuMlp, bit for bit)', async () => {
    const device = await testDevice();
    const gpu: TrainerFactory = (setup) => new GpuMlp(device, setup);
    const experiment = sweptBlobs([{ setting: 'optimizer', values: ['sgd', 'adam'] }], 80);
    // Same kernels on the same inputs in the same order: the GPU is deterministic here, so equal, not close.
    await expectRunsAlone(experiment, gpu);
  });

  it('marks a diverging run and trains the others to the end', async () => {
    const base = sweptBlobs([{ setting: 'lr', values: [0.01, 10] }], 400);
    const experiment = parseExperiment({
      ...base,
      optimizer: { kind: 'sgd', lr: 0.01, momentum: 0.99, nesterov: false, weightDecay: 0 },
      model: { hidden: [64, 64, 64], activation: 'gelu', init: 'kaiming' },
      training: { batchSize: 64, steps: 400, evalEvery: 10 },
    });
    const plan = planSweep(experiment);
    const alone = await runExperiment(plan.runs[1].experiment as CrossEntropyExperiment, cpu, files);
    expect(alone.diverged).not.toBeNull(); // lr 10 with momentum diverges on its own
    const sweep = await runSweep(plan, { batched: sequentialSweepFactory(cpu), single: cpu }, files);
    const [fine, wild] = sweep.runs;
    expect(fine.diverged).toBeNull();
    expect(fine.history.at(-1)?.step).toBe(400);
    expect(wild.diverged?.step).toBe(alone.diverged?.step);
    expect(wild.diverged?.rewoundTo).toBe(alone.diverged?.rewoundTo);
    expect(wild.history.map(comparable)).toEqual(alone.history.map(comparable));
  });

  it('stops between evaluations when asked, keeping the results so far', async () => {
    const experiment = sweptBlobs([{ setting: 'lr', values: [0.01, 0.02] }]);
    let evaluations = 0;
    const sweep = await runSweep(
      planSweep(experiment),
      { batched: sequentialSweepFactory(cpu), single: cpu },
      { ...files, onProgress: () => void evaluations++, shouldStop: () => evaluations >= 2 },
    );
    expect(sweep.stopped).toBe(true);
    expect(sweep.runs.map((r) => r.history.length)).toEqual([1, 1]);
  });
});

describe('runSweep with the batched GPU trainer', () => {
  it.skipIf(WEBGPU_MISSING)(
    'gives each run of a 2×2 lr × class-weight sweep the history GpuMlp gives it alone, within f32 rounding',
    async () => {
      const device = await testDevice();
      const gpu: TrainerFactory = (setup) => new GpuMlp(device, setup);
      const experiment = sweptBlobs(
        [
          { setting: 'lr', values: [0.003, 0.03] },
          { setting: 'classWeight', classIndex: 2, values: [1, 5] },
        ],
        80,
      );
      const plan = planSweep(experiment);
      const sweep = await runSweep(plan, { batched: (setup) => new BatchedGpuMlp(device, setup), single: gpu }, files);
      for (const run of plan.runs) {
        const alone = await runExperiment(run.experiment as CrossEntropyExperiment, gpu, files);
        const swept = sweep.runs[run.index];
        expect(swept.diverged, run.label).toBeNull();
        expect(swept.history.map((p) => p.step)).toEqual(alone.history.map((p) => p.step));
        swept.history.forEach((p, i) => {
          const q = alone.history[i];
          // The batched loss head forms ∂L/∂logits in another f32 order than GpuMlp's fast path (about
          // 1 ulp, tests/sweep/batchedMlp.gpu.test.ts); over 80 steps that stays far below 1e-4 relative.
          expect(Math.abs(p.batchLoss - q.batchLoss), `${run.label} step ${p.step}`).toBeLessThan(1e-4 * Math.abs(q.batchLoss) + 1e-6);
          expect(Math.abs(p.validation.loss - q.validation.loss), `${run.label} step ${p.step}`).toBeLessThan(
            1e-4 * q.validation.loss + 1e-6,
          );
          // Accuracy counts argmaxes: a point within 1e-4 of a tie could flip, one in 100 at most here.
          expect(Math.abs(p.validation.accuracy - q.validation.accuracy)).toBeLessThanOrEqual(0.01);
        });
      }
    },
  );
});

describe('runSweep of an NT-Xent experiment', () => {
  it('trains run by run and reports each run’s probe accuracy as trained alone', async () => {
    const base = structuredClone(presetById('class-weight-pitfall').experiment);
    const experiment = parseExperiment({
      ...base,
      data: { source: 'moons', classes: 2, samples: 300, noise: 0.1, imbalance: 1 },
      loss: { mode: 'nt-xent', temperature: 0.5, projection: 4, augmentation: { kind: 'points', rotation: 0.3, scale: 0.1, jitter: 0.05 } },
      training: { batchSize: 32, steps: 30, evalEvery: 30 },
      sweep: { axes: [{ setting: 'temperature', values: [0.1, 1] }], metric: 'probe-accuracy' },
    });
    const plan = planSweep(experiment);
    const sweep = await runSweep(plan, { batched: sequentialSweepFactory(cpu), single: cpu }, files);
    for (const run of plan.runs) {
      const alone = await runContrastiveExperiment(run.experiment as ContrastiveExperiment, cpu, files);
      expect(sweep.runs[run.index].metric, run.label).toBe(alone.probeAccuracy);
    }
  });
});
