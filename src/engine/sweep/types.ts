// What a sweep's trainer offers: many small MLPs of one layout trained on the same batches, each run
// with its own optimizer and loss settings. The GPU form keeps every run's parameters, optimizer
// state and hyperparameters in buffers indexed by run, so a step of the whole sweep is a fixed number
// of dispatches; the CPU form trains run after run.
import type { OptimizerConfig } from '../../core/optimizerConfig';
import type { LossSettings, MlpTrainingSetup } from '../train/types';

/** What may differ between the runs of one batched trainer: nothing that changes a buffer's shape. */
export interface SweepRunSettings {
  optimizer: OptimizerConfig;
  loss: LossSettings;
  /** [layout.length]; omitted means the setup's initialParameters (same start for every run). */
  initialParameters?: Float32Array;
}

/** A batched trainer's setup: one layout, batch and objective; 1..MAX_SWEEP_RUNS runs. */
export interface BatchedTrainingSetup extends Omit<MlpTrainingSetup, 'optimizer' | 'loss'> {
  runs: SweepRunSettings[];
}

/** The most runs one sweep trains (the 8×8 grid). */
export const MAX_SWEEP_RUNS = 64;

export interface BatchedMlpTrainer {
  readonly runCount: number;
  /** One optimisation step of every run on the same batch (x [batch, inputs]; y as MlpTrainer.step). */
  step(x: Float32Array, y?: Int32Array | Float32Array): void;
  /** Each run's batch loss of the last step [runs]. Waits for the GPU. */
  lastLosses(): Promise<Float32Array>;
  /** The same without stalling, or null when too many reads are in flight (skip it). */
  sampleLosses(): Promise<Float32Array> | null;
  /** Logits [runs, rows, classes] of every run for the same rows, in one pass. */
  predictAll(x: Float32Array, rows: number): Promise<Float32Array>;
  /** One run's parameters [layout.length]. */
  parameters(run: number): Promise<Float32Array>;
  destroy(): void;
}
