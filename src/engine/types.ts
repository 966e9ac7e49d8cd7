// The public engine API: what the app, the tests and the benchmarks call.
import type { CrossEntropyArgs, LogSoftmaxArgs, LossResult, NtXentArgs, NtXentResult } from '../core/types';
import type { BatchedMlpTrainer, BatchedTrainingSetup } from './sweep/types';
import type { MlpTrainer, MlpTrainingSetup } from './train/types';

export type * from '../core/types';
export type BackendName = 'webgpu' | 'cpu';

export interface Engine {
  readonly backend: BackendName;
  /** Human-readable adapter description ('SwiftShader …', 'CPU float64 reference'). */
  readonly adapterName: string;
  /** Why the CPU backend is in use when WebGPU was not asked for explicitly; null otherwise. */
  readonly fallbackReason: string | null;
  crossEntropy(args: CrossEntropyArgs): Promise<LossResult>;
  ntXent(args: NtXentArgs): Promise<NtXentResult>;
  logSoftmax(args: LogSoftmaxArgs): Promise<Float32Array>;
  /** An MLP trainer on this backend: GpuMlp on WebGPU, the float64 CpuMlp on the CPU. */
  createTrainer(setup: MlpTrainingSetup): MlpTrainer;
  /**
   * Many MLPs of one layout trained together (a sweep's runs), where the backend has a batched form
   * (loaded on demand: the page's first load does not carry the sweep's kernels); without it a sweep
   * trains its runs one after another (src/engine/sweep/sweepTrainers.ts).
   */
  loadBatchedTrainer?(): Promise<(setup: BatchedTrainingSetup) => BatchedMlpTrainer>;
  /**
   * For the page's run, where the first step should come at once: on WebGPU a trainer that steps on
   * the CPU reference until the GPU's pipelines have compiled (WarmStartTrainer), when a step of
   * `rows` rows (the batch size it starts with, at most setup.batch) is quick there. Absent: createTrainer.
   */
  createWarmStartTrainer?(setup: MlpTrainingSetup, rows: number): MlpTrainer;
  /** Resolves with the reason if the GPU device is lost (never on the CPU backend). */
  readonly lost: Promise<string>;
  destroy(): void;
}
