// The PyTorch export of an MNIST sweep: its arrays are packed as the single run's are (packedArrays.ts),
// so a sweep of one seed stays the size of one run's script and each further seed adds its own packed
// data; groups that share the data still carry it once; and the packed sweep script, run by PyTorch,
// trains a run of another seed and learning rate as our float64 CPU reference does.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { presetById } from '../../src/engine/experiment/presets';
import { runExperiment } from '../../src/engine/experiment/run';
import { type CrossEntropyExperiment, parseExperiment } from '../../src/engine/experiment/schema';
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
const mnist = presetById('mnist').experiment as CrossEntropyExperiment; // the preset is cross-entropy
const sweepOver = (experiment: CrossEntropyExperiment, axes: Sweep['axes']) =>
  parseExperiment({ ...experiment, sweep: { axes, metric: 'accuracy' } });

// Measured (Node's zlib): lr × 2, one group, 4,114,136 characters (as decimals: 37,505,768); seed × 2,
// two groups, 8,184,512 (as decimals: 74,969,395). The bounds leave ~10% for another zlib (a
// browser's CompressionStream need not compress byte for byte as Node's does).
const ONE_GROUP_MAX_CHARS = 4_500_000;
const TWO_SEEDS_MAX_CHARS = 9_000_000;

describe('the PyTorch export of an MNIST sweep', () => {
  it(`stays under ${ONE_GROUP_MAX_CHARS / 1e6} MB for a sweep of one seed: the pixels and first-layer weights are packed`, async () => {
    const script = await pytorchSweepScript(sweepOver(mnist, [{ setting: 'lr', values: [0.003, 0.01] }]), files);
    expect(script.length).toBeLessThanOrEqual(ONE_GROUP_MAX_CHARS);
    expect(script).toMatch(/^TRAIN_X = unpack_float32\(\[8000, 784\], """$/m);
    expect(script).toMatch(/^ {4}"layers\.0\.weight": unpack_float32\(\[128, 784\], """$/m);
    expect(script).not.toContain('\u0000'); // every token was filled with its block
  }, 120_000);

  it(`stays under ${TWO_SEEDS_MAX_CHARS / 1e6} MB for two seeds: the second seed's own arrays are packed too`, async () => {
    const script = await pytorchSweepScript(sweepOver(mnist, [{ setting: 'seed', values: [1, 2] }]), files);
    expect(script.length).toBeLessThanOrEqual(TWO_SEEDS_MAX_CHARS);
    expect(script).toMatch(/^TRAIN_X_GROUP_1 = unpack_float32\(\[8000, 784\], """$/m);
    expect(script.match(/^ {4}"layers\.0\.weight": unpack_float32/gm)).toHaveLength(2); // each seed's initial weights
    expect(script).not.toContain('\u0000');
  }, 120_000);

  it('carries the data once for a sweep over the batch size: groups compare values, not how they are written', async () => {
    const script = await pytorchSweepScript(sweepOver(mnist, [{ setting: 'batchSize', values: [32, 64] }]), files);
    expect(script).not.toMatch(/_GROUP_\d+ = /);
    expect(script.length).toBeLessThanOrEqual(ONE_GROUP_MAX_CHARS);
  }, 120_000);
});

// 5 steps, as in pytorchScriptMnist.test.ts: the packed path is what is under test, and the one
// measurement of 10,000 rows dominates. The tolerance is the small presets' (torchTolerances.ts, over
// 40–60 steps); over 5 MNIST steps the single-run export measured 3.7e-8 relative on the loss.
const MNIST_SHORT = parseExperiment({ ...mnist, training: { ...mnist.training, steps: 5, evalEvery: 5 } }) as CrossEntropyExperiment;

describe.skipIf(TORCH_MISSING)("an MNIST sweep's packed script, run by PyTorch, against the float64 CPU reference", () => {
  const dir = mkdtempSync(join(tmpdir(), 'xent-mnist-sweep-export-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("trains the second seed's run at the second learning rate to our batch loss", async () => {
    const swept = sweepOver(MNIST_SHORT, [
      { setting: 'seed', values: [1, 2] },
      { setting: 'lr', values: [0.003, 0.01] },
    ]);
    const run = planSweep(swept).runs[3]; // group 1's arrays (packed, _GROUP_1) and RUNS[3]'s optimizer
    expect(run.label).toBe('seed 2, lr 0.01');
    writeFileSync(join(dir, 'mnist_sweep.py'), await pytorchSweepScript(swept, files));
    const out = runPythonIn(dir, TORCH_PYTHON, ['mnist_sweep.py', '--run', '3']).trim().split('\n');
    const finals = JSON.parse(out.at(-1) as string);
    expect(finals.map((f: { run: number }) => f.run)).toEqual([3]);
    const ours = await runExperiment(run.experiment as CrossEntropyExperiment, (setup: MlpTrainingSetup) => new CpuMlp(setup), files);
    expect(finals[0].final.step).toBe(5);
    expect(finals[0].final.epoch).toBe(ours.final.epoch);
    expectClose([finals[0].final.batch_loss], [ours.final.batchLoss], LOSS_TOL, `${run.label}: final batch loss`);
  }, 300_000);
});
