// The host side of shaders/lib/fast_rows.wgsl: the list of deferred rows with its indirect dispatch
// arguments, and the fast path's three dispatches: empty the list, run the ordinary rows (listing
// the others), run the listed rows through the general path, dispatched indirectly over the list.
import { createIndirectBuffer, createStorageBuffer } from '../buffers';
import { bindGroup } from '../pipelines';

/** A pipeline and its bind group. */
export interface Stage {
  pipeline: GPUComputePipeline;
  group: GPUBindGroup;
}

export function setStage(pass: GPUComputePassEncoder, stage: Stage): void {
  pass.setPipeline(stage.pipeline);
  pass.setBindGroup(0, stage.group);
}

export interface FastRowsPipelines {
  /** deferred_rows_reset */
  reset: GPUComputePipeline;
  /** the module's fast kernel */
  rows: GPUComputePipeline;
  /** deferred_rows_run */
  deferred: GPUComputePipeline;
}

export class FastRows {
  readonly deferredRows: GPUBuffer;
  /** [workgroups x, y, z, rows deferred]: after a call, how many rows took the general path. */
  readonly deferredArgs: GPUBuffer;
  private readonly reset: Stage;
  private readonly rows: Stage;
  private readonly deferred: Stage;

  /** `bindings`: the module's own, by binding number; the list's (9, 10) are added here. */
  constructor(device: GPUDevice, label: string, capacity: number, pipelines: FastRowsPipelines, bindings: Record<number, GPUBuffer>) {
    this.deferredRows = createStorageBuffer(device, `${label}.deferredRows`, capacity * 4);
    this.deferredArgs = createIndirectBuffer(device, `${label}.deferredArgs`, new Uint32Array([0, 1, 1, 0]));
    const withList = { ...bindings, 9: this.deferredRows, 10: this.deferredArgs };
    this.reset = {
      pipeline: pipelines.reset,
      group: bindGroup(device, `${label}.deferredRowsReset`, pipelines.reset, { 10: this.deferredArgs }),
    };
    this.rows = { pipeline: pipelines.rows, group: bindGroup(device, `${label}.fastRows`, pipelines.rows, withList) };
    this.deferred = { pipeline: pipelines.deferred, group: bindGroup(device, `${label}.deferredRowsRun`, pipelines.deferred, withList) };
  }

  /**
   * The three dispatches; `grid`: the fast kernel's workgroups, one invocation per row. With
   * `listEmptied`, an earlier dispatch of this pass has called deferred_rows_empty: two dispatches.
   */
  encode(pass: GPUComputePassEncoder, grid: [number, number], listEmptied = false): void {
    if (!listEmptied) {
      setStage(pass, this.reset);
      pass.dispatchWorkgroups(1);
    }
    setStage(pass, this.rows);
    pass.dispatchWorkgroups(grid[0], grid[1]);
    setStage(pass, this.deferred);
    pass.dispatchWorkgroupsIndirect(this.deferredArgs, 0);
  }

  destroy(): void {
    this.deferredRows.destroy();
    this.deferredArgs.destroy();
  }
}
