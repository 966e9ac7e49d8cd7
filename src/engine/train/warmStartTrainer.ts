// The page's first steps without waiting for the GPU: training starts on the float64 CPU reference at
// once while the GPU trainer compiles its pipelines (seconds on SwiftShader), and moves to the GPU
// between two steps once a throwaway step there has run. Parameters, the optimizer's state (Adam's
// m, v and t, or SGD's momentum) and the settings changed meanwhile move across, so the run goes on
// as one: the same step count, the same curve, the next update the one torch.optim would take.
import type { OptimizerConfig, OptimizerState } from '../../core/optimizerConfig';
import { CpuMlp } from './cpuMlp';
import { TrainerDestroyedError } from './trainerLifetime';
import type { LossSettings, MlpTrainer, MlpTrainingSetup, SteppingBackend } from './types';

/** A GPU trainer the run can move to: it takes over the CPU's optimizer state as well as its parameters. */
export interface HandoffTarget extends MlpTrainer {
  loadOptimizerState(state: OptimizerState): void;
}

/**
 * Steps of at most this many multiply-adds start on the CPU: at the reference's ~0.25 GMAC/s
 * (src/engine/experiment/workEstimate.ts) that is 8 ms, so a frame keeps within its 16.7 ms. Larger
 * runs wait for the GPU as before (the default preset's step is 8.5·10⁵).
 */
export const WARM_START_STEP_MACS = 2e6;

const LABEL = 'WarmStartTrainer';

/**
 * Multiply-adds of one training step of `rows` rows (forward and a backward of twice that), as
 * workEstimate counts them. The setup's batch is the buffers' capacity, often far above the batch size.
 */
export function setupStepMacs(setup: MlpTrainingSetup, rows: number): number {
  const perRow = setup.layout.layers.reduce((sum, layer) => sum + layer.inputs * layer.outputs, 0);
  const similarity = setup.objective === 'nt-xent' ? rows * rows * setup.layout.config.classes : 0;
  return 3 * perRow * rows + 2 * similarity;
}

export class WarmStartTrainer implements MlpTrainer {
  private readonly cpu: CpuMlp;
  /** Warmed up and waiting for the next step to take over. */
  private ready: HandoffTarget | null = null;
  /** Stepping since the handoff. */
  private gpu: HandoffTarget | null = null;
  private destroyed = false;
  /** The settings in force, so that the GPU trainer takes those changed during the warm-up. */
  private loss: LossSettings;
  private optimizer: OptimizerConfig;
  private rows: number;
  /** Why the GPU never took over (its compile or warm-up step failed): the run stays on the CPU. */
  warmUpError: string | null = null;
  /** Settles once the GPU trainer is ready, or the warm-up failed or was abandoned. */
  readonly warmedUp: Promise<void>;

  constructor(
    private readonly setup: MlpTrainingSetup,
    createGpu: () => Promise<HandoffTarget>,
  ) {
    this.cpu = new CpuMlp(setup);
    this.loss = setup.loss;
    this.optimizer = setup.optimizer;
    this.rows = setup.batch;
    this.warmedUp = this.warmUp(createGpu);
  }

  get stepping(): SteppingBackend {
    if (this.gpu) return 'webgpu';
    return this.warmUpError === null ? 'cpu-warmup' : 'cpu';
  }

  /** The trainer stepping now; after destroy() every call is refused by name, as GpuMlp's are. */
  private active(method: string): MlpTrainer {
    if (this.destroyed) throw new TrainerDestroyedError(LABEL, method);
    return this.gpu ?? this.cpu;
  }

  /** An async call: refused with a rejection, not a throw, after destroy(). */
  private read<T>(method: string, call: (trainer: MlpTrainer) => Promise<T>): Promise<T> {
    if (this.destroyed) return Promise.reject(new TrainerDestroyedError(LABEL, method));
    return call(this.gpu ?? this.cpu);
  }

  get isDestroyed(): boolean {
    return this.destroyed;
  }

  private async warmUp(createGpu: () => Promise<HandoffTarget>): Promise<void> {
    let gpu: HandoffTarget | null = null;
    try {
      gpu = await createGpu();
      if (this.destroyed) return;
      // A throwaway step at the current settings: whatever the first real step would compile (the
      // loss head's and optimizer's pipelines) compiles now, and lastLoss waits until it has run.
      // Its parameters and optimizer state are overwritten at the handoff.
      gpu.setLoss(this.loss);
      gpu.setBatchSize(this.rows);
      const { inputs, classes } = this.setup.layout.config;
      const x = new Float32Array(this.rows * inputs);
      const y =
        this.setup.objective === 'nt-xent'
          ? undefined
          : this.setup.targetKind === 'index'
            ? new Int32Array(this.rows)
            : new Float32Array(this.rows * classes);
      gpu.step(x, y);
      await gpu.lastLoss();
      if (this.destroyed) return;
      this.ready = gpu;
      gpu = null;
    } catch (error) {
      if (!this.destroyed) this.warmUpError = error instanceof Error ? error.message : String(error);
    } finally {
      gpu?.destroy(); // not taken over: abandoned (destroyed meanwhile) or failed
    }
  }

  /** Between two steps, so that no step is half on one backend: parameters, optimizer state and settings move. */
  private handOff(gpu: HandoffTarget): void {
    const { parameters, optimizer } = this.cpu.exportState();
    gpu.setOptimizer(this.optimizer);
    gpu.setLoss(this.loss);
    gpu.setBatchSize(this.rows);
    gpu.loadParameters(parameters); // clears the optimizer state, which the next line replaces
    gpu.loadOptimizerState(optimizer);
    this.gpu = gpu;
    this.ready = null;
    this.cpu.destroy();
  }

  step(x: Float32Array, y?: Int32Array | Float32Array): void {
    if (this.ready) this.handOff(this.ready);
    this.active('step').step(x, y);
  }

  lastLoss(): Promise<number> {
    return this.read('lastLoss', (t) => t.lastLoss());
  }

  sampleLoss(): Promise<number> | null {
    if (this.destroyed) return Promise.reject(new TrainerDestroyedError(LABEL, 'sampleLoss'));
    return (this.gpu ?? this.cpu).sampleLoss();
  }

  lastGradientNorm(): Promise<number> {
    return this.read('lastGradientNorm', (t) => t.lastGradientNorm());
  }

  predict(x: Float32Array, rows: number): Promise<Float32Array> {
    return this.read('predict', (t) => t.predict(x, rows));
  }

  parameters(): Promise<Float32Array> {
    return this.read('parameters', (t) => t.parameters());
  }

  loadParameters(parameters: Float32Array): void {
    this.active('loadParameters').loadParameters(parameters);
  }

  setLoss(loss: LossSettings): void {
    this.active('setLoss').setLoss(loss);
    this.loss = loss;
  }

  setOptimizer(optimizer: OptimizerConfig): void {
    this.active('setOptimizer').setOptimizer(optimizer);
    this.optimizer = optimizer;
  }

  setBatchSize(rows: number): void {
    this.active('setBatchSize').setBatchSize(rows);
    this.rows = rows;
  }

  /** Destroys both trainers; a GPU trainer still compiling is destroyed as soon as it exists (warmUp). */
  async destroy(): Promise<void> {
    if (this.destroyed) return;
    this.destroyed = true;
    this.cpu.destroy();
    const gpu = this.gpu ?? this.ready;
    this.gpu = null;
    this.ready = null;
    await gpu?.destroy();
  }
}
