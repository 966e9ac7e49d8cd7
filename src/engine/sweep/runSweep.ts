// Trains every run of a sweep: group by group (runs of one batch size and seed), all runs of a group
// on one batched trainer, with the same batches and initial weights. Each run is measured every
// evalEvery steps exactly as run.ts measures a single run, and guarded on its own: a run whose loss
// stops being finite is marked diverged at that step and its results stay those of its last finite
// evaluation, while the other runs train on. NT-Xent sweeps train run by run (pre-training, then a probe).

import { countPerClass } from '../data';
import { type Evaluation, evaluate } from '../experiment/evaluate';
import { type DataFiles, prepareData, trainClassWeights } from '../experiment/prepare';
import { lossSettings, optimizerConfig, type TrainerFactory, trainingSetup } from '../experiment/run';
import { runContrastiveExperiment } from '../experiment/runContrastive';
import type { ContrastiveExperiment, CrossEntropyExperiment } from '../experiment/schema';
import { BatchSampler, gatherRows } from '../train/batches';
import { batchLossDiverged, isEmptyBatch } from '../train/emptyBatch';
import type { LossSettings } from '../train/types';
import type { SweepPlan } from './plan';
import type { BatchedTrainerFactory } from './sequentialSweepTrainer';
import { metricOf, rarestClass } from './sweepMetric';

export interface SweepProgress {
  step: number;
  epoch: number;
  batchLoss: number;
  train: Evaluation;
  validation: Evaluation;
  /** The sweep's metric at this step. */
  metric: number;
}

export interface SweepRunResult {
  index: number;
  /** Null until the run's first evaluation; the last finite evaluation after a divergence. */
  final: SweepProgress | null;
  history: SweepProgress[];
  diverged: { step: number; cause: string; rewoundTo: number } | null;
  /** The metric as the grid shows it: the final evaluation's (or the probe's for NT-Xent). */
  metric: number;
}

export interface SweepTrainers {
  /** Trains a group of runs together (GPU batched, or sequentialSweepFactory). */
  batched: BatchedTrainerFactory;
  /** One run's trainer, for NT-Xent sweeps (pre-training has no batched form). */
  single: TrainerFactory;
}

export interface SweepOptions extends DataFiles {
  /** A run's new evaluation. May return a promise (e.g. a frame to paint); training waits for it. */
  onProgress?: (run: number, progress: SweepProgress) => void | Promise<void>;
  /** Checked after every evaluation; true stops the sweep (results so far are returned). */
  shouldStop?: () => boolean;
}

export interface SweepResult {
  runs: SweepRunResult[];
  stopped: boolean;
  /** Steps of all runs together per second. */
  modelStepsPerSecond: number;
}

/** Why a run is diverging at this evaluation, or null (an empty batch's NaN is no reason). */
function divergenceCause(batchLoss: number, emptyBatch: boolean, splitLoss: number, lr: number): string | null {
  if (batchLossDiverged(batchLoss, emptyBatch)) return `the training loss became ${batchLoss} (try a smaller learning rate than ${lr})`;
  if (!Number.isFinite(splitLoss)) return `the loss on the training split became ${splitLoss} (try a smaller learning rate than ${lr})`;
  return null;
}

export async function runSweep(plan: SweepPlan, trainers: SweepTrainers, options: SweepOptions): Promise<SweepResult> {
  const results: SweepRunResult[] = plan.runs.map((run) => ({
    index: run.index,
    final: null,
    history: [],
    diverged: null,
    metric: Number.NaN,
  }));
  const started = performance.now();
  let modelSteps = 0;
  let stopped = false;
  for (const group of plan.groups) {
    if (stopped) break;
    const trained =
      plan.runs[group[0]].experiment.loss.mode === 'nt-xent'
        ? await contrastiveGroup(plan, group, trainers.single, results, options)
        : await crossEntropyGroup(plan, group, trainers.batched, results, options);
    modelSteps += trained.modelSteps;
    stopped = trained.stopped;
  }
  return { runs: results, stopped, modelStepsPerSecond: modelSteps / ((performance.now() - started) / 1000) };
}

async function crossEntropyGroup(
  plan: SweepPlan,
  group: number[],
  createBatched: BatchedTrainerFactory,
  results: SweepRunResult[],
  options: SweepOptions,
): Promise<{ modelSteps: number; stopped: boolean }> {
  const experiments = group.map((i) => plan.runs[i].experiment as CrossEntropyExperiment);
  const first = experiments[0];
  // Data, split, masking and initial weights depend only on what the group shares (seed, data, batch size).
  const data = await prepareData(first, options);
  const { train, validation, trainInputs, trainTargets } = data;
  const losses: LossSettings[] = experiments.map((e) => lossSettings(e, trainClassWeights(e, train)));
  const setup = trainingSetup(first, train.d, train.classes, data.classWeights);
  const trainer = createBatched({
    ...setup,
    runs: experiments.map((e, r) => ({ optimizer: optimizerConfig(e.optimizer), loss: losses[r] })),
  });
  const { steps, evalEvery, batchSize } = first.training;
  const sampler = new BatchSampler(train.n, batchSize, first.seed + 3);
  const x = new Float32Array(batchSize * train.d);
  const soft = trainTargets instanceof Float32Array;
  const targetWidth = soft ? train.classes : 1;
  const y = soft ? new Float32Array(batchSize * targetWidth) : new Int32Array(batchSize);
  const trainLabels = soft ? train.labels : trainTargets;
  const minority = rarestClass(countPerClass(train.labels, train.classes));
  const metric = plan.sweep.metric;
  const live = new Set(group.map((_, r) => r));
  let step = 0;
  let stopped = false;
  try {
    while (step < steps && live.size > 0) {
      const rows = sampler.next();
      const targets = gatherRows(trainTargets, targetWidth, rows, y.subarray(0, rows.length * targetWidth));
      trainer.step(gatherRows(trainInputs, train.d, rows, x.subarray(0, rows.length * train.d)), targets);
      step++;
      if (step % evalEvery !== 0 && step !== steps) continue;
      const batchLosses = await trainer.lastLosses();
      const trainLogits = await trainer.predictAll(train.features, train.n);
      const validationLogits = await trainer.predictAll(validation.features, validation.n);
      for (const r of [...live]) {
        const result = results[group[r]];
        const at = (logits: Float32Array, n: number) => logits.subarray(r * n * train.classes, (r + 1) * n * train.classes);
        const progress: SweepProgress = {
          step,
          epoch: sampler.epoch,
          batchLoss: batchLosses[r],
          train: evaluate(at(trainLogits, train.n), trainLabels, train.classes, losses[r]),
          validation: evaluate(at(validationLogits, validation.n), validation.labels, train.classes, losses[r]),
          metric: 0,
        };
        progress.metric = metricOf(metric, progress.validation, minority);
        const empty = isEmptyBatch(targets, losses[r]);
        const cause = divergenceCause(progress.batchLoss, empty, progress.train.loss, experiments[r].optimizer.lr);
        if (cause) {
          // The batched trainer cannot rewind one run: it trains on unseen, and its results stay at the last finite evaluation.
          result.diverged = { step, cause, rewoundTo: result.final?.step ?? 0 };
          live.delete(r);
          continue;
        }
        result.history.push(progress);
        result.final = progress;
        result.metric = progress.metric;
        await options.onProgress?.(group[r], progress);
      }
      if (options.shouldStop?.()) {
        stopped = true;
        break;
      }
    }
  } finally {
    trainer.destroy();
  }
  return { modelSteps: step * group.length, stopped };
}

async function contrastiveGroup(
  plan: SweepPlan,
  group: number[],
  createTrainer: TrainerFactory,
  results: SweepRunResult[],
  options: SweepOptions,
): Promise<{ modelSteps: number; stopped: boolean }> {
  let modelSteps = 0;
  for (const index of group) {
    const experiment = plan.runs[index].experiment as ContrastiveExperiment;
    const run = await runContrastiveExperiment(experiment, createTrainer, options);
    results[index].metric = run.probeAccuracy;
    modelSteps += experiment.training.steps;
    if (options.shouldStop?.()) return { modelSteps, stopped: true };
  }
  return { modelSteps, stopped: false };
}
