// GPU-resident NT-Xent (SimCLR) forward + backward (shaders/nt_xent.wgsl, with its branch-free passes
// in nt_xent_fast.wgsl and its matmuls' tiles in nt_xent_tiles.wgsl and nt_xent_tiles.ts).
// Shapes: R = 2N rows, D dims; z [R, D] → loss [1] (or [R] for 'none': the row losses),
// similarity [R, R] (cosine), grad [R, D]. Reference: src/reference/nt_xent.ts.

import ntXentSource from '../../../shaders/nt_xent.wgsl?raw';
import fastSource from '../../../shaders/nt_xent_fast.wgsl?raw';
import tilesSource from '../../../shaders/nt_xent_tiles.wgsl?raw';
import { ArgumentError, integerInRange } from '../../core/checks';
import type { Reduction } from '../../core/types';
import { createStorageBuffer, createUniformBuffer, uploadBuffer } from '../buffers';
import { WORKGROUP_SIZE } from '../dispatch';
import type { Family } from '../kernelChoice';
import { bindGroup, computePipeline } from '../pipelines';
import { uniformLayout } from '../uniformLayout';
import { type Stage as Bound, setStage } from './fast_rows';
import { ntXentTileEntryPoint, ntXentTileSource } from './nt_xent_tiles';
import { ReduceSum } from './reduce_sum';

/** One module for every pass and both tile sizes (a pipeline compiles only its entry point's code). */
const source = [ntXentSource, fastSource, tilesSource, ntXentTileSource(4), ntXentTileSource(8)].join('\n');

/** shaders/nt_xent.wgsl's Params, field by field. */
const PARAMS = uniformLayout([
  ['rows', 'u32'],
  ['dim', 'u32'],
  ['dim4', 'u32'],
  ['mean', 'u32'],
  ['invTemperature', 'f32'],
  ['_pad0', '_pad'],
  ['_pad1', '_pad'],
  ['_pad2', '_pad'],
] as const);

export interface NtXentShape {
  rows: number;
  dim: number;
}

export interface NtXentBuffers {
  z: GPUBuffer; // [R, D]
  similarity: GPUBuffer; // [R, R]
  rowLoss: GPUBuffer; // [R]
  grad: GPUBuffer; // [R, D]
  loss: GPUBuffer; // [1]
}

/** The buffers of one NT-Xent on `z` (uploaded), labelled `${label}.<name>`. */
export function createNtXentBuffers(device: GPUDevice, label: string, z: Float32Array, { rows, dim }: NtXentShape): NtXentBuffers {
  return {
    z: uploadBuffer(device, `${label}.z`, z),
    similarity: createStorageBuffer(device, `${label}.similarity`, rows * rows * 4),
    rowLoss: createStorageBuffer(device, `${label}.rowLoss`, rows * 4),
    grad: createStorageBuffer(device, `${label}.grad`, rows * dim * 4),
    loss: createStorageBuffer(device, `${label}.loss`, 4),
  };
}

export interface NtXentOptions {
  temperature: number;
  reduction: Reduction;
}

const TILE_GROUP = 8; // the 2-D entry points' @workgroup_size(8, 8)
const TILED_STAGES: Stage[] = ['similarity', 'grad_zhat'];

/**
 * The tile of the two matmuls (S = ẑẑᵀ and ∂ẑ = Hẑ): 'tile4' gives an invocation 4×4 of S and
 * 4 rows × 16 dims of ∂ẑ; 'tile8' 8×8 and 8 × 32, half the loads per multiply-add, which makes
 * 2N ≥ 512 markedly faster on SwiftShader but takes longer to compile, and leaves fewer invocations
 * for a real GPU. Both give the same bits.
 */
export const NT_XENT_VARIANTS = ['tile4', 'tile8'] as const;
export type NtXentVariant = (typeof NT_XENT_VARIANTS)[number];

/** Rows that behave alike: few rows are compile-bound, many are load-bound. */
export function ntXentBucket(rows: number): string {
  return rows >= 512 ? 'rows>=512' : 'rows<512';
}

/** The rule keyed on the shape (README, "Kernels chosen per adapter"). */
export const NT_XENT_FAMILY: Family<NtXentVariant> = {
  name: 'nt_xent',
  variants: NT_XENT_VARIANTS,
  rule: (_facts, bucket) => (bucket === 'rows>=512' ? 'tile8' : 'tile4'),
};

/** Rows (and columns of S) per invocation, and vec4 dims of ∂ẑ per invocation. */
const TILES: Record<NtXentVariant, 4 | 8> = { tile4: 4, tile8: 8 };

type Stage = 'normalize' | 'similarity' | 'grad_zhat' | 'grad_input';

/** The row loss's kernels: the general loop, or the branch-free one (nt_xent_row_loss_fast). */
export type RowLoss = 'row_loss' | 'row_loss_fast';

/** The kernels picked per call by its rows and temperature, each made when first needed. */
type Picked = RowLoss | 'symmetrize' | 'symmetrize_vec4';

/**
 * Below this 1/τ, every logit S_ij/τ of a finite ẑ has |·| < 2^126, and the row loss takes its
 * branch-free kernel (nt_xent_row_loss_fast) when R is a multiple of 4.
 */
export const NT_XENT_FAST_LIMIT = 2 ** 120;

export class NtXent {
  private readonly pipelines: Record<Stage, GPUComputePipeline>;
  private readonly groups: Record<Stage, GPUBindGroup>;
  /** The row loss's and symmetrize's kernels, each made when the rows and options first take it. */
  private readonly picked: Partial<Record<Picked, Bound>> = {};
  private rowLoss: RowLoss = 'row_loss';
  private symmetrize: 'symmetrize' | 'symmetrize_vec4' = 'symmetrize';
  private readonly pickedBuffers: Record<Picked, Record<number, GPUBuffer>>;
  private readonly params: GPUBuffer;
  private readonly scratch: GPUBuffer[];
  private readonly lossSum: ReduceSum;
  private readonly dim4: number;
  private options: NtXentOptions;
  /** Rows in use: shape.rows is the capacity, setRows() may lower it (a smaller batch). */
  private rows: number;

  constructor(
    private readonly device: GPUDevice,
    readonly shape: NtXentShape,
    buffers: NtXentBuffers,
    options: NtXentOptions,
    readonly label = 'NtXent',
    readonly variant: NtXentVariant = 'tile4',
  ) {
    if (!NT_XENT_VARIANTS.includes(variant)) {
      throw new ArgumentError('variant', `must be one of ${NT_XENT_VARIANTS.join(', ')}, got ${String(variant)}`);
    }
    this.dim4 = Math.ceil(shape.dim / 4);
    const stages: Stage[] = ['normalize', 'similarity', 'grad_zhat', 'grad_input'];
    const entryPoint = (stage: Stage) =>
      stage === 'similarity' || stage === 'grad_zhat' ? ntXentTileEntryPoint(stage, TILES[variant]) : `nt_xent_${stage}`;
    this.pipelines = Object.fromEntries(
      stages.map((stage) => [
        stage,
        computePipeline(device, {
          family: 'nt_xent',
          source,
          entryPoint: entryPoint(stage),
          constants: TILED_STAGES.includes(stage) ? {} : { WORKGROUP_SIZE },
        }),
      ]),
    ) as Record<Stage, GPUComputePipeline>;

    this.params = createUniformBuffer(device, `${label}.params`, PARAMS.size);
    const zhat = createStorageBuffer(device, `${label}.zhat`, shape.rows * this.dim4 * 16);
    const norms = createStorageBuffer(device, `${label}.norms`, shape.rows * 4);
    const dlogits = createStorageBuffer(device, `${label}.dlogits`, shape.rows * shape.rows * 4);
    const dzhat = createStorageBuffer(device, `${label}.dzhat`, shape.rows * this.dim4 * 16);
    this.scratch = [zhat, norms, dlogits, dzhat];

    const p = this.params;
    const group = (stage: Stage, entries: Record<number, GPUBuffer>) =>
      bindGroup(device, `${label}.${stage}`, this.pipelines[stage], { 0: p, ...entries });
    const rowLossBuffers = { 0: p, 4: buffers.similarity, 5: dlogits, 6: buffers.rowLoss };
    this.pickedBuffers = {
      row_loss: rowLossBuffers,
      row_loss_fast: rowLossBuffers,
      symmetrize: { 0: p, 5: dlogits },
      symmetrize_vec4: { 0: p, 5: dlogits },
    };
    this.groups = {
      normalize: group('normalize', { 1: buffers.z, 2: zhat, 3: norms }),
      similarity: group('similarity', { 2: zhat, 4: buffers.similarity }),
      grad_zhat: group('grad_zhat', { 2: zhat, 5: dlogits, 7: dzhat }),
      grad_input: group('grad_input', { 2: zhat, 3: norms, 7: dzhat, 8: buffers.grad }),
    };
    this.lossSum = new ReduceSum(device, `${label}.lossSum`, shape.rows, {
      values: buffers.rowLoss,
      result: buffers.loss,
      divisor: { constant: 1 },
    });
    this.rows = shape.rows;
    this.options = options;
    this.setOptions(options);
  }

  /** Uses the first `rows` rows (even, ≤ the capacity shape.rows) from the next submit on. */
  setRows(rows: number): void {
    integerInRange('rows', rows, 2, this.shape.rows, ' (the capacity)');
    if (rows % 2 !== 0) throw new ArgumentError('rows', `must be even (two views of each sample), got ${rows}`);
    this.rows = rows;
    this.lossSum.setCount(rows);
    this.setOptions(this.options);
  }

  setOptions(options: NtXentOptions): void {
    this.options = options;
    const params = PARAMS.pack({
      rows: this.rows,
      dim: this.shape.dim,
      dim4: this.dim4,
      mean: options.reduction === 'mean' ? 1 : 0,
      invTemperature: 1 / options.temperature,
    });
    this.device.queue.writeBuffer(this.params, 0, params);
    this.lossSum.setConstantDivisor(options.reduction === 'mean' ? this.rows : 1);
    const quads = this.rows % 4 === 0;
    this.rowLoss = quads && 1 / options.temperature < NT_XENT_FAST_LIMIT ? 'row_loss_fast' : 'row_loss';
    this.symmetrize = quads ? 'symmetrize_vec4' : 'symmetrize';
    // Compiled here, not while encoding.
    this.pickedStage(this.rowLoss);
    this.pickedStage(this.symmetrize);
  }

  /** The row loss's kernel the next submit runs (tests, diagnostics). */
  get rowLossKernel(): RowLoss {
    return this.rowLoss;
  }

  private pickedStage(kind: Picked): Bound {
    let stage = this.picked[kind];
    if (!stage) {
      const constants: Record<string, number> = kind.startsWith('symmetrize') ? {} : { WORKGROUP_SIZE }; // symmetrize: @workgroup_size(8, 8)
      const pipeline = computePipeline(this.device, { family: 'nt_xent', source, entryPoint: `nt_xent_${kind}`, constants });
      stage = { pipeline, group: bindGroup(this.device, `${this.label}.${kind}`, pipeline, this.pickedBuffers[kind]) };
      this.picked[kind] = stage;
    }
    return stage;
  }

  private runPicked(pass: GPUComputePassEncoder, kind: Picked, x: number, y = 1): void {
    setStage(pass, this.pickedStage(kind));
    pass.dispatchWorkgroups(x, y);
  }

  /**
   * Records the forward + backward. With `reduceLoss` false the gradient is complete but the reduced
   * loss is left for encodeLossReduction(): a training step that does not read its loss skips it.
   */
  encode(pass: GPUComputePassEncoder, reduceLoss = true): void {
    const { rows } = this;
    const rowGroups = Math.ceil(rows / WORKGROUP_SIZE);
    const tile = TILES[this.variant];
    const rowTileGroups = Math.ceil(Math.ceil(rows / tile) / TILE_GROUP);
    this.run(pass, 'normalize', rowGroups);
    this.run(pass, 'similarity', rowTileGroups, rowTileGroups);
    this.runPicked(pass, this.rowLoss, rowGroups);
    // One (i, j) pair per invocation, or a pair of 4×4 blocks.
    const pairGroups = Math.ceil((this.symmetrize === 'symmetrize_vec4' ? rows / 4 : rows) / TILE_GROUP);
    this.runPicked(pass, this.symmetrize, pairGroups, pairGroups);
    this.run(pass, 'grad_zhat', Math.ceil(Math.ceil(this.dim4 / tile) / TILE_GROUP), rowTileGroups);
    this.run(pass, 'grad_input', rowGroups);
    if (reduceLoss) this.encodeLossReduction(pass);
  }

  private run(pass: GPUComputePassEncoder, stage: Stage, x: number, y = 1): void {
    pass.setPipeline(this.pipelines[stage]);
    pass.setBindGroup(0, this.groups[stage]);
    pass.dispatchWorkgroups(x, y);
  }

  /** The row losses reduced into the loss buffer (nothing to do for 'none'). */
  encodeLossReduction(pass: GPUComputePassEncoder): void {
    if (this.options.reduction !== 'none') this.lossSum.encode(pass);
  }

  destroy(): void {
    this.params.destroy();
    for (const buffer of this.scratch) buffer.destroy();
    this.lossSum.destroy();
  }
}
