// GPU-resident row-wise log-softmax (shaders/log_softmax.wgsl).
// Shapes: N rows, C classes; logits [N, C] → output [N, C]. Reference: src/reference/log_softmax.ts.
import source from '../../../shaders/log_softmax.wgsl?raw';
import { createUniformBuffer } from '../buffers';
import { rowGrid, WORKGROUP_SIZE } from '../dispatch';
import { bindGroup, computePipeline } from '../pipelines';

export interface LogSoftmaxShape {
  rows: number;
  classes: number;
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
  ) {
    this.pipeline = computePipeline(device, {
      family: 'log_softmax',
      source,
      entryPoint: 'log_softmax_forward',
      constants: { WORKGROUP_SIZE },
    });
    this.params = createUniformBuffer(device, `${label}.params`, 16);
    device.queue.writeBuffer(this.params, 0, new Uint32Array([shape.rows, shape.classes, 0, 0]));
    this.group = bindGroup(device, `${label}.forward`, this.pipeline, { 0: this.params, 1: buffers.logits, 2: buffers.output });
    this.grid = rowGrid(device, shape.rows);
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
