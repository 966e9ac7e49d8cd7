// The host side of shaders/lib/fast_rows.wgsl: the list of deferred rows with its indirect dispatch
// arguments, and the fast path's three dispatches: empty the list, run the ordinary rows (listing
// the others) in one of the module's fast kernels, run the listed rows through the general path,
// dispatched indirectly over the list.
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
  /** deferred_rows_reset, or a module's entry point that calls deferred_rows_empty (and more) */
  reset: GPUComputePipeline;
  /** deferred_rows_run */
  deferred: GPUComputePipeline;
}

export class FastRows {
  readonly deferredRows: GPUBuffer;
  /** [workgroups x, y, z, rows deferred]: after a call, how many rows took the general path. */
  readonly deferredArgs: GPUBuffer;
  private readonly reset: Stage;
  private readonly deferred: Stage;

  /**
   * `bindings`: the module's own, by binding number, for the fast kernels and the general path;
   * `resetBindings`: those the reset pipeline uses besides the list's. The list's (9, 10) are added here.
   */
  constructor(
    private readonly device: GPUDevice,
    private readonly label: string,
    capacity: number,
    pipelines: FastRowsPipelines,
    private readonly bindings: Record<number, GPUBuffer>,
    resetBindings: Record<number, GPUBuffer> = {},
  ) {
    this.deferredRows = createStorageBuffer(device, `${label}.deferredRows`, capacity * 4);
    this.deferredArgs = createIndirectBuffer(device, `${label}.deferredArgs`, new Uint32Array([0, 1, 1, 0]));
    this.reset = {
      pipeline: pipelines.reset,
      group: bindGroup(device, `${label}.deferredRowsReset`, pipelines.reset, { ...resetBindings, 10: this.deferredArgs }),
    };
    this.deferred = {
      pipeline: pipelines.deferred,
      group: bindGroup(device, `${label}.deferredRowsRun`, pipelines.deferred, this.withList()),
    };
  }

  private withList(): Record<number, GPUBuffer> {
    return { ...this.bindings, 9: this.deferredRows, 10: this.deferredArgs };
  }

  /** One of the module's fast kernels, bound with the module's bindings and the list. */
  rowsStage(pipeline: GPUComputePipeline): Stage {
    return { pipeline, group: bindGroup(this.device, `${this.label}.fastRows`, pipeline, this.withList()) };
  }

  /**
   * The three dispatches; `rows`: a fast kernel (rowsStage), `grid`: its workgroups, one invocation
   * per row. With `listEmptied`, an earlier dispatch of this pass has called deferred_rows_empty: two
   * dispatches.
   */
  encode(pass: GPUComputePassEncoder, rows: Stage, grid: [number, number], listEmptied = false): void {
    if (!listEmptied) {
      setStage(pass, this.reset);
      pass.dispatchWorkgroups(1);
    }
    setStage(pass, rows);
    pass.dispatchWorkgroups(grid[0], grid[1]);
    setStage(pass, this.deferred);
    pass.dispatchWorkgroupsIndirect(this.deferredArgs, 0);
  }

  destroy(): void {
    this.deferredRows.destroy();
    this.deferredArgs.destroy();
  }
}
