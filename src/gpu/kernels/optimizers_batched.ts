// Every run's optimizer step in one dispatch (shaders/optimizers_batched.wgsl): torch.optim's SGD,
// Adam and AdamW, a rule and hyperparameters per run held in a storage buffer [R], so that a run's
// lr (or its rule) changes by a buffer write. Shapes: R runs, L floats per run (a multiple of 4);
// params, grads and the state buffers (made here) are [R, L]. Reference: each run is
// src/gpu/kernels/optimizers.ts on its slice, with the same scalars (formed in float64 here).
import source from '../../../shaders/optimizers_batched.wgsl?raw';
import { integerInRange } from '../../core/checks';
import {
  adamBiasCorrection,
  type OptimizerConfig,
  type OptimizerHyperparameters,
  resolveOptimizerConfig,
} from '../../core/optimizerConfig';
import { createStorageBuffer, createUniformBuffer } from '../buffers';
import { rowGrid, WORKGROUP_SIZE } from '../dispatch';
import { bindGroup, computePipeline } from '../pipelines';

/** Floats per run in the hyperparameter buffer: RunHyperparameters' 16 four-byte fields. */
const FIELDS = 16;

export interface OptimizerBatchedBuffers {
  params: GPUBuffer; // [R, L], updated in place
  grads: GPUBuffer; // [R, L], read only
}

export class OptimizerBatched {
  readonly momentumBuffer: GPUBuffer;
  readonly expAvg: GPUBuffer;
  readonly expAvgSq: GPUBuffer;
  private readonly hyperBuffer: GPUBuffer;
  private readonly countBuffer: GPUBuffer;
  private readonly pipeline: GPUComputePipeline;
  private readonly group: GPUBindGroup;
  private readonly grid: [number, number];
  private readonly hyperparameters: OptimizerHyperparameters[];
  /** Per run: PyTorch makes SGD's momentum buffer on the first step with μ ≠ 0. */
  private readonly momentumStarted: boolean[];
  /** The packed hyperparameters, rewritten each step (t advances): one ArrayBuffer, made once. */
  private readonly packed: ArrayBuffer;
  private readonly packedU32: Uint32Array;
  private readonly packedF32: Float32Array;
  private stepsTaken = 0;

  constructor(
    private readonly device: GPUDevice,
    readonly runs: number,
    readonly length: number,
    buffers: OptimizerBatchedBuffers,
    configs: OptimizerConfig[],
    readonly label = 'OptimizerBatched',
  ) {
    this.hyperparameters = configs.map((config) => resolveOptimizerConfig(config));
    this.momentumStarted = configs.map(() => false);
    const state = (name: string) => createStorageBuffer(device, `${label}.${name}`, runs * length * 4);
    // Every rule's state for every run: a run may switch rule between steps without a new buffer.
    this.momentumBuffer = state('momentumBuffer');
    this.expAvg = state('expAvg');
    this.expAvgSq = state('expAvgSq');
    this.hyperBuffer = createStorageBuffer(device, `${label}.hyperparameters`, runs * FIELDS * 4);
    this.countBuffer = createUniformBuffer(device, `${label}.count`, 16);
    device.queue.writeBuffer(this.countBuffer, 0, new Uint32Array([length / 4, 0, 0, 0]));
    this.pipeline = computePipeline(device, {
      family: 'optimizers_batched',
      source,
      entryPoint: 'optimizer_batched_step',
      constants: { WORKGROUP_SIZE },
    });
    this.group = bindGroup(device, `${label}.step`, this.pipeline, {
      0: this.countBuffer,
      1: buffers.params,
      2: buffers.grads,
      3: this.momentumBuffer,
      4: this.expAvg,
      5: this.expAvgSq,
      6: this.hyperBuffer,
    });
    this.grid = rowGrid(device, length / 4);
    this.packed = new ArrayBuffer(runs * FIELDS * 4);
    this.packedU32 = new Uint32Array(this.packed);
    this.packedF32 = new Float32Array(this.packed);
  }

  get step(): number {
    return this.stepsTaken;
  }

  /** Run `run`'s hyperparameters from the next step on; the same rule keeps its state, as GpuMlp.setOptimizer. */
  setRun(run: number, config: OptimizerConfig): void {
    integerInRange('run', run, 0, this.runs - 1);
    this.hyperparameters[run] = resolveOptimizerConfig(config);
  }

  /** Records one step of every run (one dispatch) and writes the hyperparameters with t advanced; one step per submit. */
  encode(pass: GPUComputePassEncoder): void {
    this.stepsTaken += 1;
    this.writeHyperparameters();
    pass.setPipeline(this.pipeline);
    pass.setBindGroup(0, this.group);
    pass.dispatchWorkgroups(this.grid[0], this.grid[1], this.runs);
  }

  /** Zeroes every run's state and t, as new torch.optim optimizers would start. */
  reset(): void {
    const encoder = this.device.createCommandEncoder({ label: `${this.label}.reset` });
    for (const buffer of [this.momentumBuffer, this.expAvg, this.expAvgSq]) encoder.clearBuffer(buffer);
    this.device.queue.submit([encoder.finish()]);
    this.stepsTaken = 0;
    this.momentumStarted.fill(false);
  }

  destroy(): void {
    for (const buffer of [this.momentumBuffer, this.expAvg, this.expAvgSq, this.hyperBuffer, this.countBuffer]) buffer.destroy();
  }

  /** Each run's scalars as optimizers.ts forms them (float64, rounded once to f32); fields as the WGSL struct. */
  private writeHyperparameters(): void {
    const { packedU32: u32, packedF32: f32 } = this;
    f32.fill(0);
    this.hyperparameters.forEach((h, run) => {
      const at = run * FIELDS;
      if (h.kind === 'sgd') {
        u32[at] = 0;
        u32[at + 1] = h.momentum !== 0 && !this.momentumStarted[run] ? 1 : 0;
        u32[at + 2] = h.nesterov ? 1 : 0;
        f32.set([h.lr, h.weightDecay, h.momentum, 1 - h.dampening], at + 4);
        if (h.momentum !== 0) this.momentumStarted[run] = true;
        return;
      }
      const decoupled = h.kind === 'adamw';
      const { stepSize, biasCorrection2Sqrt } = adamBiasCorrection(h, this.stepsTaken);
      u32[at] = 1;
      f32[at + 5] = decoupled ? 0 : h.weightDecay;
      f32.set(
        [h.beta1, 1 - h.beta1, h.beta2, 1 - h.beta2, h.eps, stepSize, biasCorrection2Sqrt, decoupled ? 1 - h.lr * h.weightDecay : 1],
        at + 8,
      );
    });
    this.device.queue.writeBuffer(this.hyperBuffer, 0, this.packed);
  }
}
