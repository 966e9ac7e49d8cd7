// GPU-resident fused cross-entropy forward + backward (shaders/cross_entropy*.wgsl, one module made by
// cross_entropy_module.ts), in three variants behind one interface: 'row' gives each row to one
// invocation (fastest on SwiftShader and for short rows); 'workgroup' gives each row to a workgroup
// that reduces through workgroup memory (real GPUs, long rows); 'subgroup' gives each row to one
// subgroup that reduces through shuffles (the workgroup entry points compiled with
// lib/subgroup_reduce.wgsl; only on a device with the 'subgroups' feature: src/gpu/subgroups.ts).
// src/gpu/kernelChoice.ts picks one per adapter and shape. The row variant has a fast path for every
// target kind (indices with or without smoothing, probabilities): ordinary rows in a kernel with no
// per-entry branch, and any other row (±inf, NaN, huge logits) deferred to the general kernel by an
// indirect dispatch.
// Shapes: N rows, C classes; logits [N, C], target [N] i32 or [N, C] f32, weight [C] → loss [1]
// (or [N] for 'none': the row losses), grad [N, C]. Reference: src/reference/cross_entropy.ts.
// Buffers come from the caller and stay on the GPU; options change without re-creating anything.
import { ArgumentError, integerInRange } from '../../core/checks';
import type { Reduction, TargetKind } from '../../core/types';
import { createStorageBuffer, createUniformBuffer } from '../buffers';
import { rowGrid, WORKGROUP_SIZE } from '../dispatch';
import { type Family, rowOrWorkgroup } from '../kernelChoice';
import { bindGroup, computePipeline } from '../pipelines';
import { variantsOn, variantWorkgroupSize } from '../subgroups';
import { CROSS_ENTROPY_PARAMS, crossEntropyModule } from './cross_entropy_module';
import { FastRows, type Stage, setStage } from './fast_rows';
import { REDUCE_CHUNK, ReduceSum } from './reduce_sum';
import { UNROLLED_ENTRY_POINTS, UNROLLED_MAX_CLASSES, unrolledRowSource } from './unrolled_rows';

export const CROSS_ENTROPY_VARIANTS = ['row', 'workgroup', 'subgroup'] as const;
export type CrossEntropyVariant = (typeof CROSS_ENTROPY_VARIANTS)[number];

/** Measured (README, "Kernels chosen per adapter"): on SwiftShader the workgroup variant is far slower. */
export const CROSS_ENTROPY_FAMILY: Family<CrossEntropyVariant> = {
  name: 'cross_entropy',
  variants: CROSS_ENTROPY_VARIANTS,
  rule: rowOrWorkgroup,
};

/** The one-row-per-workgroup variants' entry points; the row variant's are its fast path's (fastRows). */
const WORKGROUP_ENTRY_POINTS: Record<TargetKind, string> = {
  index: 'cross_entropy_index_workgroup',
  probs: 'cross_entropy_probs_workgroup',
};

/** The variants this device can run. */
export function crossEntropyVariants(device: GPUDevice): CrossEntropyVariant[] {
  return variantsOn(device, CROSS_ENTROPY_VARIANTS);
}

export interface CrossEntropyShape {
  rows: number;
  classes: number;
  targetKind: TargetKind;
}

export interface CrossEntropyBuffers {
  logits: GPUBuffer; // [N, C] f32
  target: GPUBuffer; // [N] i32 or [N, C] f32
  weight: GPUBuffer; // [C] f32: fill with ones for an unweighted loss
  rowLoss: GPUBuffer; // [N] f32: per-row losses ('none' output)
  grad: GPUBuffer; // [N, C] f32
  loss: GPUBuffer; // [1] f32: reduced loss ('mean' / 'sum')
}

export interface CrossEntropyOptions {
  ignoreIndex: number;
  reduction: Reduction;
  labelSmoothing: number;
}

export class CrossEntropy {
  private readonly device: GPUDevice;
  private readonly buffers: CrossEntropyBuffers;
  /** The one-row-per-workgroup kernel's workgroup size: the subgroup width for the 'subgroup' variant. */
  private readonly rowGroupSize: number;
  private readonly vec4: boolean;
  /** The workgroup and subgroup variants' kernel, one row per workgroup; made when first needed. */
  private perWorkgroup: Stage | null = null;
  /** The row variant: ordinary rows in a fast kernel, the others deferred to the general path. */
  private readonly fastPath: FastRows | null;
  /** The fast kernels by entry point, each made when the options first take it. */
  private readonly fastStages = new Map<string, Stage>();
  /** The one the current options take (set by setOptions, so that encode() allocates nothing). */
  private fastStage: Stage | null = null;
  private readonly weightPipeline: GPUComputePipeline;
  private readonly params: GPUBuffer;
  /**
   * [2]: the divisor of 'mean' (Σ w_y of kept targets, or N; 1 otherwise), and Σ_c w_c for the smoothed
   * fast kernel (summed on the GPU once a call).
   */
  readonly denominator: GPUBuffer;
  private readonly weightPartials: GPUBuffer;
  private readonly weightGroup: GPUBindGroup | null;
  private readonly denominatorSum: ReduceSum;
  private readonly lossSum: ReduceSum;
  private options: CrossEntropyOptions;
  /** Rows in use: shape.rows is the capacity, setRows() may lower it (a smaller batch). */
  private rows: number;
  /** Workgroups for the rows in use, computed when they change so that encode() allocates nothing. */
  private grid: [number, number];

  constructor(
    device: GPUDevice,
    readonly shape: CrossEntropyShape,
    buffers: CrossEntropyBuffers,
    options: CrossEntropyOptions,
    readonly label = 'CrossEntropy',
    readonly variant: CrossEntropyVariant = 'row',
  ) {
    if (!CROSS_ENTROPY_VARIANTS.includes(variant)) {
      throw new ArgumentError('variant', `must be one of ${CROSS_ENTROPY_VARIANTS.join(', ')}, got ${String(variant)}`);
    }
    this.device = device;
    this.buffers = buffers;
    this.rowGroupSize = variantWorkgroupSize(device, variant, WORKGROUP_SIZE);
    // The row variant reads and writes a vec4 of classes at a time when C is a multiple of 4: the same
    // bits, faster on SwiftShader (a vec4 load or store costs about what a float's does).
    this.vec4 = variant === 'row' && shape.classes % 4 === 0;
    this.params = createUniformBuffer(device, `${label}.params`, CROSS_ENTROPY_PARAMS.size);
    this.denominator = createStorageBuffer(device, `${label}.denominator`, 8);
    const partialCount = Math.ceil(shape.rows / REDUCE_CHUNK);
    this.weightPartials = createStorageBuffer(device, `${label}.weightPartials`, partialCount * 4);
    this.fastPath = variant === 'row' ? this.createFastPath() : null;
    // With a fast path, the partials' dispatch also prepares it (empties the deferred-row list, sums
    // the class weights for smoothing): one dispatch fewer.
    this.weightPipeline = this.pipeline(this.fastPath ? 'target_weight_partials_and_prepare' : 'target_weight_partials');
    const weightBindings: Record<number, GPUBuffer> = { 0: this.params, 2: buffers.target, 4: buffers.weight, 8: this.weightPartials };
    if (this.fastPath) {
      weightBindings[10] = this.fastPath.deferredArgs;
      weightBindings[5] = this.denominator;
    }
    // Only index targets weigh the mean by w_y; probabilities divide by N (written by setOptions).
    this.weightGroup =
      shape.targetKind === 'index' ? bindGroup(device, `${label}.targetWeightPartials`, this.weightPipeline, weightBindings) : null;
    this.denominatorSum = new ReduceSum(
      device,
      `${label}.denominatorSum`,
      partialCount,
      {
        values: this.weightPartials,
        result: this.denominator,
        divisor: { constant: 1 },
      },
      true,
    );
    this.lossSum = new ReduceSum(device, `${label}.lossSum`, shape.rows, {
      values: buffers.rowLoss,
      result: buffers.loss,
      divisor: { buffer: this.denominator },
    });
    this.rows = shape.rows;
    this.grid = this.gridFor(shape.rows);
    this.options = options;
    this.setOptions(options);
  }

  /** `unrolled` (index targets): from the module with the straight-line fast kernels for this C appended. */
  private pipeline(entryPoint: string, unrolled = false): GPUComputePipeline {
    const { classes, targetKind } = this.shape;
    const base = crossEntropyModule(targetKind, false);
    const straightLine = () => `${unrolledRowSource('cross_entropy', classes)}\n${unrolledRowSource('cross_entropy_smoothed', classes)}`;
    const module = unrolled ? { family: `${base.family}.c${classes}`, source: `${base.source}\n${straightLine()}` } : base;
    return computePipeline(this.device, { ...module, entryPoint, constants: { WORKGROUP_SIZE } });
  }

  /** The buffers every row kernel binds, by binding number (shaders/cross_entropy.wgsl). */
  private rowBindings(): Record<number, GPUBuffer> {
    const targetBinding = this.shape.targetKind === 'index' ? 2 : 3;
    return {
      0: this.params,
      1: this.buffers.logits,
      [targetBinding]: this.buffers.target,
      4: this.buffers.weight,
      5: this.denominator,
      6: this.buffers.rowLoss,
      7: this.buffers.grad,
    };
  }

  private createFastPath(): FastRows {
    const pipelines = { reset: this.pipeline('cross_entropy_prepare'), deferred: this.pipeline('deferred_rows_run') };
    const prepareBindings = { 0: this.params, 4: this.buffers.weight, 5: this.denominator };
    return new FastRows(this.device, this.label, this.shape.rows, pipelines, this.rowBindings(), prepareBindings);
  }

  /**
   * The fast kernel for the targets and the current label smoothing. Index targets: straight-line for
   * C ≤ 32, else loops; probabilities: loops. Loops take vec4 where C allows.
   */
  private fastRows(fastPath: FastRows): Stage {
    const smoothed = this.options.labelSmoothing > 0;
    const straightLine = this.shape.targetKind === 'index' && this.shape.classes <= UNROLLED_MAX_CLASSES;
    const loops =
      this.shape.targetKind === 'probs' ? 'cross_entropy_probs_fast' : `cross_entropy_index_${smoothed ? 'smoothed' : 'unsmoothed'}`;
    const entryPoint = straightLine
      ? UNROLLED_ENTRY_POINTS[smoothed ? 'cross_entropy_smoothed' : 'cross_entropy']
      : `${loops}${this.vec4 ? '_vec4' : ''}`;
    let stage = this.fastStages.get(entryPoint);
    if (!stage) {
      stage = fastPath.rowsStage(this.pipeline(entryPoint, straightLine));
      this.fastStages.set(entryPoint, stage);
    }
    return stage;
  }

  private perWorkgroupStage(): Stage {
    if (!this.perWorkgroup) {
      const entryPoint = WORKGROUP_ENTRY_POINTS[this.shape.targetKind];
      const module = crossEntropyModule(this.shape.targetKind, this.variant === 'subgroup');
      const constants = { WORKGROUP_SIZE: this.rowGroupSize };
      const pipeline = computePipeline(this.device, { ...module, entryPoint, constants });
      this.perWorkgroup = { pipeline, group: bindGroup(this.device, `${this.label}.${entryPoint}`, pipeline, this.rowBindings()) };
    }
    return this.perWorkgroup;
  }

  /** The fast path's indirect arguments [x, y, z, rows deferred] after a call (tests, diagnostics); null without one. */
  get deferredArgs(): GPUBuffer | null {
    return this.fastPath?.deferredArgs ?? null;
  }

  /** Uses the first `rows` rows (≤ the capacity shape.rows) from the next submit on. */
  setRows(rows: number): void {
    integerInRange('rows', rows, 1, this.shape.rows, ' (the capacity)');
    this.rows = rows;
    this.grid = this.gridFor(rows);
    this.lossSum.setCount(rows);
    this.denominatorSum.setCount(Math.ceil(rows / REDUCE_CHUNK));
    this.setOptions(this.options);
  }

  /** One invocation per row, or one workgroup (a subgroup) per row. */
  private gridFor(rows: number): [number, number] {
    return this.variant === 'row' ? rowGrid(this.device, rows) : rowGrid(this.device, rows, 1);
  }

  /** Takes effect for every command buffer submitted after it (queue.writeBuffer ordering). */
  setOptions(options: CrossEntropyOptions): void {
    this.options = options;
    const params = CROSS_ENTROPY_PARAMS.pack({
      rows: this.rows,
      classes: this.shape.classes,
      ignoreIndex: options.ignoreIndex,
      labelSmoothing: options.labelSmoothing,
      chunk: REDUCE_CHUNK,
    });
    this.device.queue.writeBuffer(this.params, 0, params);
    // Compiled here, not while encoding: the fast kernel the options need (the smoothed one the
    // first time ε leaves 0), or the one-row-per-workgroup kernel.
    if (this.fastPath) this.fastStage = this.fastRows(this.fastPath);
    else this.perWorkgroupStage();
    if (!(this.weightGroup && options.reduction === 'mean')) {
      const divisor = options.reduction === 'mean' ? this.rows : 1;
      this.device.queue.writeBuffer(this.denominator, 0, new Float32Array([divisor]));
    }
  }

  /**
   * Records the forward + backward. With `reduceLoss` false the gradient is complete but the reduced
   * loss is left for encodeLossReduction(): a training step that does not read its loss skips it.
   */
  encode(pass: GPUComputePassEncoder, reduceLoss = true): void {
    const { reduction } = this.options;
    const weighing = this.weightGroup !== null && reduction === 'mean';
    if (this.weightGroup && weighing) {
      pass.setPipeline(this.weightPipeline);
      pass.setBindGroup(0, this.weightGroup);
      pass.dispatchWorkgroups(Math.ceil(Math.ceil(this.rows / REDUCE_CHUNK) / WORKGROUP_SIZE));
      this.denominatorSum.encode(pass);
    }
    if (this.fastPath && this.fastStage) {
      // target_weight_partials_and_prepare has prepared the fast path when `weighing`.
      this.fastPath.encode(pass, this.fastStage, this.grid, weighing);
    } else {
      setStage(pass, this.perWorkgroupStage());
      pass.dispatchWorkgroups(this.grid[0], this.grid[1]);
    }
    if (reduceLoss) this.encodeLossReduction(pass);
  }

  /** The row losses reduced into the loss buffer (nothing to do for 'none'). */
  encodeLossReduction(pass: GPUComputePassEncoder): void {
    if (this.options.reduction !== 'none') this.lossSum.encode(pass);
  }

  destroy(): void {
    this.params.destroy();
    this.denominator.destroy();
    this.weightPartials.destroy();
    this.fastPath?.destroy();
    this.denominatorSum.destroy();
    this.lossSum.destroy();
  }
}
