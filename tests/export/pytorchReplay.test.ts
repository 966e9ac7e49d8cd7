// A run with live changes, replayed: the headless runner trains an experiment whose class weights
// change to inverse frequency at step 40 and whose learning rate and batch size change at step 80;
// the exported script, run by real PyTorch, must print the same history (losses, accuracies) at the
// same steps. A run without the changes is measured too, so that a replay that ignored them on both
// sides could not pass.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_EXPERIMENT } from '../../src/engine/experiment/defaults';
import { prepareData } from '../../src/engine/experiment/prepare';
import { type Progress, type RunResult, runExperiment } from '../../src/engine/experiment/run';
import { type CrossEntropyExperiment, parseExperiment } from '../../src/engine/experiment/schema';
import { pytorchScript } from '../../src/engine/export/pytorchScript';
import { CpuMlp } from '../../src/engine/train/cpuMlp';
import { GpuMlp } from '../../src/engine/train/gpuMlp';
import { testDevice } from '../setup/gpu';
import { WEBGPU_MISSING } from '../support/backends';
import { readPublicFile } from '../support/publicFiles';
import { runPythonIn } from './runPython';
import { TORCH_MISSING, TORCH_PYTHON } from './torchPython';

const files = { fetchBytes: readPublicFile };

/** 1:8 imbalanced blobs, uniform weights and Adam at step 0; two live changes. */
const CHANGED = parseExperiment({
  ...DEFAULT_EXPERIMENT,
  seed: 7,
  data: { source: 'blobs', classes: 3, samples: 400, noise: 0.6, imbalance: 8 },
  model: { hidden: [16], activation: 'tanh', init: 'xavier' },
  loss: { mode: 'cross-entropy', targets: { kind: 'hard' }, classWeights: { kind: 'uniform' }, labelSmoothing: 0, reduction: 'mean' },
  optimizer: { kind: 'adam', lr: 0.02, beta1: 0.9, beta2: 0.999, weightDecay: 0 },
  training: { batchSize: 32, steps: 1000, evalEvery: 10 },
  changes: [
    { step: 40, loss: { classWeights: { kind: 'inverse-frequency' } } },
    { step: 80, optimizer: { kind: 'adam', lr: 0.005, beta1: 0.9, beta2: 0.999, weightDecay: 0 }, batchSize: 48 },
  ],
}) as CrossEntropyExperiment;

const UNCHANGED = parseExperiment({ ...CHANGED, changes: undefined }) as CrossEntropyExperiment;

/** The three checkpoints: before any change, after the weights changed, after the optimizer and batch changed. */
const CHECKPOINTS = [30, 200, 1000];

// PyTorch (and the WebGPU trainer) step in float32, the reference in float64, from the same float32
// data, weights and batches: one float32 op rounds by 6e-8 relative, and each step compounds what the
// earlier ones left, so the gap can only grow with the step count (and a change that re-weights the
// loss or raises the lr amplifies it). Measured worst relative gaps of the five losses, torch / WebGPU:
// step 30 (no change yet) 1.8e-7 / 8.6e-8; step 200 1.9e-7 / 6.0e-8; step 1000 2.4e-7 / 1.7e-7. Early
// is tight (~10× the measured gap); later bounds leave room for drift on other CPUs' libm and BLAS
// (summation order), while staying far below the 5% by which the run without the changes differs.
const TOLERANCES: Record<number, number> = { 30: 2e-6, 200: 1e-5, 1000: 1e-4 };

const LOSS_COLUMNS = ['batch_loss', 'train_loss', 'train_loss_weighted', 'validation_loss', 'validation_loss_weighted'] as const;

function ourRow(p: Progress): Record<string, number> {
  return {
    step: p.step,
    epoch: p.epoch,
    batch_loss: p.batchLoss,
    train_loss: p.train.loss,
    train_loss_weighted: p.train.weightedLoss,
    validation_loss: p.validation.loss,
    validation_loss_weighted: p.validation.weightedLoss,
    train_accuracy: p.train.accuracy,
    validation_accuracy: p.validation.accuracy,
  };
}

/** The CSV rows the script printed, by step. */
function parseHistory(stdout: string): Map<number, Record<string, number>> {
  const lines = stdout.trim().split('\n');
  const columns = lines[0].split(',');
  const rows = lines.slice(1).filter((line) => /^\d+,/.test(line));
  return new Map(
    rows.map((line) => {
      const row = Object.fromEntries(line.split(',').map((cell, i) => [columns[i], cell === '' ? Number.NaN : Number(cell)]));
      return [row.step, row];
    }),
  );
}

const cpu = (setup: ConstructorParameters<typeof CpuMlp>[0]) => new CpuMlp(setup);

describe('live changes in the headless runner', () => {
  it('change the run from their step on, and only from there', async () => {
    const [changed, unchanged] = [await runExperiment(CHANGED, cpu, files), await runExperiment(UNCHANGED, cpu, files)];
    const at = (run: RunResult, step: number) => run.history.find((p) => p.step === step) as Progress;
    // Before step 40 both runs are the same computation, bit for bit.
    expect(at(changed, 30).train.weightedLoss).toBe(at(unchanged, 30).train.weightedLoss);
    // From step 40 the objective is re-weighted: the minority classes weigh more.
    const gap = Math.abs(at(changed, 70).train.weightedLoss / at(unchanged, 70).train.weightedLoss - 1);
    expect(gap).toBeGreaterThan(0.05);
    // The new batch size starts a fresh sampler at step 80: the epoch count starts again.
    expect(at(changed, 90).epoch).toBeLessThan(at(unchanged, 90).epoch);
  });
});

describe.skipIf(WEBGPU_MISSING)('live changes on WebGPU', () => {
  let device: GPUDevice;
  beforeAll(async () => {
    device = await testDevice();
  });
  afterAll(() => device.destroy());

  it('replay as on the CPU reference', async () => {
    const [gpuRun, cpuRun] = [await runExperiment(CHANGED, (s) => new GpuMlp(device, s), files), await runExperiment(CHANGED, cpu, files)];
    // f32 on the GPU against float64: the same kind of drift as PyTorch's, so the same bounds.
    const worst: Record<number, number> = {};
    for (const step of CHECKPOINTS) {
      const [g, c] = [gpuRun, cpuRun].map((run) => ourRow(run.history.find((p) => p.step === step) as Progress));
      for (const column of LOSS_COLUMNS) {
        const relative = Math.abs(g[column] / c[column] - 1);
        worst[step] = Math.max(worst[step] ?? 0, relative);
        expect(relative, `${column} at step ${step}`).toBeLessThan(TOLERANCES[step]);
      }
    }
    console.info('worst relative loss gap by checkpoint (WebGPU float32 vs float64 reference):', worst);
  });
});

describe.skipIf(TORCH_MISSING)('the exported script replays the live changes in PyTorch', () => {
  const workDir = mkdtempSync(join(tmpdir(), 'xent-lab-replay-'));
  afterAll(() => rmSync(workDir, { recursive: true, force: true }));

  it('prints the same history as the headless run at the three checkpoints', async () => {
    const script = pytorchScript({ experiment: CHANGED, data: await prepareData(CHANGED, files) });
    // The header tells the run as it happened, change by change.
    expect(script).toMatch(/class weights uniform \[1, 1, 1\]/);
    expect(script).toMatch(/ {2}step 40: class weights inverse-frequency \[[\d., ]+\]/);
    expect(script).toContain('  step 80: optimizer adam (lr 0.005, betas (0.9, 0.999), weight decay 0), batch size 48');
    expect(script).toContain('STEPS = 1000  # the steps trained');
    const path = join(workDir, 'xent_lab_replay.py');
    writeFileSync(path, script);
    const torch = parseHistory(runPythonIn(workDir, TORCH_PYTHON, [path]));
    const ours = await runExperiment(CHANGED, cpu, files);
    expect([...torch.keys()]).toEqual(ours.history.map((p) => p.step)); // the same measured steps
    const worst: Record<number, number> = {};
    for (const step of CHECKPOINTS) {
      const [t, o] = [torch.get(step) as Record<string, number>, ourRow(ours.history.find((p) => p.step === step) as Progress)];
      expect(t.epoch, `epoch at step ${step}`).toBe(o.epoch);
      for (const column of LOSS_COLUMNS) {
        const relative = Math.abs(t[column] / o[column] - 1);
        worst[step] = Math.max(worst[step] ?? 0, relative);
        expect(relative, `${column} at step ${step}: torch ${t[column]}, ours ${o[column]}`).toBeLessThan(TOLERANCES[step]);
      }
      // A row whose two top logits are within rounding may flip: at most one row of each split.
      const [trainRows, validationRows] = [ours.final.train.confusion, ours.final.validation.confusion].map((c) =>
        c.reduce((a, b) => a + b, 0),
      );
      expect(Math.abs(t.train_accuracy - o.train_accuracy) * trainRows, `train accuracy at step ${step}`).toBeLessThanOrEqual(1 + 1e-9);
      expect(
        Math.abs(t.validation_accuracy - o.validation_accuracy) * validationRows,
        `validation accuracy at step ${step}`,
      ).toBeLessThanOrEqual(1 + 1e-9);
    }
    console.info('worst relative loss gap by checkpoint (torch float32 vs float64 reference):', worst);
  });
});
