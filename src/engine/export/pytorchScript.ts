// A runnable PyTorch script (python3 + torch, nothing else) that reproduces an xent-lab run: the same
// prepared data, initial weights, mini-batch order (our PRNG, ported), model, optimizer and loss, in
// float32. A learner reads it to see the run in the framework they know, and the tests run it.
import { ArgumentError, integerInRange } from '../../core/checks';
import type { PreparedData } from '../experiment/prepare';
import { RANGES } from '../experiment/ranges';
import { type CrossEntropyExperiment, type Experiment, isContrastive } from '../experiment/schema';
import { initialParameters } from '../model/init';
import { mlpLayout } from '../model/layout';
import { HISTORY_COLUMN_NAMES } from './historyCsv';
import { PackedArrays, PYTHON_UNPACK_IMPORTS, pythonUnpack } from './packedArrays';
import { float64Literal, pythonComment, section } from './pythonLiterals';
import { PYTHON_RANDOM, pythonAugmentation } from './pythonRandom';
import { type ChangesInScript, changesInScript } from './pytorchChanges';
import { contrastiveData, contrastiveFunctions, contrastiveMain } from './pytorchContrastive';
import { crossEntropyData, crossEntropyMain, PYTHON_EVALUATE } from './pytorchCrossEntropy';
import { BETWEEN_DEFINITIONS, describeOptimizer, pythonModel } from './pytorchParts';

export interface PytorchScriptInput {
  experiment: Experiment;
  /** What prepareData(experiment, …) gave: the script embeds these arrays, so it trains on our bits. */
  data: PreparedData;
  /** The steps trained, the script's --steps default; default experiment.training.steps (a headless run). */
  steps?: number;
  /**
   * The steps at which the page measured (its history), so that the script prints its metrics at the
   * same steps; default every training.evalEvery steps, as the headless runner measures.
   */
  measuredSteps?: readonly number[];
}

function describeData(data: Experiment['data']): string {
  if (data.source === 'csv') return `the CSV file ${JSON.stringify(data.file)}`;
  if ('samples' in data) {
    return `${data.source} (${data.classes} classes, ${data.samples} samples, noise ${data.noise}, imbalance ${data.imbalance}:1)`;
  }
  return `the built-in ${data.source} dataset`;
}

function describeLoss(loss: Experiment['loss'], classWeights: Float32Array): string {
  if (loss.mode === 'nt-xent') return `NT-Xent pre-training (temperature ${loss.temperature})`;
  const weights = Array.from(classWeights, (w) => Number(w.toPrecision(4))).join(', ');
  return `cross-entropy (class weights ${loss.classWeights.kind} [${weights}], label smoothing ${loss.labelSmoothing}, reduction '${loss.reduction}')`;
}

function header(
  experiment: Experiment,
  data: PreparedData,
  widths: number[],
  steps: number,
  changes: ChangesInScript,
  packed: boolean,
): string {
  const { model, optimizer, training, loss } = experiment;
  const imports = ['argparse', 'json', 'math', ...(packed ? PYTHON_UNPACK_IMPORTS : [])].sort();
  const objective = describeLoss(loss, data.classWeights);
  return `#!/usr/bin/env python3
"""Reproduces an xent-lab run in PyTorch.

Experiment: ${objective} on ${describeData(experiment.data)}, seed ${experiment.seed};
MLP ${widths.join(' -> ')} (${model.activation}), ${describeOptimizer(optimizer)}, ${steps} steps of ${training.batchSize} rows.${changes.header}

The data, the initial weights, the order of the mini-batches, the model, the optimizer and the loss
are xent-lab's: the prepared arrays and initial parameters are written out at the end of this file${packed ? '\n(the large ones packed as compressed float32 bytes: see unpack_float32 there)' : ''},
and xent-lab's seeded PRNG (mulberry32) is ported bit for bit, so the batches come in the same order.
PyTorch computes in float32 and xent-lab's CPU reference in float64: the losses agree to several
digits, not bit for bit.

Run it with:  python3 <this file> [--steps N]      (needs Python 3 and PyTorch, nothing else)
--steps defaults to the ${steps} steps trained.${
    loss.mode === 'cross-entropy'
      ? `
It prints xent-lab's history CSV (the columns of "History as CSV", one row per measured step), to
compare line by line with the page's, and last a JSON line with the final row.`
      : `
The last line printed is JSON with the final loss, the embedding statistics and the probe's accuracy.`
  }
"""
${pythonComment(`The experiment, as xent-lab's config file holds it:\n${JSON.stringify(experiment, null, 2)}`)}

${imports.map((module) => `import ${module}`).join('\n')}

import torch
import torch.nn as nn
import torch.nn.functional as F`;
}

function settings({ experiment, steps, measuredSteps }: Required<Pick<PytorchScriptInput, 'steps'>> & PytorchScriptInput): string {
  const { seed, training, loss } = experiment;
  const lines = [
    section('Settings from the experiment (at step 0)'),
    `SEED = ${seed}  # every random choice derives from it, as in xent-lab`,
    `BATCH_SIZE = ${training.batchSize}${loss.mode === 'nt-xent' ? '  # samples per step; a step sees two views of each' : ''}`,
    `STEPS = ${steps}  # the steps trained`,
    `EVAL_EVERY = ${training.evalEvery}  # print progress every this many steps`,
  ];
  if (loss.mode === 'nt-xent') lines.push(`TEMPERATURE = ${float64Literal(loss.temperature)}`);
  else {
    const at =
      measuredSteps === undefined
        ? 'None  # every EVAL_EVERY steps, and the last'
        : `{${measuredSteps.join(', ')}}  # where the page measured, and the last step`;
    lines.push(`MEASURE_AT = ${at}`, `HISTORY_COLUMNS = [${HISTORY_COLUMN_NAMES.map((c) => `"${c}"`).join(', ')}]`);
  }
  return lines.join('\n');
}

const MAIN = `if __name__ == "__main__":
    arguments = argparse.ArgumentParser(description="Replays an xent-lab run in PyTorch.")
    arguments.add_argument("--steps", type=int, default=STEPS, help=f"steps to train (default {STEPS}, as trained)")
    main(arguments.parse_args().steps)`;

function checkInput({ experiment, data, steps, measuredSteps }: PytorchScriptInput): void {
  const { train } = data;
  if (steps !== undefined) integerInRange('steps', steps, 1, RANGES.steps.max, ' (the steps trained)');
  for (const [i, step] of (measuredSteps ?? []).entries()) integerInRange(`measuredSteps[${i}]`, step, 0, RANGES.steps.max);
  integerInRange('experiment.training.batchSize', experiment.training.batchSize, 1, train.n, ' (the training rows)');
  for (const [i, change] of (experiment.changes ?? []).entries()) {
    if (change.batchSize !== undefined)
      integerInRange(`experiment.changes[${i}].batchSize`, change.batchSize, 1, train.n, ' (the training rows)');
  }
  if (experiment.loss.mode === 'nt-xent' && experiment.loss.augmentation.kind === 'points' && train.d !== 2) {
    throw new ArgumentError('experiment.loss.augmentation.kind', `'points' augments 2-D data, got ${train.d} features`);
  }
}

/** The model's layout and initial parameters (and the probe's, for NT-Xent), and the live changes as script pieces. */
function scriptModel(experiment: Experiment, data: PreparedData) {
  const { model, seed } = experiment;
  const { train } = data;
  const contrastive = isContrastive(experiment);
  const outputs = contrastive ? experiment.loss.projection : train.classes;
  const layout = mlpLayout({ inputs: train.d, hidden: model.hidden, classes: outputs, activation: model.activation });
  const probeLayout = mlpLayout({ inputs: outputs, hidden: [], classes: train.classes, activation: 'relu' });
  const changes = changesInScript(
    experiment,
    data,
    contrastive ? 'encoder.parameters()' : 'model.parameters()',
    `SEED + ${contrastive ? 1 : 3}`,
  );
  return {
    outputs,
    layout,
    initial: initialParameters(layout, model.init, seed),
    probe: { layout: probeLayout, initial: initialParameters(probeLayout, 'xavier', seed) },
    changes,
  };
}

/**
 * The arrays the script's data section defines, one '# why\nNAME = …' each, in order: what a sweep's
 * script compares between its groups (pytorchSweep.ts). Checks the input as pytorchScript does.
 * With `packed`, arrays over LITERAL_LIMIT values are packed (packedArrays.ts).
 */
export function scriptDataParts(experiment: Experiment, data: PreparedData, packed?: PackedArrays): string[] {
  checkInput({ experiment, data });
  const { layout, initial, probe, changes } = scriptModel(experiment, data);
  if (isContrastive(experiment)) return contrastiveData(experiment, data, { layout, initial }, probe, packed);
  return crossEntropyData(experiment as CrossEntropyExperiment, data, layout, initial, changes, packed);
}

/**
 * The script with every array as decimal literals, however large. pytorchScriptPacked is what a user
 * downloads: it packs the large arrays (the MNIST preset's 37.5 MB of decimals become ~4 MB).
 */
export function pytorchScript(input: PytorchScriptInput): string {
  return writeScript(input);
}

/** The script with arrays over LITERAL_LIMIT values packed (packedArrays.ts), the rest as literals. */
export async function pytorchScriptPacked(input: PytorchScriptInput): Promise<string> {
  const packed = new PackedArrays();
  return packed.fill(pytorchScriptBeforePacking(input, packed));
}

/**
 * The script with a token where each array over LITERAL_LIMIT values goes, for a caller that edits the
 * text before `packed.fill()` puts the packed blocks in (a sweep's script, pytorchSweep.ts).
 */
export function pytorchScriptBeforePacking(input: PytorchScriptInput, packed: PackedArrays): string {
  return writeScript(input, packed);
}

function writeScript(input: PytorchScriptInput, packed?: PackedArrays): string {
  checkInput(input);
  const { experiment, data } = input;
  const steps = input.steps ?? experiment.training.steps;
  const { train } = data;
  const { outputs, layout, changes } = scriptModel(experiment, data);
  // The data first: the header's imports and unpack_float32() are there only when an array was packed.
  const dataParts = scriptDataParts(experiment, data, packed).join('\n\n');
  const packedNames = packed?.names ?? [];
  const unpack = packedNames.length > 0 ? `${pythonUnpack(packedNames)}${BETWEEN_DEFINITIONS}` : '';
  const parts = [
    header(experiment, data, [train.d, ...experiment.model.hidden, outputs], steps, changes, packedNames.length > 0),
    settings({ ...input, steps }),
    PYTHON_RANDOM.trimEnd(),
  ];
  if (isContrastive(experiment)) {
    parts.push(
      pythonAugmentation(experiment.loss.augmentation).trimEnd(),
      pythonModel(layout, `the ${outputs}-wide projection`),
      contrastiveFunctions(train.classes, outputs),
      contrastiveMain(experiment, changes),
      `${section('The data: arrays xent-lab prepared')}\n${unpack}${dataParts}`,
    );
  } else {
    const crossEntropy = experiment as CrossEntropyExperiment;
    parts.push(
      pythonModel(layout, `the ${outputs} class logits`),
      PYTHON_EVALUATE,
      crossEntropyMain(crossEntropy, data, changes),
      `${section('The data: arrays xent-lab prepared, exactly as its steps read them')}\n${unpack}${dataParts}`,
    );
  }
  parts.push(MAIN);
  return `${parts.join(BETWEEN_DEFINITIONS)}\n`;
}
