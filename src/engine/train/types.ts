// What a training backend needs and offers, shared by the GPU trainer and its float64 reference.

import { ArgumentError, argumentsObject, describeValue, finiteNumber, int32, integerInRange } from '../../core/checks';
import type { OptimizerConfig } from '../../core/optimizerConfig';
import type { Reduction, TargetKind } from '../../core/types';
import { classWeights, MIN_TEMPERATURE, reduction, smoothing } from '../../core/validate';
import type { MlpLayout } from '../model/layout';

/** What the network's outputs feed: class logits for cross-entropy, or embeddings for NT-Xent. */
export type Objective = 'cross-entropy' | 'nt-xent';

export interface LossSettings {
  /** [classes], any finite number (as PyTorch); omitted means uniform. */
  classWeights?: Float32Array;
  labelSmoothing: number;
  reduction: Reduction;
  ignoreIndex: number;
  /** NT-Xent's τ > 0 (the contrastive objective only). */
  temperature?: number;
}

export interface MlpTrainingSetup {
  layout: MlpLayout;
  /** Rows per step, and the most that setBatchSize() may ask for later (buffers are sized once). */
  batch: number;
  /** Class indices (Int32Array [batch]) or probabilities (Float32Array [batch, classes]) per step. */
  targetKind: TargetKind;
  /**
   * Default 'cross-entropy'. With 'nt-xent' the output layer is the projection (classes = its width),
   * a batch holds two views (row i and row i + batch/2 are a positive pair) and steps take no targets.
   */
  objective?: Objective;
  /** [layout.length], e.g. from initialParameters(); padding entries must be 0. */
  initialParameters: Float32Array;
  optimizer: OptimizerConfig;
  loss: LossSettings;
}

/** Which backend takes a warm-start trainer's steps: the CPU while the GPU warms up, the GPU after, or the CPU for good (warm-up failed). */
export type SteppingBackend = 'cpu-warmup' | 'webgpu' | 'cpu';

/** One backend's trainer: the same calls on the GPU and on the float64 CPU reference. */
export interface MlpTrainer {
  /** Only a trainer that can change backend mid-run says which one steps (WarmStartTrainer). */
  readonly stepping?: SteppingBackend;
  /** One optimisation step: x [batch, inputs]; y [batch] class indices (or ignoreIndex), or [batch, classes] probabilities. */
  step(x: Float32Array, y?: Int32Array | Float32Array): void;
  /** The batch loss of the last step, as the loss settings reduce it. Waits for the GPU. */
  lastLoss(): Promise<number>;
  /**
   * The same value without stalling: it resolves later while steps go on, or is null when too many
   * samples are still in flight (skip it). For metrics every k steps in a loop that must not wait.
   */
  sampleLoss(): Promise<number> | null;
  /** ‖∂L/∂θ‖₂ of the last step's gradient (all parameters). Waits for the GPU. */
  lastGradientNorm(): Promise<number>;
  /** Logits [rows, classes] for any number of rows, with the current parameters. */
  predict(x: Float32Array, rows: number): Promise<Float32Array>;
  parameters(): Promise<Float32Array>;
  /** Replaces the parameters (e.g. a rewind to a checkpoint) and starts the optimizer state afresh. */
  loadParameters(parameters: Float32Array): void;
  setLoss(loss: LossSettings): void;
  setOptimizer(optimizer: OptimizerConfig): void;
  /** Rows per step from now on, up to the setup's batch; parameters and optimizer state are kept. */
  setBatchSize(rows: number): void;
  destroy(): void;
}

/** τ of the contrastive objective, checked: the trainers read it through here. */
export function contrastiveTemperature(loss: LossSettings): number {
  return finiteNumber('temperature', loss.temperature, { min: MIN_TEMPERATURE }, ' for the nt-xent objective');
}

/** A batch size the trainer can switch to: within its buffers, and even for NT-Xent's two views. */
export function checkBatchSize(rows: number, setup: MlpTrainingSetup): number {
  const pairs = setup.objective === 'nt-xent';
  integerInRange('batchSize', rows, pairs ? 2 : 1, setup.batch, " (the trainer's capacity)");
  if (pairs && rows % 2 !== 0) throw new ArgumentError('batchSize', `must be even for nt-xent (two views of each sample), got ${rows}`);
  return rows;
}

/**
 * A trainer's setup, checked by name before anything is built: undefined, null or a field of the
 * wrong kind is an ArgumentError naming it, never a TypeError from deep inside.
 */
export function checkTrainingSetup(setup: MlpTrainingSetup): MlpTrainingSetup {
  argumentsObject('setup', setup, 'training settings { layout, batch, targetKind, initialParameters, optimizer, loss }');
  argumentsObject('layout', setup.layout, 'an MLP layout (from mlpLayout())');
  if (!Array.isArray(setup.layout.layers) || typeof setup.layout.length !== 'number') {
    throw new ArgumentError('layout', 'must be an MLP layout from mlpLayout(), with layers and length');
  }
  if (setup.objective !== undefined && setup.objective !== 'cross-entropy' && setup.objective !== 'nt-xent') {
    throw new ArgumentError('objective', `must be 'cross-entropy' or 'nt-xent', got ${describeValue(setup.objective)}`);
  }
  const pairs = setup.objective === 'nt-xent';
  integerInRange('batch', setup.batch, pairs ? 2 : 1);
  if (pairs && setup.batch % 2 !== 0)
    throw new ArgumentError('batch', `must be even for nt-xent (two views of each sample), got ${setup.batch}`);
  if (setup.targetKind !== 'index' && setup.targetKind !== 'probs') {
    throw new ArgumentError('targetKind', `must be 'index' or 'probs', got ${describeValue(setup.targetKind)}`);
  }
  const parameters = setup.initialParameters;
  if (!(parameters instanceof Float32Array) || parameters.length !== setup.layout.length) {
    throw new ArgumentError(
      'initialParameters',
      `must be a Float32Array of the layout's ${setup.layout.length} floats, got ${describeValue(parameters)}`,
    );
  }
  argumentsObject('optimizer', setup.optimizer, "optimizer settings { kind: 'sgd' | 'adam' | 'adamw', lr, … }");
  return setup;
}

/** The loss settings a trainer takes (at creation and in setLoss), each field checked by name. */
export function checkLossSettings(loss: LossSettings, setup: MlpTrainingSetup): LossSettings {
  if (typeof loss !== 'object' || loss === null)
    throw new ArgumentError('loss', `must be an object of loss settings, got ${describeValue(loss)}`);
  reduction(loss.reduction);
  if (setup.objective === 'nt-xent') {
    contrastiveTemperature(loss);
    return loss;
  }
  smoothing('labelSmoothing', loss.labelSmoothing);
  int32('ignoreIndex', loss.ignoreIndex);
  if (loss.classWeights !== undefined) classWeights('classWeights', loss.classWeights, setup.layout.config.classes);
  return loss;
}
