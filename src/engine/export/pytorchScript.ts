// A runnable PyTorch script (python3 + torch, nothing else) that reproduces an xent-lab run: the same
// prepared data, initial weights, mini-batch order (our PRNG, ported), model, optimizer and loss, in
// float32. A learner reads it to see the run in the framework they know, and the tests run it.
import { ArgumentError, integerInRange } from '../../core/checks';
import type { PreparedData } from '../experiment/prepare';
import { type CrossEntropyExperiment, type Experiment, isContrastive } from '../experiment/schema';
import { initialParameters } from '../model/init';
import { mlpLayout } from '../model/layout';
import { float64Literal, pythonComment, section } from './pythonLiterals';
import { PYTHON_RANDOM, pythonAugmentation } from './pythonRandom';
import { contrastiveData, contrastiveFunctions, contrastiveMain } from './pytorchContrastive';
import { crossEntropyData, crossEntropyMain } from './pytorchCrossEntropy';
import { BETWEEN_DEFINITIONS, pythonModel } from './pytorchParts';

export interface PytorchScriptInput {
  experiment: Experiment;
  /** What prepareData(experiment, …) gave: the script embeds these arrays, so it trains on our bits. */
  data: PreparedData;
}

function describeData(data: Experiment['data']): string {
  if (data.source === 'csv') return `the CSV file ${JSON.stringify(data.file)}`;
  if ('samples' in data) {
    return `${data.source} (${data.classes} classes, ${data.samples} samples, noise ${data.noise}, imbalance ${data.imbalance}:1)`;
  }
  return `the built-in ${data.source} dataset`;
}

function header(experiment: Experiment, widths: number[]): string {
  const { model, optimizer, training, loss } = experiment;
  const objective = loss.mode === 'nt-xent' ? `NT-Xent pre-training (temperature ${loss.temperature})` : 'cross-entropy';
  return `#!/usr/bin/env python3
"""Reproduces an xent-lab run in PyTorch.

Experiment: ${objective} on ${describeData(experiment.data)}, seed ${experiment.seed};
MLP ${widths.join(' -> ')} (${model.activation}), ${optimizer.kind} (lr ${optimizer.lr}), ${training.steps} steps of ${training.batchSize} rows.

The data, the initial weights, the order of the mini-batches, the model, the optimizer and the loss
are xent-lab's: the prepared arrays and initial parameters are written out at the end of this file,
and xent-lab's seeded PRNG (mulberry32) is ported bit for bit, so the batches come in the same order.
PyTorch computes in float32 and xent-lab's CPU reference in float64: the losses agree to several
digits, not bit for bit.

Run it with:  python3 <this file>      (needs Python 3 and PyTorch, nothing else)
The last line printed is JSON with the final batch loss and accuracies.
"""
${pythonComment(`The experiment, as xent-lab's config file holds it:\n${JSON.stringify(experiment, null, 2)}`)}

import json
import math

import torch
import torch.nn as nn${loss.mode === 'nt-xent' ? '\nimport torch.nn.functional as F' : ''}`;
}

function settings(experiment: Experiment): string {
  const { seed, training, loss } = experiment;
  const lines = [
    section('Settings from the experiment'),
    `SEED = ${seed}  # every random choice derives from it, as in xent-lab`,
    `BATCH_SIZE = ${training.batchSize}${loss.mode === 'nt-xent' ? '  # samples per step; a step sees two views of each' : ''}`,
    `STEPS = ${training.steps}`,
    `EVAL_EVERY = ${training.evalEvery}  # print progress every this many steps`,
  ];
  if (loss.mode === 'nt-xent') lines.push(`TEMPERATURE = ${float64Literal(loss.temperature)}`);
  return lines.join('\n');
}

function checkInput({ experiment, data }: PytorchScriptInput): void {
  const { train } = data;
  integerInRange('experiment.training.batchSize', experiment.training.batchSize, 1, train.n, ' (the training rows)');
  if (experiment.loss.mode === 'nt-xent' && experiment.loss.augmentation.kind === 'points' && train.d !== 2) {
    throw new ArgumentError('experiment.loss.augmentation.kind', `'points' augments 2-D data, got ${train.d} features`);
  }
}

export function pytorchScript(input: PytorchScriptInput): string {
  checkInput(input);
  const { experiment, data } = input;
  const { model } = experiment;
  const { train } = data;
  const outputs = isContrastive(experiment) ? experiment.loss.projection : train.classes;
  const layout = mlpLayout({ inputs: train.d, hidden: model.hidden, classes: outputs, activation: model.activation });
  const initial = initialParameters(layout, model.init, experiment.seed);
  const parts = [header(experiment, [train.d, ...model.hidden, outputs]), settings(experiment), PYTHON_RANDOM.trimEnd()];
  if (isContrastive(experiment)) {
    const probeLayout = mlpLayout({ inputs: outputs, hidden: [], classes: train.classes, activation: 'relu' });
    const probe = { layout: probeLayout, initial: initialParameters(probeLayout, 'xavier', experiment.seed) };
    parts.push(
      pythonAugmentation(experiment.loss.augmentation).trimEnd(),
      pythonModel(layout, `the ${outputs}-wide projection`),
      contrastiveFunctions(train.classes, outputs),
      contrastiveMain(experiment),
      `${section('The data: arrays xent-lab prepared')}\n${contrastiveData(experiment, data, { layout, initial }, probe)}`,
    );
  } else {
    const crossEntropy = experiment as CrossEntropyExperiment;
    parts.push(
      pythonModel(layout, `the ${outputs} class logits`),
      crossEntropyMain(crossEntropy, data),
      `${section('The data: arrays xent-lab prepared, exactly as its steps read them')}\n${crossEntropyData(crossEntropy, data, layout, initial)}`,
    );
  }
  parts.push('if __name__ == "__main__":\n    main()');
  return `${parts.join(BETWEEN_DEFINITIONS)}\n`;
}
