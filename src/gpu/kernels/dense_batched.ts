// A dense layer of every run of a sweep at once (shaders/dense_batched.wgsl): the run is the
// dispatch's z dimension, so one forward or backward stage is one dispatch whatever the run count.
// Shapes: R runs, B rows (capacity; setBatch runs fewer), I inputs, O outputs, L floats per run.
// theta, dtheta [R, L]; x [R, B, I] or [B, I] shared (the first layer); z, y, dy [R, B, O]; dx [R, B, I].
// Reference: each run is src/gpu/kernels/dense.ts's plain kernels on that run's slices.
import plainSource from '../../../shaders/dense.wgsl?raw';
import batchedSource from '../../../shaders/dense_batched.wgsl?raw';
import { integerInRange } from '../../core/checks';
import type { Activation } from '../../core/types';
import { createStorageBuffer, createUniformBuffer } from '../buffers';
import { rowGrid, WORKGROUP_SIZE } from '../dispatch';
import { bindGroup, computePipeline } from '../pipelines';
import { uniformLayout } from '../uniformLayout';
import { ACTIVATION_CODE } from './dense';

/** dense.wgsl first: the batched kernels use its activations and overrides. */
const source = `${plainSource}\n${batchedSource}`;

/** shaders/dense_batched.wgsl's BatchedShape, field by field. */
const SHAPE = uniformLayout([
  ['batch', 'u32'],
  ['inputs', 'u32'],
  ['outputs', 'u32'],
  ['layoutLength', 'u32'],
  ['weightOffset', 'u32'],
  ['biasOffset', 'u32'],
  ['xRunStride', 'u32'],
  ['rowStride', 'u32'],
  ['dxRunStride', 'u32'],
  ['_pad0', '_pad'],
  ['_pad1', '_pad'],
  ['_pad2', '_pad'],
] as const);

export interface DenseBatchedShape {
  runs: number;
  batch: number;
  inputs: number;
  outputs: number;
  activation: Activation;
  /** L: floats per run in theta and dtheta. */
  layoutLength: number;
  /** Where the layer's weight and bias sit within a run's L floats. */
  weight: { offset: number };
  bias: { offset: number };
  /** x is one [B, I] batch read by every run (the first layer), not [R, B, I]. */
  sharedInput: boolean;
}

export interface DenseBatchedBuffers {
  input: GPUBuffer; // x
  theta: GPUBuffer; // [R, L] parameters
  dtheta: GPUBuffer; // [R, L] gradients, overwritten at this layer's slots
  gradOutput: GPUBuffer; // dy [R, B, O], written by the layer above or the loss
  gradInput?: GPUBuffer; // dx [R, B, I]: the first layer needs none
}

type Stage = 'forward' | 'backward_activation' | 'backward_weight' | 'backward_input';
interface StageDispatch {
  stage: Stage;
  pipeline: GPUComputePipeline;
  group: GPUBindGroup;
  grid: [number, number];
}

export class DenseBatched {
  /** z [R, B, O], kept for the backward. */
  readonly preActivation: GPUBuffer;
  /** y = act(z) [R, B, O]: the next layer's input, or the logits. */
  readonly output: GPUBuffer;
  /** dz [R, B, O]; null for a linear layer, which reads dy in its place. */
  private readonly gradPreActivation: GPUBuffer | null;
  private readonly uniforms: GPUBuffer;
  /** forward first, then the backward's stages in order (made once: encoding allocates nothing). */
  private readonly stages: StageDispatch[] = [];
  private readonly backward: StageDispatch[];
  private rows = 0;

  constructor(
    private readonly device: GPUDevice,
    readonly shape: DenseBatchedShape,
    buffers: DenseBatchedBuffers,
    readonly label = 'DenseBatched',
  ) {
    const { runs, batch, outputs, activation } = shape;
    const floats = runs * batch * outputs;
    this.uniforms = createUniformBuffer(device, `${label}.shape`, SHAPE.size);
    this.preActivation = createStorageBuffer(device, `${label}.preActivation`, floats * 4);
    this.output = createStorageBuffer(device, `${label}.output`, floats * 4);
    this.gradPreActivation = activation === 'linear' ? null : createStorageBuffer(device, `${label}.gradPreActivation`, floats * 4);
    const dz = this.gradPreActivation ?? buffers.gradOutput;
    const bindings: Record<Stage, Record<number, GPUBuffer>> = {
      forward: { 21: buffers.input, 22: buffers.theta, 23: this.preActivation, 24: this.output },
      backward_activation: { 23: this.preActivation, 25: buffers.gradOutput, 26: dz },
      backward_weight: { 21: buffers.input, 27: dz, 28: buffers.dtheta },
      backward_input: { 22: buffers.theta, 27: dz, 29: buffers.gradInput ?? dz },
    };
    const stages: Stage[] = ['forward'];
    if (this.gradPreActivation) stages.push('backward_activation');
    stages.push('backward_weight');
    if (buffers.gradInput) stages.push('backward_input');
    for (const stage of stages) {
      const entryPoint = `dense_batched_${stage}`;
      // The weight and input products do not apply an activation: one pipeline for every layer.
      const constants: Record<string, number> = { WORKGROUP_SIZE };
      if (stage === 'forward' || stage === 'backward_activation') constants.ACTIVATION = ACTIVATION_CODE[activation];
      const pipeline = computePipeline(device, { family: 'dense_batched', source, entryPoint, constants });
      const group = bindGroup(device, `${label}.${stage}`, pipeline, { 20: this.uniforms, ...bindings[stage] });
      this.stages.push({ stage, pipeline, group, grid: [0, 0] });
    }
    this.backward = this.stages.slice(1);
    this.setBatch(batch);
  }

  /** Runs the submits after it on the first `rows` rows of every run. */
  setBatch(rows: number): void {
    integerInRange('rows', rows, 1, this.shape.batch, ' (the batch the buffers hold)');
    if (rows === this.rows) return;
    this.rows = rows;
    const { batch, inputs, outputs, layoutLength, weight, bias, sharedInput } = this.shape;
    const values = {
      batch: rows,
      inputs,
      outputs,
      layoutLength,
      weightOffset: weight.offset,
      biasOffset: bias.offset,
      xRunStride: sharedInput ? 0 : batch * inputs,
      rowStride: batch * outputs,
      dxRunStride: batch * inputs,
    };
    this.device.queue.writeBuffer(this.uniforms, 0, SHAPE.pack(values));
    for (const entry of this.stages) {
      const items = entry.stage === 'backward_weight' ? outputs * inputs : rows * (entry.stage === 'backward_input' ? inputs : outputs);
      entry.grid = rowGrid(this.device, items);
    }
  }

  /** One dispatch: z and y of every run. */
  encodeForward(pass: GPUComputePassEncoder): void {
    this.encode(pass, this.stages[0]);
  }

  /** Two or three dispatches: dz (unless linear), dweight with dbias, dx (when a gradInput was given). */
  encodeBackward(pass: GPUComputePassEncoder): void {
    for (const entry of this.backward) this.encode(pass, entry);
  }

  private encode(pass: GPUComputePassEncoder, { pipeline, group, grid }: StageDispatch): void {
    pass.setPipeline(pipeline);
    pass.setBindGroup(0, group);
    pass.dispatchWorkgroups(grid[0], grid[1], this.shape.runs);
  }

  destroy(): void {
    this.uniforms.destroy();
    this.preActivation.destroy();
    this.output.destroy();
    this.gradPreActivation?.destroy();
  }
}
