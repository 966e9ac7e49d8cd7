// GPU-resident row-wise log-softmax (shaders/log_softmax.wgsl), in three variants behind one interface:
// 'row' gives each row to one invocation (fastest on SwiftShader, where workgroup memory and
// barriers are slow); 'workgroup' gives each row to a workgroup that reduces through workgroup
// memory (for real GPUs and long rows); 'subgroup' gives each row to one subgroup that reduces
// through subgroup shuffles (shaders/log_softmax_subgroup.wgsl; only on a device with the
// 'subgroups' feature). src/gpu/kernelChoice.ts picks one per adapter and shape.
// Shapes: N rows, C classes; logits [N, C] → output [N, C]. Reference: src/reference/log_softmax.ts.

import workgroupReduceSource from '../../../shaders/lib/workgroup_reduce.wgsl?raw';
import logSoftmaxSource from '../../../shaders/log_softmax.wgsl?raw';
import subgroupSource from '../../../shaders/log_softmax_subgroup.wgsl?raw';
import { ArgumentError } from '../../engine/checks';
import { createUniformBuffer } from '../buffers';
import { rowGrid, WORKGROUP_SIZE } from '../dispatch';
import { type Family, rowOrWorkgroup } from '../kernelChoice';
import { bindGroup, computePipeline } from '../pipelines';

// The module of the 'row' and 'workgroup' variants, with the workgroup reductions it needs.
const source = `${workgroupReduceSource}\n${logSoftmaxSource}`;

export interface LogSoftmaxShape {
  rows: number;
  classes: number;
}

export const LOG_SOFTMAX_VARIANTS = ['row', 'workgroup', 'subgroup'] as const;
export type LogSoftmaxVariant = (typeof LOG_SOFTMAX_VARIANTS)[number];

/** Measured (README, "Kernels chosen per adapter"): on SwiftShader the workgroup variant is 4–190× slower. */
export const LOG_SOFTMAX_FAMILY: Family<LogSoftmaxVariant> = {
  name: 'log_softmax',
  variants: LOG_SOFTMAX_VARIANTS,
  rule: rowOrWorkgroup,
};

const ENTRY_POINTS: Record<LogSoftmaxVariant, string> = {
  row: 'log_softmax_forward',
  workgroup: 'log_softmax_forward_workgroup',
  subgroup: 'log_softmax_forward_subgroup',
};

/**
 * The workgroup size of the 'subgroup' variant on this device: the adapter's smallest subgroup size
 * (so that a workgroup is one subgroup), or null where the device lacks the 'subgroups' feature.
 */
export function subgroupWidth(device: GPUDevice): number | null {
  const size = (device.adapterInfo as GPUAdapterInfo | undefined)?.subgroupMinSize;
  if (!device.features.has('subgroups') || !size || size > 128 || (size & (size - 1)) !== 0) return null;
  return size;
}

/** The variants this device can run. */
export function logSoftmaxVariants(device: GPUDevice): LogSoftmaxVariant[] {
  return LOG_SOFTMAX_VARIANTS.filter((variant) => variant !== 'subgroup' || subgroupWidth(device) !== null);
}

export class LogSoftmax {
  private readonly pipeline: GPUComputePipeline;
  private readonly params: GPUBuffer;
  private readonly group: GPUBindGroup;
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
    const width = subgroupWidth(device);
    if (variant === 'subgroup' && width === null) {
      throw new ArgumentError('variant', "'subgroup' needs a device with the 'subgroups' feature (requestDevice's requiredFeatures)");
    }
    this.pipeline = computePipeline(device, {
      // Its own module: `enable subgroups` would not compile on a device without the feature.
      family: variant === 'subgroup' ? 'log_softmax_subgroup' : 'log_softmax',
      source: variant === 'subgroup' ? subgroupSource : source,
      // The row variant reads and writes a vec4 of classes at a time when C is a multiple of 4 (the same bits).
      entryPoint: `${ENTRY_POINTS[variant]}${variant === 'row' && shape.classes % 4 === 0 ? '_vec4' : ''}`,
      constants: { WORKGROUP_SIZE: variant === 'subgroup' && width !== null ? width : WORKGROUP_SIZE },
    });
    this.params = createUniformBuffer(device, `${label}.params`, 16);
    device.queue.writeBuffer(this.params, 0, new Uint32Array([shape.rows, shape.classes, 0, 0]));
    this.group = bindGroup(device, `${label}.forward`, this.pipeline, { 0: this.params, 1: buffers.logits, 2: buffers.output });
    // One workgroup per row, or one invocation per row.
    this.grid = variant === 'row' ? rowGrid(device, shape.rows) : rowGrid(device, shape.rows, 1);
  }

  encode(pass: GPUComputePassEncoder): void {
    pass.setPipeline(this.pipeline);
    pass.setBindGroup(0, this.group);
    pass.dispatchWorkgroups(this.grid[0], this.grid[1]);
  }

  destroy(): void {
    this.params.destroy();
  }
}
