// Deterministic GPU sum (shaders/reduce_sum.wgsl): values [count] → partials → result[0] / divisor.
// Owns its uniforms, partials and bind groups; encode() only records dispatches.
import source from '../../../shaders/reduce_sum.wgsl?raw';
import { integerInRange } from '../../core/checks';
import { createStorageBuffer, createUniformBuffer } from '../buffers';
import { WORKGROUP_SIZE } from '../dispatch';
import { bindGroup, computePipeline } from '../pipelines';
import { uniformLayout } from '../uniformLayout';

/** Values per partial: a short serial loop per invocation, few partials for the final pass. */
export const REDUCE_CHUNK = 256;

export type Divisor = { buffer: GPUBuffer } | { constant: number };

export interface ReduceSumBuffers {
  values: GPUBuffer;
  result: GPUBuffer;
  divisor: Divisor;
}

export class ReduceSum {
  private readonly chunksPipeline: GPUComputePipeline;
  private readonly finalPipeline: GPUComputePipeline;
  private readonly chunksParams: GPUBuffer;
  private readonly finalParams: GPUBuffer;
  readonly partials: GPUBuffer;
  private readonly divisorPlaceholder: GPUBuffer | null;
  private readonly chunksGroup: GPUBindGroup | null;
  private readonly finalGroup: GPUBindGroup;
  private readonly divisorFromBuffer: boolean;
  /** Values summed now: at most the capacity given at construction (see setCount). */
  private count: number;
  private constantDivisor: number;

  /** Sums `capacity` values; with `skipChunks`, `values` already are the partials (a few thousand at most). */
  constructor(
    private readonly device: GPUDevice,
    readonly label: string,
    readonly capacity: number,
    buffers: ReduceSumBuffers,
    readonly skipChunks = false,
    /** Sum the squares: a squared L2 norm. */
    readonly squared = false,
  ) {
    const constants = { WORKGROUP_SIZE, SQUARE_VALUES: squared ? 1 : 0 };
    this.chunksPipeline = computePipeline(device, { family: 'reduce_sum', source, entryPoint: 'sum_chunks', constants });
    this.finalPipeline = computePipeline(device, { family: 'reduce_sum', source, entryPoint: 'sum_final' });
    this.count = capacity;
    this.partials = skipChunks ? buffers.values : createStorageBuffer(device, `${label}.partials`, this.partialCount * 4);
    const { divisor } = buffers;
    let divisorBuffer: GPUBuffer;
    if ('buffer' in divisor) {
      divisorBuffer = divisor.buffer;
      this.divisorPlaceholder = null;
    } else {
      // sum_final declares the divisor binding either way; a constant divisor leaves it unread.
      divisorBuffer = createStorageBuffer(device, `${label}.unusedDivisor`, 4);
      this.divisorPlaceholder = divisorBuffer;
    }
    this.divisorFromBuffer = 'buffer' in divisor;
    this.constantDivisor = 'constant' in divisor ? divisor.constant : 1;

    this.chunksParams = createUniformBuffer(device, `${label}.chunksParams`, PARAMS.size);
    this.finalParams = createUniformBuffer(device, `${label}.finalParams`, PARAMS.size);
    this.writeParams();

    this.chunksGroup = skipChunks
      ? null
      : bindGroup(device, `${label}.sumChunks`, this.chunksPipeline, { 0: this.chunksParams, 1: buffers.values, 2: this.partials });
    this.finalGroup = bindGroup(device, `${label}.sumFinal`, this.finalPipeline, {
      0: this.finalParams,
      2: this.partials,
      3: divisorBuffer,
      4: buffers.result,
    });
  }

  private get partialCount(): number {
    return this.skipChunks ? this.count : Math.ceil(this.count / REDUCE_CHUNK);
  }

  private writeParams(): void {
    this.device.queue.writeBuffer(this.chunksParams, 0, paramsData(this.count, REDUCE_CHUNK, false, 1));
    this.device.queue.writeBuffer(this.finalParams, 0, paramsData(this.partialCount, 0, this.divisorFromBuffer, this.constantDivisor));
  }

  /** For a constant divisor: e.g. R for a 'mean', 1 for a 'sum'. */
  setConstantDivisor(divisor: number): void {
    this.constantDivisor = divisor;
    this.writeParams();
  }

  /** Sums the first `count` values (≤ capacity) from the next submit on: a smaller batch. */
  setCount(count: number): void {
    integerInRange('count', count, 1, this.capacity);
    this.count = count;
    this.writeParams();
  }

  encode(pass: GPUComputePassEncoder): void {
    if (this.chunksGroup) {
      pass.setPipeline(this.chunksPipeline);
      pass.setBindGroup(0, this.chunksGroup);
      pass.dispatchWorkgroups(Math.ceil(this.partialCount / WORKGROUP_SIZE));
    }
    pass.setPipeline(this.finalPipeline);
    pass.setBindGroup(0, this.finalGroup);
    pass.dispatchWorkgroups(1);
  }

  destroy(): void {
    this.chunksParams.destroy();
    this.finalParams.destroy();
    if (!this.skipChunks) this.partials.destroy();
    this.divisorPlaceholder?.destroy();
  }
}

/** shaders/reduce_sum.wgsl's Params, field by field. */
const PARAMS = uniformLayout([
  ['count', 'u32'],
  ['chunk', 'u32'],
  ['divisorFromBuffer', 'u32'],
  ['constantDivisor', 'f32'],
] as const);

function paramsData(count: number, chunk: number, fromBuffer: boolean, constantDivisor: number): ArrayBuffer {
  return PARAMS.pack({ count, chunk, divisorFromBuffer: fromBuffer ? 1 : 0, constantDivisor });
}
