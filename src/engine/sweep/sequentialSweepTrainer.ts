// The batched-trainer contract kept by one MlpTrainer per run, trained one after another on the same
// batch: the CPU backend's sweep (the GPU's is BatchedGpuMlp). Each run is the
// very trainer a single run would use, so a sweep's run matches that run trained alone exactly.
import { ArgumentError } from '../../core/checks';
import type { TrainerFactory } from '../experiment/run';
import type { MlpTrainer } from '../train/types';
import { type BatchedMlpTrainer, type BatchedTrainingSetup, MAX_SWEEP_RUNS } from './types';

export type BatchedTrainerFactory = (setup: BatchedTrainingSetup) => BatchedMlpTrainer;

export class SequentialSweepTrainer implements BatchedMlpTrainer {
  private readonly trainers: MlpTrainer[];

  constructor(setup: BatchedTrainingSetup, createTrainer: TrainerFactory) {
    const count = setup.runs?.length;
    if (!Number.isInteger(count) || count < 1 || count > MAX_SWEEP_RUNS) {
      throw new ArgumentError('runs', `must hold 1 to ${MAX_SWEEP_RUNS} runs, got ${count}`);
    }
    const { runs, ...shared } = setup;
    this.trainers = [];
    try {
      for (const run of runs) {
        this.trainers.push(
          createTrainer({
            ...shared,
            optimizer: run.optimizer,
            loss: run.loss,
            initialParameters: run.initialParameters ?? shared.initialParameters,
          }),
        );
      }
    } catch (error) {
      this.destroy();
      throw error;
    }
  }

  get runCount(): number {
    return this.trainers.length;
  }

  /** Rows per step from now on, for every run (as MlpTrainer.setBatchSize). */
  setBatchSize(rows: number): void {
    for (const trainer of this.trainers) trainer.setBatchSize(rows);
  }

  step(x: Float32Array, y?: Int32Array | Float32Array): void {
    for (const trainer of this.trainers) trainer.step(x, y);
  }

  async lastLosses(): Promise<Float32Array> {
    return Float32Array.from(await Promise.all(this.trainers.map((t) => t.lastLoss())));
  }

  sampleLosses(): Promise<Float32Array> | null {
    const samples = this.trainers.map((t) => t.sampleLoss());
    if (samples.some((s) => s === null)) return null;
    return Promise.all(samples as Promise<number>[]).then((losses) => Float32Array.from(losses));
  }

  /** Each run's ‖∂L/∂θ‖₂ of the last step [runs] (the batched GPU form does not offer it). */
  async lastGradientNorms(): Promise<Float32Array> {
    return Float32Array.from(await Promise.all(this.trainers.map((t) => t.lastGradientNorm())));
  }

  async predictAll(x: Float32Array, rows: number): Promise<Float32Array> {
    const parts = await Promise.all(this.trainers.map((t) => t.predict(x, rows)));
    const out = new Float32Array(parts.reduce((n, p) => n + p.length, 0));
    let at = 0;
    for (const part of parts) {
      out.set(part, at);
      at += part.length;
    }
    return out;
  }

  parameters(run: number): Promise<Float32Array> {
    return this.trainer(run).parameters();
  }

  private trainer(run: number): MlpTrainer {
    const trainer = this.trainers[run];
    if (!Number.isInteger(run) || !trainer)
      throw new ArgumentError('run', `must be an integer from 0 to ${this.trainers.length - 1}, got ${run}`);
    return trainer;
  }

  destroy(): void {
    for (const trainer of this.trainers) trainer.destroy();
    this.trainers.length = 0;
  }
}

/** A BatchedTrainerFactory training run after run on `createTrainer`'s trainers. */
export const sequentialSweepFactory =
  (createTrainer: TrainerFactory): BatchedTrainerFactory =>
  (setup) =>
    new SequentialSweepTrainer(setup, createTrainer);
