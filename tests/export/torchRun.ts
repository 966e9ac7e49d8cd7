// Running a generated PyTorch script under real torch and comparing what it trained with our float64
// CPU reference: shared by the export tests (small datasets in pytorchScript.test.ts, MNIST's packed
// arrays in pytorchScriptMnist.test.ts). The tolerances, with their reason, are in torchTolerances.ts.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import type { MlpLayout } from '../../src/engine/model/layout';
import { CpuMlp } from '../../src/engine/train/cpuMlp';
import type { MlpTrainingSetup } from '../../src/engine/train/types';
import { expectClose, type Tolerance } from '../support/compare';
import { runPythonIn } from './runPython';
import { TORCH_PYTHON } from './torchPython';

/** Loads the script as a module, calls main() and prints its trained model's parameters last. */
const DRIVER = `import importlib.util, json, sys
import torch
spec = importlib.util.spec_from_file_location("xent_lab_run", sys.argv[1])
module = importlib.util.module_from_spec(spec)
spec.loader.exec_module(module)
model = module.main()
linears = [layer for layer in model if isinstance(layer, torch.nn.Linear)]
print(json.dumps([[linear.weight.flatten().tolist(), linear.bias.tolist()] for linear in linears]))`;

export interface TorchRun {
  final: Record<string, number>;
  /** Per layer: [weight [out·in], bias [out]]. */
  parameters: number[][][];
}

/** Writes `script` to `dir` and runs its main() under torch: its final JSON line and trained parameters. */
export function runScriptInTorch(dir: string, script: string, name: string): TorchRun {
  // A plain file name that shadows no module (a script named nt.py would hide Python's own `nt`).
  const path = join(dir, `xent_lab_${name}.py`);
  writeFileSync(path, script);
  const lines = runPythonIn(dir, TORCH_PYTHON, ['-c', DRIVER, path]).trim().split('\n');
  return { final: JSON.parse(lines.at(-2) as string), parameters: JSON.parse(lines.at(-1) as string) };
}

/** The trainers a run makes (encoder, then probe), kept so that the test reads their parameters after it. */
export function capturingCpu() {
  const trainers: { trainer: CpuMlp; layout: MlpLayout }[] = [];
  const create = (setup: MlpTrainingSetup) => {
    const trainer = new CpuMlp(setup);
    trainers.push({ trainer, layout: setup.layout });
    return trainer;
  };
  return { trainers, create };
}

export async function expectSameParameters(torch: TorchRun, { trainer, layout }: { trainer: CpuMlp; layout: MlpLayout }, tol: Tolerance) {
  const ours = await trainer.parameters();
  layout.layers.forEach(({ weight, bias }, i) => {
    expectClose(torch.parameters[i][0], ours.subarray(weight.offset, weight.offset + weight.length), tol, weight.name);
    expectClose(torch.parameters[i][1], ours.subarray(bias.offset, bias.offset + bias.length), tol, bias.name);
  });
}

/** Accuracies: a row whose two top logits are within rounding of each other may go either way. */
export function expectAccuracyWithinOneRow(actual: number, expected: number, rows: number, what: string) {
  expect(Math.abs(actual - expected) * rows, `${what}: ${actual} vs ${expected} of ${rows} rows`).toBeLessThanOrEqual(1 + 1e-9);
}
