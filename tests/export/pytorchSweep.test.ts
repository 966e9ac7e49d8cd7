// The PyTorch export of a 2×2 sweep runs under real PyTorch, and each run of its loop prints the same
// final row as the single-run export of that run's experiment (same data, weights, batches, settings).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_EXPERIMENT } from '../../src/engine/experiment/defaults';
import { prepareData } from '../../src/engine/experiment/prepare';
import { parseExperiment } from '../../src/engine/experiment/schema';
import { pytorchScript } from '../../src/engine/export/pytorchScript';
import { pytorchSweepScript } from '../../src/engine/export/pytorchSweep';
import { planSweep } from '../../src/engine/sweep/plan';
import { readPublicFile } from '../support/publicFiles';
import { runPythonIn } from './runPython';
import { TORCH_MISSING, TORCH_PYTHON } from './torchPython';

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

describe.skipIf(TORCH_MISSING)('the PyTorch export of a sweep', () => {
  const dir = mkdtempSync(join(tmpdir(), 'xent-sweep-export-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('trains every run of a 2×2 grid, each matching the single-run export of that run', async () => {
    const data = await prepareData(SWEPT, files);
    writeFileSync(join(dir, 'sweep.py'), pytorchSweepScript(SWEPT, data));
    const out = runPythonIn(dir, TORCH_PYTHON, ['sweep.py']).trim().split('\n');
    const finals = JSON.parse(out.at(-1) as string) as { run: number; label: string; final: Record<string, number> }[];
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

  it('refuses a sweep over the seed by name', async () => {
    const seeds = parseExperiment({ ...SWEPT, sweep: { axes: [{ setting: 'seed', values: [1, 2] }], metric: 'accuracy' } });
    const data = await prepareData(seeds, files);
    expect(() => pytorchSweepScript(seeds, data)).toThrow(/experiment.sweep.axes: the PyTorch export of a sweep over the seed/);
  });
});
