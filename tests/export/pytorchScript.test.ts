// The exported PyTorch script reproduces the run: where /usr/bin/python3 has torch, the script itself
// trains to the loss, accuracies and parameters of our float64 CPU reference. (Its PRNG port is
// checked against ours in pythonRandom.test.ts, with plain python3.)
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
import { historyCsv } from '../../src/engine/export/historyCsv';
import { float32Literal } from '../../src/engine/export/pythonLiterals';
import { pytorchScript, pytorchScriptPacked } from '../../src/engine/export/pytorchScript';
import { seededRandom } from '../../src/engine/random';
import { expectClose } from '../support/compare';
import { readPublicFile } from '../support/publicFiles';
import { runPythonIn } from './runPython';
import { TORCH_MISSING, TORCH_PYTHON } from './torchPython';
import { capturingCpu, expectAccuracyWithinOneRow, expectSameParameters, runScriptInTorch, type TorchRun } from './torchRun';
import { LOSS_TOL, PARAMETER_TOL } from './torchTolerances';

const files = { fetchBytes: readPublicFile };
const workDir = mkdtempSync(join(tmpdir(), 'xent-lab-export-'));
afterAll(() => rmSync(workDir, { recursive: true, force: true }));
const runPython = (python: string, args: string[]) => runPythonIn(workDir, python, args);

describe('pytorchScript', () => {
  const experiment = (changes: (e: Experiment) => void): Experiment => {
    const e: Experiment = structuredClone(DEFAULT_EXPERIMENT);
    changes(e);
    return parseExperiment(e);
  };
  const scriptOf = async (e: Experiment) => pytorchScript({ experiment: e, data: await prepareData(e, files) });

  it('writes float32 values with the fewest digits that read back as the same float32', () => {
    const random = seededRandom(3);
    const values = Float32Array.from({ length: 2000 }, (_, i) => random.normal() * 10 ** ((i % 70) - 40));
    values.set([0, 1, -0.5, 0.1, 3.4028234663852886e38, 1.401298464324817e-45, 1e-7]);
    for (const x of values) expect(Math.fround(Number(float32Literal(x)))).toBe(x);
    expect([0.1, 1, -0.5, 1e-7].map((x) => float32Literal(Math.fround(x)))).toEqual(['0.1', '1', '-0.5', '1e-7']);
    expect(() => float32Literal(Number.NaN, 'TRAIN_X')).toThrow(/^TRAIN_X: must hold finite numbers only, got NaN/);
  });

  it("spells out the experiment's loss and optimizer as PyTorch calls", async () => {
    const script = await scriptOf(WEIGHTED_SGD);
    expect(script).toContain('nn.CrossEntropyLoss(weight=class_weights, label_smoothing=0.1, ignore_index=-100, reduction="mean")');
    expect(script).toContain('torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9, dampening=0, nesterov=True, weight_decay=0.0001)');
    expect(script).toContain('nn.Tanh()');
    expect(script).toContain('BatchSampler(len(TRAIN_X), BATCH_SIZE, seed=SEED + 3)');
    expect(script).toContain('# Class weights at step 0 (inverse-frequency)');
    expect(script).toContain('#   "seed": 2,'); // the experiment itself, as a comment
    const adam = await scriptOf(experiment((e) => (e.training.steps = 5)));
    expect(adam).toContain('torch.optim.Adam(model.parameters(), lr=0.01, betas=(0.9, 0.999), eps=1e-8, weight_decay=0)');
    expect(adam).toContain('nn.ReLU()');
    const contrastive = await scriptOf(NT_XENT);
    expect(contrastive).toContain('F.normalize(z, dim=1)');
    expect(contrastive).toContain('float("-inf")');
    expect(contrastive).toContain('TEMPERATURE = 0.5');
    expect(contrastive).not.toContain('nn.CrossEntropyLoss(weight=');
  });

  it('refuses a batch larger than the training split, naming the field', async () => {
    const e = experiment((x) => (x.training.batchSize = 4096));
    const data = await prepareData(DEFAULT_EXPERIMENT, files);
    expect(() => pytorchScript({ experiment: e, data })).toThrow(
      /^experiment\.training\.batchSize: must be an integer in \[1, 480\] \(the training rows\), got 4096/,
    );
    const later = experiment((x) => (x.changes = [{ step: 10, batchSize: 500 }]));
    expect(() => pytorchScript({ experiment: later, data })).toThrow(
      /^experiment\.changes\[0\]\.batchSize: must be an integer in \[1, 480\] \(the training rows\), got 500/,
    );
  });
});

// ---- The script itself, run by PyTorch, against the float64 CPU reference ----------------------

const DEFAULT_SHORT = parseExperiment({ ...DEFAULT_EXPERIMENT, training: { batchSize: 64, steps: 50, evalEvery: 25 } });

const WEIGHTED_SGD = parseExperiment({
  ...DEFAULT_EXPERIMENT,
  seed: 2,
  data: { source: 'blobs', classes: 3, samples: 300, noise: 0.5, imbalance: 5 },
  preparation: { validationFraction: 0.25, standardize: true, unlabelledFraction: 0.2 },
  model: { hidden: [16], activation: 'tanh', init: 'xavier' },
  loss: {
    mode: 'cross-entropy',
    targets: { kind: 'hard' },
    classWeights: { kind: 'inverse-frequency' },
    labelSmoothing: 0.1,
    reduction: 'mean',
  },
  optimizer: { kind: 'sgd', lr: 0.1, momentum: 0.9, nesterov: true, weightDecay: 1e-4 },
  training: { batchSize: 32, steps: 60, evalEvery: 30 },
});

const MIXUP_ADAMW = parseExperiment({
  ...DEFAULT_EXPERIMENT,
  seed: 3,
  data: { source: 'moons', classes: 2, samples: 200, noise: 0.1, imbalance: 1 },
  model: { hidden: [24, 12], activation: 'gelu', init: 'kaiming' },
  loss: {
    mode: 'cross-entropy',
    targets: { kind: 'mixup', alpha: 0.4 },
    classWeights: { kind: 'effective-number', beta: 0.9 },
    labelSmoothing: 0.05,
    reduction: 'sum',
  },
  optimizer: { kind: 'adamw', lr: 0.005, beta1: 0.8, beta2: 0.99, weightDecay: 0.01 },
  training: { batchSize: 40, steps: 40, evalEvery: 20 },
});

const NOISY_SIGMOID = parseExperiment({
  ...DEFAULT_EXPERIMENT,
  seed: 4,
  data: { source: 'circles', classes: 2, samples: 200, noise: 0.05, imbalance: 1 },
  model: { hidden: [16], activation: 'sigmoid', init: 'kaiming' },
  loss: {
    mode: 'cross-entropy',
    targets: { kind: 'noisy-annotator', flipProbability: 0.1 },
    classWeights: { kind: 'custom', weights: [1, 2] },
    labelSmoothing: 0,
    reduction: 'mean',
  },
  optimizer: { kind: 'sgd', lr: 0.5, momentum: 0, nesterov: false, weightDecay: 0 },
  training: { batchSize: 50, steps: 40, evalEvery: 40 },
});

const NT_XENT = parseExperiment({
  ...DEFAULT_EXPERIMENT,
  data: { source: 'blobs', classes: 4, samples: 400, noise: 0.1, imbalance: 1 },
  model: { hidden: [32], activation: 'relu', init: 'kaiming' },
  loss: { mode: 'nt-xent', temperature: 0.5, projection: 8, augmentation: { kind: 'points', rotation: 0.3, scale: 0.1, jitter: 0.05 } },
  training: { batchSize: 64, steps: 40, evalEvery: 20 },
}) as ContrastiveExperiment;

const NT_XENT_DIGITS = parseExperiment({
  ...NT_XENT,
  seed: 5,
  data: { source: 'digits' },
  model: { hidden: [32], activation: 'gelu', init: 'xavier' },
  loss: { mode: 'nt-xent', temperature: 0.2, projection: 16, augmentation: { kind: 'pixels', noise: 0.3, dropout: 0.1 } },
  optimizer: { kind: 'sgd', lr: 0.05, momentum: 0.9, nesterov: false, weightDecay: 0 },
  training: { batchSize: 32, steps: 20, evalEvery: 10 },
}) as ContrastiveExperiment;

/** τ, then the optimizer and the batch size change live. */
const NT_XENT_CHANGED = parseExperiment({
  ...NT_XENT,
  changes: [
    { step: 15, loss: { temperature: 0.2 } },
    { step: 25, optimizer: { kind: 'sgd', lr: 0.05, momentum: 0.9, nesterov: false, weightDecay: 0 }, batchSize: 32 },
  ],
}) as ContrastiveExperiment;

/** The script the page downloads (large arrays packed; these datasets are small enough for literals). */
async function runTorch(e: Experiment, name: string): Promise<TorchRun> {
  return runScriptInTorch(workDir, await pytorchScriptPacked({ experiment: e, data: await prepareData(e, files) }), name);
}

// Alignment and uniformity of embeddings computed from those parameters (both in float64 from
// float32 outputs): measured 1.2e-8 apart.
const STATS_TOL = { atol: 1e-6, rtol: 0 };

describe.skipIf(TORCH_MISSING)('the exported script, run by PyTorch (float32), against the float64 CPU reference', () => {
  it('runs as a plain file: the history CSV every evalEvery steps, then JSON on the last line; --steps trains fewer', async () => {
    const path = join(workDir, 'xent_lab_plain.py');
    writeFileSync(path, pytorchScript({ experiment: DEFAULT_SHORT, data: await prepareData(DEFAULT_SHORT, files) }));
    const lines = runPython(TORCH_PYTHON, [path]).trim().split('\n');
    expect(lines[0]).toBe(historyCsv([]).trim()); // the page's "History as CSV" header
    expect(lines.slice(1, -1).map((line) => line.split(',')[0])).toEqual(['25', '50']);
    expect(JSON.parse(lines.at(-1) as string)).toMatchObject({ step: 50, epoch: 7 });
    const shorter = runPython(TORCH_PYTHON, [path, '--steps', '30']).trim().split('\n');
    expect(shorter.slice(1, -1).map((line) => line.split(',')[0])).toEqual(['25', '30']);

    // The page's export: the steps the page trained and measured at (its history), step 0 included.
    const page = pytorchScript({
      experiment: DEFAULT_SHORT,
      data: await prepareData(DEFAULT_SHORT, files),
      steps: 20,
      measuredSteps: [0, 7, 20],
    });
    writeFileSync(path, page);
    const rows = runPython(TORCH_PYTHON, [path]).trim().split('\n').slice(1, -1);
    expect(rows.map((line) => line.split(',').slice(0, 3))).toEqual([
      ['0', '0', ''],
      ['7', '1', expect.any(String)],
      ['20', '3', expect.any(String)],
    ]);
  });

  it.each([
    ['the default spiral (Adam, ReLU)', DEFAULT_SHORT],
    ['class weights, label smoothing, unlabelled rows, SGD with Nesterov momentum (tanh)', WEIGHTED_SGD],
    ['mixup probability targets, sum reduction, AdamW (GELU)', MIXUP_ADAMW],
    ['noisy-annotator probability targets, custom weights, plain SGD (sigmoid)', NOISY_SIGMOID],
  ] as const)('%s', async (_, e) => {
    const ce = e as CrossEntropyExperiment;
    const cpu = capturingCpu();
    const [torch, ours] = [await runTorch(ce, 'ce'), await runExperiment(ce, cpu.create, files)];
    expect(torch.final.step).toBe(ce.training.steps);
    expect(torch.final.epoch).toBe(ours.final.epoch);
    expectAccuracyWithinOneRow(
      torch.final.train_accuracy,
      ours.final.train.accuracy,
      ours.final.train.confusion.reduce((a, b) => a + b, 0),
      'train accuracy',
    );
    expectAccuracyWithinOneRow(
      torch.final.validation_accuracy,
      ours.final.validation.accuracy,
      ours.final.validation.confusion.reduce((a, b) => a + b, 0),
      'validation accuracy',
    );
    expectClose([torch.final.batch_loss], [ours.final.batchLoss], LOSS_TOL, 'final batch loss');
    await expectSameParameters(torch, cpu.trainers[0], PARAMETER_TOL);
  });

  it.each([
    ['blobs with point augmentations', NT_XENT],
    ['the 8x8 digits with pixel augmentations', NT_XENT_DIGITS],
    ['blobs, with live changes of temperature, optimizer kind and batch size', NT_XENT_CHANGED],
  ] as const)('NT-Xent pre-training on %s, then the linear probe', async (_, e) => {
    const cpu = capturingCpu();
    const [torch, ours] = [await runTorch(e, 'nt_xent'), await runContrastiveExperiment(e, cpu.create, files)];
    expectClose([torch.final.batch_loss], [ours.loss], LOSS_TOL, 'final NT-Xent loss');
    await expectSameParameters(torch, cpu.trainers[0], PARAMETER_TOL);
    expectClose(
      [torch.final.alignment, torch.final.uniformity],
      [ours.stats.alignment, ours.stats.uniformity],
      STATS_TOL,
      'alignment, uniformity',
    );
    const validationRows = (await prepareData(e, files)).validation.n;
    expectAccuracyWithinOneRow(torch.final.probe_accuracy, ours.probeAccuracy, validationRows, 'linear probe accuracy');
  });
});
