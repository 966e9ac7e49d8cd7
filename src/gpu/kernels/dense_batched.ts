// A dense layer of every run of a sweep at once: Dense's kernels (any variant, any fusion) with a run
// index, the run being the dispatch's z dimension, so one stage is one dispatch whatever the run
// count (shaders/dense_batched.wgsl says how the source is shifted). Shapes: R runs, B rows
// (capacity; setBatch runs fewer), I inputs, O outputs, L floats per run; theta, dtheta [R, L];
// x [R, B, I] or [B, I] shared (the first layer); z, y, dy [R, B, O]; dx [R, B, I].
// Reference: each run is Dense on that run's slices, bit for bit.
import batchedSource from '../../../shaders/dense_batched.wgsl?raw';
import { integerInRange } from '../../core/checks';
import type { DenseShape } from '../../core/types';
import { createStorageBuffer, createUniformBuffer } from '../buffers';
import { type BufferResource, bindGroup, computePipeline } from '../pipelines';
import { DENSE_PARAMS, type DenseKernel, type DensePlanOptions, definedEntries, densePlan, type Stage, stageGrid } from './dense';

/** Storage arrays by the run base their indices take (vec4 views take the base in vec4s). */
const BASES: [base: string, arrays: string[]][] = [
  ['run_x', ['x']],
  ['run_x4', ['x_vec4']],
  ['run_theta', ['weight', 'bias', 'dweight']],
  ['dweight[run_theta + run_strides.bias_from_weight', ['dbias']],
  ['run_theta4', ['weight_vec4']],
  ['run_rows', ['z', 'y', 'dy', 'dz_out', 'dz']],
  ['run_rows4', ['dz_vec4']],
  ['run_dx', ['dx', 'input_z']],
  ['run_dx4', ['dx_vec4', 'input_z_vec4']],
];

const ENTRY_POINT = /(fn \w+\(@builtin\(global_invocation_id\) gid: vec3u, @builtin\(num_workgroups\) groups: vec3u\) \{)/g;

/** Dense's module with every storage index shifted by its run's base and each entry point entering its run. */
export function runIndexedSource(source: string): string {
  let shifted = source;
  for (const [base, arrays] of BASES) {
    for (const array of arrays) {
      const target = base.includes('[') ? `${base} + ` : `${array}[${base} + `;
      shifted = shifted.replace(new RegExp(`(?<![\\w.])${array}\\[`, 'g'), target);
    }
  }
  return `${shifted.replace(ENTRY_POINT, '$1\n  enter_run(gid.z);')}\n${batchedSource}`;
}

export interface DenseBatchedShape extends DenseShape {
  runs: number;
  /** L: floats per run in theta and dtheta. */
  layoutLength: number;
  /** x is one [B, I] batch read by every run (the first layer), not [R, B, I]. */
  sharedInput: boolean;
}

export interface DenseBatchedBuffers {
  input: GPUBuffer; // x
  /** This layer's weight and bias from run 0 of [R, L] buffers: ranges of params. */
  weight: BufferResource;
  bias: BufferResource;
  /** The gradients from this layer's weight in run 0 of the [R, L] grads to past its bias in the last run. */
  gradWeightAndBias: BufferResource;
  /** The bias's offset minus the weight's, in floats, within a run's L. */
  biasFromWeight: number;
  output: GPUBuffer; // y [R, B, O]
  gradOutput: GPUBuffer; // dy [R, B, O]
  gradInput?: GPUBuffer; // dx [R, B, I]
}

/** Dense's fusion, with the layer below's z [R, B, I] for inputActivation. */
export interface DenseBatchedFusion extends Omit<DensePlanOptions, 'gradInput'> {
  inputPreActivation?: GPUBuffer;
}

interface Dispatch {
  stage: Stage;
  pipeline: GPUComputePipeline;
  group: GPUBindGroup;
  grid: [number, number];
  tile: number;
}

export class DenseBatched {
  /** z [R, B, O], kept for the backward (and read as x by the layer above when it is fused). */
  readonly preActivation: GPUBuffer;
  private readonly gradPreActivation: GPUBuffer | null;
  private readonly params: GPUBuffer;
  private readonly strides: GPUBuffer;
  private readonly forward: Dispatch;
  private readonly backward: Dispatch[];
  private batch = 0;

  constructor(
    private readonly device: GPUDevice,
    readonly shape: DenseBatchedShape,
    buffers: DenseBatchedBuffers,
    readonly label: string,
    fusion: DenseBatchedFusion,
    variant: DenseKernel,
    readonly workgroupSize: number,
  ) {
    const { runs, batch, inputs, outputs, activation } = shape;
    const rows = runs * batch * outputs;
    this.params = createUniformBuffer(device, `${label}.params`, DENSE_PARAMS.size);
    this.strides = createUniformBuffer(device, `${label}.runStrides`, 32);
    const xStride = shape.sharedInput ? 0 : batch * inputs;
    device.queue.writeBuffer(
      this.strides,
      0,
      new Uint32Array([xStride, shape.layoutLength, batch * outputs, batch * inputs, buffers.biasFromWeight, 0, 0, 0]),
    );
    this.preActivation = createStorageBuffer(device, `${label}.preActivation`, rows * 4);
    const { gradOutputIsPreActivation = false, inputPreActivation } = fusion;
    this.gradPreActivation =
      activation === 'linear' || gradOutputIsPreActivation ? null : createStorageBuffer(device, `${label}.gradPreActivation`, rows * 4);
    const dz = this.gradPreActivation ?? buffers.gradOutput;
    const input = fusion.inputFromPreActivation && inputPreActivation ? inputPreActivation : buffers.input;
    const bindings: Record<Stage, Record<number, BufferResource | undefined>> = {
      forward: { 1: input, 2: buffers.weight, 3: buffers.bias, 4: this.preActivation, 5: buffers.output },
      backward_activation: { 4: this.preActivation, 6: buffers.gradOutput, 7: this.gradPreActivation ?? undefined },
      backward_weight: { 1: input, 8: dz, 9: buffers.gradWeightAndBias },
      backward_input: { 2: buffers.weight, 8: dz, 11: buffers.gradInput },
      backward_input_activation: { 2: buffers.weight, 8: dz, 11: buffers.gradInput, 12: inputPreActivation },
    };
    const plan = densePlan(shape, { ...fusion, gradInput: Boolean(buffers.gradInput) }, variant, workgroupSize);
    const dispatches = plan.map(({ stage, spec, tile }) => {
      const pipeline = computePipeline(device, { ...spec, family: 'dense_batched', source: runIndexedSource(spec.source) });
      const group = bindGroup(device, `${label}.${stage}`, pipeline, {
        0: this.params,
        13: this.strides,
        ...definedEntries(bindings[stage]),
      });
      return { stage, pipeline, group, grid: [0, 0] as [number, number], tile };
    });
    // Dense's order: forward; then dz, dweight and dx.
    const order: Stage[] = ['backward_activation', 'backward_weight', 'backward_input', 'backward_input_activation'];
    this.forward = dispatches.find((d) => d.stage === 'forward') as Dispatch;
    this.backward = order.flatMap((stage) => dispatches.filter((d) => d.stage === stage));
    this.setBatch(batch);
  }

  /** Runs the submits after it on the first `rows` rows of every run. */
  setBatch(rows: number): void {
    integerInRange('rows', rows, 1, this.shape.batch, ' (the batch the buffers hold)');
    if (rows === this.batch) return;
    this.batch = rows;
    const { inputs, outputs } = this.shape;
    this.device.queue.writeBuffer(this.params, 0, DENSE_PARAMS.pack({ batch: rows, inputs, outputs }));
    for (const dispatch of [this.forward, ...this.backward]) {
      dispatch.grid = stageGrid(this.device, dispatch.stage, rows, this.shape, dispatch.tile, this.workgroupSize);
    }
  }

  /** One dispatch: z (and y unless fused away) of every run. */
  encodeForward(pass: GPUComputePassEncoder): void {
    this.encode(pass, this.forward);
  }

  /** One to three dispatches, as Dense.encodeBackward, each for every run. */
  encodeBackward(pass: GPUComputePassEncoder): void {
    for (const dispatch of this.backward) this.encode(pass, dispatch);
  }

  private encode(pass: GPUComputePassEncoder, { pipeline, group, grid }: Dispatch): void {
    pass.setPipeline(pipeline);
    pass.setBindGroup(0, group);
    pass.dispatchWorkgroups(grid[0], grid[1], this.shape.runs);
  }

  destroy(): void {
    for (const buffer of [this.params, this.strides, this.preActivation, this.gradPreActivation]) buffer?.destroy();
  }
}
