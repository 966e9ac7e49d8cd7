// Every run's cross-entropy in a fixed number of dispatches (shaders/cross_entropy_batched.wgsl):
// the divisor per run, then forward + backward of every (row, run), and on demand each run's loss.
// Shapes: R runs, N rows (capacity; setRows uses fewer), C classes; logits, grad [R, N, C]; target
// [N] i32 or [N, C] f32 (shared); each run's class weights [C], smoothing, ignore_index, reduction.
// Reference: each run is src/reference/cross_entropy.ts with that run's options, and CrossEntropy's
// general path (its fast path within an ulp: shaders/cross_entropy_batched.wgsl).
import batchedSource from '../../../shaders/cross_entropy_batched.wgsl?raw';
import reduceSource from '../../../shaders/reduce_sum.wgsl?raw';
import { integerInRange } from '../../core/checks';
import type { Reduction, TargetKind } from '../../core/types';
import { createStorageBuffer, createUniformBuffer } from '../buffers';
import { rowGrid, WORKGROUP_SIZE } from '../dispatch';
import { bindGroup, computePipeline } from '../pipelines';
import { uniformLayout } from '../uniformLayout';
import { REDUCE_CHUNK } from './reduce_sum';

/** reduce_sum.wgsl first: the batched kernels sum with its SpecialSum. */
const source = `${reduceSource}\n${batchedSource}`;

/** shaders/cross_entropy_batched.wgsl's LossShape, field by field. */
const SHAPE = uniformLayout([
  ['rows', 'u32'],
  ['classes', 'u32'],
  ['runs', 'u32'],
  ['rowStride', 'u32'],
  ['rowLossStride', 'u32'],
  ['chunk', 'u32'],
  ['_pad0', '_pad'],
  ['_pad1', '_pad'],
] as const);

const REDUCTION_CODE: Record<Reduction, number> = { none: 0, mean: 1, sum: 2 };

/** One run's options (the engine's RunLossOptions without temperature). */
export interface RunLossOptions {
  classWeights?: Float32Array; // [C]; omitted: ones
  labelSmoothing: number;
  reduction: Reduction;
  ignoreIndex: number;
}

export interface CrossEntropyBatchedShape {
  runs: number;
  rows: number;
  classes: number;
  targetKind: TargetKind;
}

export interface CrossEntropyBatchedBuffers {
  logits: GPUBuffer; // [R, N, C]
  target: GPUBuffer; // [N] i32 or [N, C] f32
  grad: GPUBuffer; // [R, N, C]
}

export class CrossEntropyBatched {
  /** Each run's loss [R] after encodeLossReduction; row losses [R, N]. */
  readonly loss: GPUBuffer;
  readonly rowLoss: GPUBuffer;
  private readonly uniforms: GPUBuffer;
  private readonly weights: GPUBuffer;
  private readonly settings: GPUBuffer;
  private readonly denominator: GPUBuffer;
  private readonly stages: { pipeline: GPUComputePipeline; group: GPUBindGroup }[];
  private readonly runGroups: number;
  private rowGrid: [number, number] = [1, 1];

  constructor(
    private readonly device: GPUDevice,
    readonly shape: CrossEntropyBatchedShape,
    buffers: CrossEntropyBatchedBuffers,
    losses: RunLossOptions[],
    readonly label = 'CrossEntropyBatched',
  ) {
    const { runs, rows, classes, targetKind } = shape;
    const storage = (name: string, floats: number) => createStorageBuffer(device, `${label}.${name}`, floats * 4);
    this.uniforms = createUniformBuffer(device, `${label}.shape`, SHAPE.size);
    this.weights = storage('classWeights', runs * classes);
    this.settings = storage('settings', runs * 4);
    this.denominator = storage('denominator', runs);
    this.rowLoss = storage('rowLoss', runs * rows);
    this.loss = storage('loss', runs);
    const targetBinding = targetKind === 'index' ? 12 : 13;
    const pipeline = (entryPoint: string) =>
      computePipeline(device, { family: 'cross_entropy_batched', source, entryPoint, constants: { WORKGROUP_SIZE } });
    const stage = (entryPoint: string, bindings: Record<number, GPUBuffer>) => {
      const made = pipeline(entryPoint);
      return { pipeline: made, group: bindGroup(device, `${label}.${entryPoint}`, made, { 10: this.uniforms, ...bindings }) };
    };
    this.stages = [
      stage(
        `ce_batched_${targetKind}_denominator`,
        // Only index targets weigh the mean by w_y; probabilities divide by N.
        targetKind === 'index'
          ? { 12: buffers.target, 14: this.weights, 15: this.settings, 16: this.denominator }
          : { 15: this.settings, 16: this.denominator },
      ),
      stage(`ce_batched_${targetKind}_rows`, {
        11: buffers.logits,
        [targetBinding]: buffers.target,
        14: this.weights,
        15: this.settings,
        17: this.denominator,
        18: this.rowLoss,
        19: buffers.grad,
      }),
      stage('ce_batched_loss', { 17: this.denominator, 20: this.loss, 21: this.rowLoss }),
    ];
    this.runGroups = Math.ceil(runs / WORKGROUP_SIZE);
    for (const [run, loss] of losses.entries()) this.setRunLoss(run, loss);
    this.setRows(rows);
  }

  /** Run `run`'s weights, smoothing, ignore_index and reduction from the next submit on (checked by the caller). */
  setRunLoss(run: number, loss: RunLossOptions): void {
    integerInRange('run', run, 0, this.shape.runs - 1);
    const { classes } = this.shape;
    const weights = loss.classWeights ?? new Float32Array(classes).fill(1);
    this.device.queue.writeBuffer(this.weights, run * classes * 4, weights);
    const bytes = new ArrayBuffer(16);
    new Int32Array(bytes)[0] = loss.ignoreIndex;
    new Float32Array(bytes)[1] = loss.labelSmoothing;
    new Uint32Array(bytes)[2] = REDUCTION_CODE[loss.reduction];
    this.device.queue.writeBuffer(this.settings, run * 16, bytes);
  }

  /** Uses the first `rows` rows of every run from the next submit on. */
  setRows(rows: number): void {
    integerInRange('rows', rows, 1, this.shape.rows, ' (the capacity)');
    const { runs, classes } = this.shape;
    const values = { rows, classes, runs, rowStride: this.shape.rows * classes, rowLossStride: this.shape.rows, chunk: REDUCE_CHUNK };
    this.device.queue.writeBuffer(this.uniforms, 0, SHAPE.pack(values));
    this.rowGrid = rowGrid(this.device, rows);
  }

  /** Two dispatches: each run's divisor, then every run's gradient and row losses. */
  encode(pass: GPUComputePassEncoder): void {
    const [denominator, rows] = this.stages;
    pass.setPipeline(denominator.pipeline);
    pass.setBindGroup(0, denominator.group);
    pass.dispatchWorkgroups(this.runGroups);
    pass.setPipeline(rows.pipeline);
    pass.setBindGroup(0, rows.group);
    pass.dispatchWorkgroups(this.rowGrid[0], this.rowGrid[1], this.shape.runs);
  }

  /** One dispatch: each run's loss into `loss`. */
  encodeLossReduction(pass: GPUComputePassEncoder): void {
    const reduce = this.stages[2];
    pass.setPipeline(reduce.pipeline);
    pass.setBindGroup(0, reduce.group);
    pass.dispatchWorkgroups(this.runGroups);
  }

  destroy(): void {
    for (const buffer of [this.uniforms, this.weights, this.settings, this.denominator, this.rowLoss, this.loss]) buffer.destroy();
  }
}
