// GPU-resident row-wise log-softmax (shaders/log_softmax.wgsl), in three variants behind one interface:
// 'row' gives each row to one invocation (fastest on SwiftShader, where workgroup memory and
// barriers are slow); 'workgroup' gives each row to a workgroup that reduces through workgroup
// memory (for real GPUs and long rows); 'subgroup' gives each row to one subgroup that reduces
// through subgroup shuffles (the workgroup entry point compiled with lib/subgroup_reduce.wgsl; only
// on a device with the 'subgroups' feature: src/gpu/subgroups.ts). src/gpu/kernelChoice.ts picks one per adapter and shape. The row variant
// takes a fast path (lib/fast_rows.wgsl): ordinary rows in a kernel with no per-entry branch
// (straight-line for C ≤ 32, unrolled_rows.ts), the others deferred to the general one.
// Shapes: N rows, C classes; logits [N, C] → output [N, C]. Reference: src/reference/log_softmax.ts.

import fastRowsSource from '../../../shaders/lib/fast_rows.wgsl?raw';
import subgroupReduceSource from '../../../shaders/lib/subgroup_reduce.wgsl?raw';
import workgroupReduceSource from '../../../shaders/lib/workgroup_reduce.wgsl?raw';
import logSoftmaxSource from '../../../shaders/log_softmax.wgsl?raw';
import { ArgumentError } from '../../core/checks';
import { createUniformBuffer } from '../buffers';
import { rowGrid, WORKGROUP_SIZE } from '../dispatch';
import { type Family, rowOrWorkgroup } from '../kernelChoice';
import { bindGroup, computePipeline } from '../pipelines';
import { variantsOn, variantWorkgroupSize } from '../subgroups';
import { FastRows, type Stage, setStage } from './fast_rows';
import { UNROLLED_ENTRY_POINTS, UNROLLED_MAX_CLASSES, unrolledRowSource } from './unrolled_rows';

// The module of the 'row' and 'workgroup' variants, with the libraries it needs; the 'subgroup'
// variant's swaps the workgroup-memory reductions for shuffles (a module of its own: `enable
// subgroups` fails to compile on a device without the feature).
const source = `${workgroupReduceSource}\n${fastRowsSource}\n${logSoftmaxSource}`;
const subgroupSource = `${subgroupReduceSource}\n${fastRowsSource}\n${logSoftmaxSource}`;

export interface LogSoftmaxShape {
  rows: number;
  classes: number;
}

export const LOG_SOFTMAX_VARIANTS = ['row', 'workgroup', 'subgroup'] as const;
export type LogSoftmaxVariant = (typeof LOG_SOFTMAX_VARIANTS)[number];

/** Measured (README, "Kernels chosen per adapter"): on SwiftShader the workgroup variant is 3–560× slower. */
export const LOG_SOFTMAX_FAMILY: Family<LogSoftmaxVariant> = {
  name: 'log_softmax',
  variants: LOG_SOFTMAX_VARIANTS,
  rule: rowOrWorkgroup,
};

/** The variants this device can run. */
export function logSoftmaxVariants(device: GPUDevice): LogSoftmaxVariant[] {
  return variantsOn(device, LOG_SOFTMAX_VARIANTS);
}

export class LogSoftmax {
  private readonly params: GPUBuffer;
  /** The row variant's fast path, or null for the other variants, which run `single`. */
  private readonly fastPath: FastRows | null = null;
  private readonly fastRows: Stage | null = null;
  private readonly single: Stage | null = null;
  private readonly grid: [number, number];

  constructor(
    device: GPUDevice,
    readonly shape: LogSoftmaxShape,
    buffers: { logits: GPUBuffer; output: GPUBuffer },
    readonly label = 'LogSoftmax',
    readonly variant: LogSoftmaxVariant = 'row',
  ) {
    if (!LOG_SOFTMAX_VARIANTS.includes(variant)) {
      throw new ArgumentError('variant', `must be one of ${LOG_SOFTMAX_VARIANTS.join(', ')}, got ${String(variant)}`);
    }
    this.params = createUniformBuffer(device, `${label}.params`, 16);
    device.queue.writeBuffer(this.params, 0, new Uint32Array([shape.rows, shape.classes, 0, 0]));
    const bindings = { 0: this.params, 1: buffers.logits, 2: buffers.output };
    const constants = { WORKGROUP_SIZE: variantWorkgroupSize(device, variant, WORKGROUP_SIZE) };
    const pipeline = (entryPoint: string, module = { family: 'log_softmax', source }) =>
      computePipeline(device, { ...module, entryPoint, constants });
    if (variant === 'row') {
      const { classes } = shape;
      // Straight-line for small C (its own module per C); otherwise a vec4 of classes at a time when C is a multiple of 4.
      const rows =
        classes <= UNROLLED_MAX_CLASSES
          ? pipeline(UNROLLED_ENTRY_POINTS.log_softmax, {
              family: `log_softmax.c${classes}`,
              source: `${source}\n${unrolledRowSource('log_softmax', classes)}`,
            })
          : pipeline(`log_softmax_forward_fast${classes % 4 === 0 ? '_vec4' : ''}`);
      const pipelines = { reset: pipeline('deferred_rows_reset'), deferred: pipeline('deferred_rows_run') };
      this.fastPath = new FastRows(device, label, shape.rows, pipelines, bindings);
      this.fastRows = this.fastPath.rowsStage(rows);
    } else {
      // The same entry point for both: one row per workgroup, the lanes merging through the module's library.
      const module =
        variant === 'subgroup' ? { family: 'log_softmax_subgroup', source: subgroupSource } : { family: 'log_softmax', source };
      const single = pipeline('log_softmax_forward_workgroup', module);
      this.single = { pipeline: single, group: bindGroup(device, `${label}.forward`, single, bindings) };
    }
    // One workgroup per row, or one invocation per row.
    this.grid = variant === 'row' ? rowGrid(device, shape.rows) : rowGrid(device, shape.rows, 1);
  }

  /** The fast path's indirect arguments [x, y, z, rows deferred] after a call (tests, diagnostics); null without one. */
  get deferredArgs(): GPUBuffer | null {
    return this.fastPath?.deferredArgs ?? null;
  }

  encode(pass: GPUComputePassEncoder): void {
    if (this.fastPath && this.fastRows) {
      this.fastPath.encode(pass, this.fastRows, this.grid);
    } else if (this.single) {
      setStage(pass, this.single);
      pass.dispatchWorkgroups(this.grid[0], this.grid[1]);
    }
  }

  destroy(): void {
    this.params.destroy();
    this.fastPath?.destroy();
  }
}
