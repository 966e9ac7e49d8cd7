// GPU-resident fused cross-entropy forward + backward (shaders/cross_entropy.wgsl), in two variants
// behind one interface: 'row' gives each row to one invocation (fastest on SwiftShader and for short
// rows); 'workgroup' gives each row to a workgroup that reduces through workgroup memory (real GPUs,
// long rows). src/gpu/kernelChoice.ts picks one per adapter and shape.
// Shapes: N rows, C classes; logits [N, C], target [N] i32 or [N, C] f32, weight [C] → loss [1]
// (or [N] for 'none': the row losses), grad [N, C]. Reference: src/reference/cross_entropy.ts.
// Buffers come from the caller and stay on the GPU; options change without re-creating anything.
import crossEntropySource from '../../../shaders/cross_entropy.wgsl?raw';
import workgroupReduceSource from '../../../shaders/lib/workgroup_reduce.wgsl?raw';
import { ArgumentError, integerInRange } from '../../engine/checks';
import type { Reduction, TargetKind } from '../../engine/types';
import { createStorageBuffer, createUniformBuffer } from '../buffers';
import { rowGrid, WORKGROUP_SIZE } from '../dispatch';
import { type Family, rowOrWorkgroup } from '../kernelChoice';
import { bindGroup, computePipeline } from '../pipelines';
import { REDUCE_CHUNK, ReduceSum } from './reduce_sum';

const source = `${workgroupReduceSource}\n${crossEntropySource}`;

export const CROSS_ENTROPY_VARIANTS = ['row', 'workgroup'] as const;
export type CrossEntropyVariant = (typeof CROSS_ENTROPY_VARIANTS)[number];

/** Measured (README, "Kernels chosen per adapter"): on SwiftShader the workgroup variant is 1.02–160× slower. */
export const CROSS_ENTROPY_FAMILY: Family<CrossEntropyVariant> = {
  name: 'cross_entropy',
  variants: CROSS_ENTROPY_VARIANTS,
  rule: rowOrWorkgroup,
};

const ENTRY_POINTS: Record<CrossEntropyVariant, Record<TargetKind, string>> = {
  row: { index: 'cross_entropy_index', probs: 'cross_entropy_probs' },
  workgroup: { index: 'cross_entropy_index_workgroup', probs: 'cross_entropy_probs_workgroup' },
};

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
  private readonly mainPipeline: GPUComputePipeline;
  private readonly weightPipeline: GPUComputePipeline;
  private readonly params: GPUBuffer;
  private readonly paramsData = new ArrayBuffer(32);
  /** [1]: the divisor of 'mean' (Σ w_y of kept targets, or N); 1 otherwise. */
  readonly denominator: GPUBuffer;
  private readonly weightPartials: GPUBuffer;
  private readonly mainGroup: GPUBindGroup;
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
    const constants = { WORKGROUP_SIZE };
    // The row variant reads and writes a vec4 of classes at a time when C is a multiple of 4: the same
    // bits, ~1.3× faster on SwiftShader (a vec4 load or store costs about what a float's does).
    const vec4 = variant === 'row' && shape.classes % 4 === 0;
    const entryPoint = `${ENTRY_POINTS[variant][shape.targetKind]}${vec4 ? '_vec4' : ''}`;
    this.mainPipeline = computePipeline(device, { family: 'cross_entropy', source, entryPoint, constants });
    this.weightPipeline = computePipeline(device, { family: 'cross_entropy', source, entryPoint: 'target_weight_partials', constants });
    this.params = createUniformBuffer(device, `${label}.params`, this.paramsData.byteLength);
    this.denominator = createStorageBuffer(device, `${label}.denominator`, 4);
    const partialCount = Math.ceil(shape.rows / REDUCE_CHUNK);
    this.weightPartials = createStorageBuffer(device, `${label}.weightPartials`, partialCount * 4);

    const targetBinding = shape.targetKind === 'index' ? 2 : 3;
    this.mainGroup = bindGroup(device, `${label}.${entryPoint}`, this.mainPipeline, {
      0: this.params,
      1: buffers.logits,
      [targetBinding]: buffers.target,
      4: buffers.weight,
      5: this.denominator,
      6: buffers.rowLoss,
      7: buffers.grad,
    });
    // Only index targets weigh the mean by w_y; probabilities divide by N (written by setOptions).
    this.weightGroup =
      shape.targetKind === 'index'
        ? bindGroup(device, `${label}.targetWeightPartials`, this.weightPipeline, {
            0: this.params,
            2: buffers.target,
            4: buffers.weight,
            8: this.weightPartials,
          })
        : null;
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

  /** Uses the first `rows` rows (≤ the capacity shape.rows) from the next submit on. */
  setRows(rows: number): void {
    integerInRange('rows', rows, 1, this.shape.rows, ' (the capacity)');
    this.rows = rows;
    this.grid = this.gridFor(rows);
    this.lossSum.setCount(rows);
    this.denominatorSum.setCount(Math.ceil(rows / REDUCE_CHUNK));
    this.setOptions(this.options);
  }

  /** One invocation per row, or one workgroup per row. */
  private gridFor(rows: number): [number, number] {
    return this.variant === 'row' ? rowGrid(this.device, rows) : rowGrid(this.device, rows, 1);
  }

  /** Takes effect for every command buffer submitted after it (queue.writeBuffer ordering). */
  setOptions(options: CrossEntropyOptions): void {
    this.options = options;
    const u32 = new Uint32Array(this.paramsData);
    const i32 = new Int32Array(this.paramsData);
    const f32 = new Float32Array(this.paramsData);
    u32[0] = this.rows;
    u32[1] = this.shape.classes;
    i32[2] = options.ignoreIndex;
    f32[4] = options.labelSmoothing;
    u32[5] = REDUCE_CHUNK;
    this.device.queue.writeBuffer(this.params, 0, this.paramsData);
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
    if (this.weightGroup && reduction === 'mean') {
      pass.setPipeline(this.weightPipeline);
      pass.setBindGroup(0, this.weightGroup);
      pass.dispatchWorkgroups(Math.ceil(Math.ceil(this.rows / REDUCE_CHUNK) / WORKGROUP_SIZE));
      this.denominatorSum.encode(pass);
    }
    pass.setPipeline(this.mainPipeline);
    pass.setBindGroup(0, this.mainGroup);
    pass.dispatchWorkgroups(this.grid[0], this.grid[1]);
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
    this.denominatorSum.destroy();
    this.lossSum.destroy();
  }
}
