// The PyTorch export of a sweep runs under real PyTorch: each run of a 2×2 grid prints the same final
// row as the single-run export of that run's experiment (same data, weights, batches, settings); and
// sweeps over the seed or the batch size (several groups) and NT-Xent sweeps train every run to the
// losses of our float64 CPU reference.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_EXPERIMENT } from '../../src/engine/experiment/defaults';
import { prepareData } from '../../src/engine/experiment/prepare';
import { runExperiment } from '../../src/engine/experiment/run';
import { runContrastiveExperiment } from '../../src/engine/experiment/runContrastive';
import {
  type ContrastiveExperiment,
  type CrossEntropyExperiment,
  type Experiment,
  parseExperiment,
} from '../../src/engine/experiment/schema';
import { pytorchScript } from '../../src/engine/export/pytorchScript';
import { pytorchSweepScript } from '../../src/engine/export/pytorchSweep';
import { planSweep } from '../../src/engine/sweep/plan';
import type { Sweep } from '../../src/engine/sweep/sweepSchema';
import { CpuMlp } from '../../src/engine/train/cpuMlp';
import type { MlpTrainingSetup } from '../../src/engine/train/types';
import { expectClose } from '../support/compare';
import { readPublicFile } from '../support/publicFiles';
import { runPythonIn } from './runPython';
import { TORCH_MISSING, TORCH_PYTHON } from './torchPython';
import { LOSS_TOL } from './torchTolerances';

const files = { fetchBytes: readPublicFile };

const SWEPT = parseExperiment({
  ...DEFAULT_EXPERIMENT,
  seed: 5,
  data: { source: 'blobs', classes: 3, samples: 300, noise: 0.8, imbalance: 4 },
  model: { hidden: [8], activation: 'tanh', init: 'xavier' },
  training: { batchSize: 32, steps: 60, evalEvery: 30 },
  sweep: {
    axes: [
      { setting: 'lr', values: [0.003, 0.03] },
      { setting: 'classWeight', classIndex: 2, values: [1, 4] },
    ],
    metric: 'minority-recall',
  },
});

const NT_XENT = parseExperiment({
  ...DEFAULT_EXPERIMENT,
  seed: 3,
  data: { source: 'blobs', classes: 4, samples: 200, noise: 0.1, imbalance: 1 },
  model: { hidden: [16], activation: 'relu', init: 'kaiming' },
  loss: { mode: 'nt-xent', temperature: 0.5, projection: 8, augmentation: { kind: 'points', rotation: 0.3, scale: 0.1, jitter: 0.05 } },
  training: { batchSize: 32, steps: 20, evalEvery: 10 },
});

const sweepOver = (experiment: Experiment, sweep: Sweep) => parseExperiment({ ...experiment, sweep });
const cpu = (setup: MlpTrainingSetup) => new CpuMlp(setup);

interface SweepFinal {
  run: number;
  label: string;
  final: Record<string, number>;
}

describe.skipIf(TORCH_MISSING)('the PyTorch export of a sweep', () => {
  const dir = mkdtempSync(join(tmpdir(), 'xent-sweep-export-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** The script of `swept` as written, and every run's final row as PyTorch trained it. */
  async function runSweepScript(swept: Experiment, name: string): Promise<{ script: string; finals: SweepFinal[] }> {
    const script = await pytorchSweepScript(swept, files);
    writeFileSync(join(dir, `${name}.py`), script);
    const out = runPythonIn(dir, TORCH_PYTHON, [`${name}.py`])
      .trim()
      .split('\n');
    return { script, finals: JSON.parse(out.at(-1) as string) };
  }

  /** Every run's final batch loss and epoch against the headless runner's on the CPU reference. */
  async function expectCrossEntropyRunsMatch(swept: Experiment, finals: SweepFinal[]) {
    const plan = planSweep(swept);
    expect(finals.map((f) => f.label)).toEqual(plan.runs.map((r) => r.label));
    for (const run of plan.runs) {
      const ours = await runExperiment(run.experiment as CrossEntropyExperiment, cpu, files);
      expect(finals[run.index].final.epoch, run.label).toBe(ours.final.epoch);
      expectClose([finals[run.index].final.batch_loss], [ours.final.batchLoss], LOSS_TOL, `${run.label}: final batch loss`);
    }
  }

  it('trains every run of a 2×2 grid, each matching the single-run export of that run', async () => {
    const { finals } = await runSweepScript(SWEPT, 'sweep');
    expect(finals.map((f) => f.label)).toEqual([
      'lr 0.003, weight of class 2 = 1',
      'lr 0.003, weight of class 2 = 4',
      'lr 0.03, weight of class 2 = 1',
      'lr 0.03, weight of class 2 = 4',
    ]);
    const plan = planSweep(SWEPT);
    for (const run of [0, 3]) {
      const alone = plan.runs[run].experiment;
      writeFileSync(join(dir, `run${run}.py`), pytorchScript({ experiment: alone, data: await prepareData(alone, files) }));
      const single = JSON.parse(
        runPythonIn(dir, TORCH_PYTHON, [`run${run}.py`])
          .trim()
          .split('\n')
          .at(-1) as string,
      );
      // The same float32 PyTorch ops on the same inputs in the same order: equal, not close.
      expect(finals[run].final, plan.runs[run].label).toEqual(single);
    }
    // The runs differ: a grid whose settings were ignored would print one row four times.
    expect(finals[3].final.validation_loss_weighted).not.toBe(finals[0].final.validation_loss_weighted);
    expect(finals[1].final.train_loss_weighted).not.toBe(finals[0].final.train_loss_weighted);
  }, 120_000);

  it('trains a sweep over the seed: each seed with its own data, initial weights and batch order', async () => {
    const swept = sweepOver(SWEPT, {
      axes: [
        { setting: 'seed', values: [5, 11] },
        { setting: 'lr', values: [0.003, 0.03] },
      ],
      metric: 'accuracy',
    });
    const { script, finals } = await runSweepScript(swept, 'seeds');
    expect(script).toMatch(/^TRAIN_X_GROUP_1 = /m);
    expect(script).toMatch(/^INITIAL_PARAMETERS_GROUP_1 = /m);
    expect(script).not.toContain('unpack_float32'); // 300 rows: every array a literal to read, as in a single run's
    expect(script).toContain('"SEED": 11, "BATCH_SIZE": 32,\n        "TRAIN_X": TRAIN_X_GROUP_1,');
    await expectCrossEntropyRunsMatch(swept, finals);
    // Another seed is another run: the groups did not share the first one's data.
    expect(finals[2].final.batch_loss).not.toBe(finals[0].final.batch_loss);
  }, 120_000);

  it('trains a sweep over the batch size, carrying the data once', async () => {
    const swept = sweepOver(SWEPT, {
      axes: [
        { setting: 'batchSize', values: [16, 48] },
        { setting: 'optimizer', values: ['sgd', 'adam'] },
      ],
      metric: 'validation-loss',
    });
    const { script, finals } = await runSweepScript(swept, 'batches');
    // One seed: the same data and initial weights for every group, written once.
    expect(script).not.toMatch(/_GROUP_\d+ = /);
    expect(script).toContain('{"SEED": 5, "BATCH_SIZE": 48},  # group 1: runs 2, 3');
    await expectCrossEntropyRunsMatch(swept, finals);
    expect(finals[2].final.epoch).not.toBe(finals[0].final.epoch);
  }, 120_000);

  it('trains an NT-Xent sweep over the temperature and the seed, each run to our pre-training loss and probe', async () => {
    const swept = sweepOver(NT_XENT, {
      axes: [
        { setting: 'temperature', values: [0.2, 0.5] },
        { setting: 'seed', values: [3, 4] },
      ],
      metric: 'probe-accuracy',
    });
    const { script, finals } = await runSweepScript(swept, 'nt_xent_sweep');
    expect(script).toMatch(/^PROBE_INITIAL_PARAMETERS_GROUP_1 = /m);
    const plan = planSweep(swept);
    expect(finals.map((f) => f.label)).toEqual(plan.runs.map((r) => r.label));
    for (const run of plan.runs) {
      const e = run.experiment as ContrastiveExperiment;
      const ours = await runContrastiveExperiment(e, cpu, files);
      expectClose([finals[run.index].final.batch_loss], [ours.loss], LOSS_TOL, `${run.label}: final NT-Xent loss`);
      // A row whose two top logits are within rounding of each other may go either way.
      const rows = (await prepareData(e, files)).validation.n;
      expect(Math.abs(finals[run.index].final.probe_accuracy - ours.probeAccuracy) * rows, run.label).toBeLessThanOrEqual(1 + 1e-9);
    }
    expect(finals[1].final.batch_loss).not.toBe(finals[0].final.batch_loss);
  }, 180_000);
});
