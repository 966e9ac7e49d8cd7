// GPU-resident dense layer (shaders/dense.wgsl): PyTorch's nn.Linear followed by an activation.
// Shapes: B batch rows (the capacity; setBatch runs fewer), I inputs, O outputs; x [B, I],
// weight [O, I], bias [O] → y [B, O]; dy [B, O] → dweight [O, I], dbias [O] (overwritten), dx [B, I].
// Reference: src/reference/dense.ts. Every buffer may be a range of a larger one, so that the
// trainer can pack all parameters (and all gradients) into one buffer for a one-dispatch optimizer:
// ranges of one buffer may meet in a dispatch when all are read (weight, bias) or all written
// (gradWeight, gradBias), but WebGPU refuses a buffer both read and written in one dispatch.
// In a stack of layers (DenseFusion) a layer can write its input layer's dz in place of dx, applying
// that layer's act' as it stores: the input layer then reads dz as its gradOutput and skips its own
// activation-backward dispatch, one full pass over [B, O] on SwiftShader.
import source from '../../../shaders/dense.wgsl?raw';
import { ArgumentError, integerInRange } from '../../engine/checks';
import { ACTIVATIONS, type Activation, type DenseShape } from '../../reference/dense';
import { createStorageBuffer, createUniformBuffer } from '../buffers';
import { rowGrid, WORKGROUP_SIZE } from '../dispatch';
import { type BufferResource, bindGroup, computePipeline } from '../pipelines';

export interface DenseBuffers {
  input: BufferResource; // x [B, I]
  weight: BufferResource; // [O, I]
  bias: BufferResource; // [O]
  output: BufferResource; // y [B, O]
  gradOutput: BufferResource; // dy [B, O]
  gradWeight: BufferResource; // [O, I]
  gradBias: BufferResource; // [O]
  gradInput?: BufferResource; // dx [B, I]: the first layer needs none
}

/** Fuses the activation backward of adjacent layers of a stack (see the header). */
export interface DenseFusion {
  /**
   * The layer feeding this one's x, y_in = act(z_in): gradInput receives ∂L/∂z_in = dx ⊙ act'(z_in)
   * instead of dx, so that layer can be built with gradOutputIsPreActivation.
   */
  inputActivation?: { activation: Activation; preActivation: BufferResource };
  /** gradOutput already holds dz = ∂L/∂z (the next layer's inputActivation wrote it): no dz pass. */
  gradOutputIsPreActivation?: boolean;
}

/** The shader's activation codes (its ACTIVATION override). */
const ACTIVATION_CODE: Record<Activation, number> = { linear: 0, relu: 1, tanh: 2, sigmoid: 3, gelu: 4 };

type Stage = 'forward' | 'backward_activation' | 'backward_weight' | 'backward_input' | 'backward_input_activation';

interface Dispatch {
  pipeline: GPUComputePipeline;
  group: GPUBindGroup;
  /** Workgroups for the current batch, set by setBatch so that encoding allocates nothing. */
  grid: [number, number];
}

const tiles = (n: number) => Math.ceil(n / 8); // the shader's 8×8 output tiles

export class Dense {
  /** z [B, O], the pre-activation, kept for the backward. */
  readonly preActivation: GPUBuffer;
  /** dz [B, O]; a linear layer, or one whose gradOutput already holds dz, has none and reads dy in its place. */
  private readonly gradPreActivation: GPUBuffer | null;
  private readonly params: GPUBuffer;
  private readonly dispatches = new Map<Stage, Dispatch>();
  private batch = 0;

  constructor(
    private readonly device: GPUDevice,
    readonly shape: DenseShape,
    buffers: DenseBuffers,
    readonly label = 'Dense',
    fusion: DenseFusion = {},
  ) {
    validateShape(shape);
    const { batch, inputs, outputs, activation } = shape;
    for (const [name, floats] of [
      ['input', batch * inputs],
      ['weight', outputs * inputs],
      ['bias', outputs],
      ['output', batch * outputs],
      ['gradOutput', batch * outputs],
      ['gradWeight', outputs * inputs],
      ['gradBias', outputs],
      ['gradInput', batch * inputs],
    ] as const) {
      checkSize(`buffers.${name}`, buffers[name], floats);
    }
    const { inputActivation, gradOutputIsPreActivation = false } = fusion;
    if (inputActivation) {
      if (!buffers.gradInput) throw new ArgumentError('fusion.inputActivation', "needs buffers.gradInput to write the input layer's dz to");
      checkActivation('fusion.inputActivation.activation', inputActivation.activation);
      checkSize('fusion.inputActivation.preActivation', inputActivation.preActivation, batch * inputs);
    }
    this.params = createUniformBuffer(device, `${label}.params`, 16);
    this.preActivation = createStorageBuffer(device, `${label}.preActivation`, batch * outputs * 4);
    this.gradPreActivation =
      activation === 'linear' || gradOutputIsPreActivation
        ? null
        : createStorageBuffer(device, `${label}.gradPreActivation`, batch * outputs * 4);
    const dz = this.gradPreActivation ?? buffers.gradOutput;

    const stages: [Stage, Record<number, BufferResource>][] = [
      ['forward', { 1: buffers.input, 2: buffers.weight, 3: buffers.bias, 4: this.preActivation, 5: buffers.output }],
      ['backward_weight', { 1: buffers.input, 8: dz, 9: buffers.gradWeight, 10: buffers.gradBias }],
    ];
    if (this.gradPreActivation) {
      stages.push(['backward_activation', { 4: this.preActivation, 6: buffers.gradOutput, 7: this.gradPreActivation }]);
    }
    if (inputActivation && buffers.gradInput) {
      const entries = { 2: buffers.weight, 8: dz, 11: buffers.gradInput, 12: inputActivation.preActivation };
      stages.push(['backward_input_activation', entries]);
    } else if (buffers.gradInput) {
      stages.push(['backward_input', { 2: buffers.weight, 8: dz, 11: buffers.gradInput }]);
    }
    for (const [stage, entries] of stages) {
      // backward_input_activation applies the input layer's act', so it takes that activation.
      const stageActivation = stage === 'backward_input_activation' && inputActivation ? inputActivation.activation : activation;
      const pipeline = computePipeline(device, {
        family: 'dense',
        source,
        entryPoint: `dense_${stage}${readsVec4(stage, shape) ? '_vec4' : ''}`,
        constants: { WORKGROUP_SIZE, ACTIVATION: ACTIVATION_CODE[stageActivation] },
      });
      const group = bindGroup(device, `${label}.${stage}`, pipeline, { 0: this.params, ...entries });
      this.dispatches.set(stage, { pipeline, group, grid: [0, 0] });
    }
    this.setBatch(batch);
  }

  /** Runs the submits after it on the first `rows` rows (the last, short batch of an epoch). */
  setBatch(rows: number): void {
    integerInRange('rows', rows, 1, this.shape.batch, ' (the batch the buffers hold)');
    if (rows === this.batch) return;
    this.batch = rows;
    const { inputs, outputs } = this.shape;
    this.device.queue.writeBuffer(this.params, 0, new Uint32Array([rows, inputs, outputs, 0]));
    const items: Record<Stage, number> = {
      forward: tiles(rows) * tiles(outputs),
      backward_activation: rows * outputs,
      backward_weight: tiles(outputs) * tiles(inputs),
      backward_input: tiles(rows) * tiles(inputs),
      backward_input_activation: tiles(rows) * tiles(inputs),
    };
    for (const [stage, dispatch] of this.dispatches) dispatch.grid = rowGrid(this.device, items[stage]);
  }

  /** One dispatch: z and y. */
  encodeForward(pass: GPUComputePassEncoder): void {
    this.run(pass, 'forward');
  }

  /**
   * One to three dispatches: dz (unless linear or already given), dweight with dbias, dx or the input
   * layer's dz (when a gradInput was given).
   */
  encodeBackward(pass: GPUComputePassEncoder): void {
    this.run(pass, 'backward_activation');
    this.run(pass, 'backward_weight');
    this.run(pass, 'backward_input');
    this.run(pass, 'backward_input_activation');
  }

  private run(pass: GPUComputePassEncoder, stage: Stage): void {
    const dispatch = this.dispatches.get(stage);
    if (!dispatch) return;
    const [x, y] = dispatch.grid;
    pass.setPipeline(dispatch.pipeline);
    pass.setBindGroup(0, dispatch.group);
    pass.dispatchWorkgroups(x, y);
  }

  destroy(): void {
    this.params.destroy();
    this.preActivation.destroy();
    this.gradPreActivation?.destroy();
  }
}

/**
 * Whether a stage has a *_vec4 entry point for this shape: the forward reads rows of x and weight
 * (I floats) as vec4, the backward also rows of dz (O floats), so those lengths must be multiples of 4.
 */
function readsVec4(stage: Stage, { inputs, outputs }: DenseShape): boolean {
  if (stage === 'backward_activation') return false;
  return inputs % 4 === 0 && (stage === 'forward' || outputs % 4 === 0);
}

function validateShape({ batch, inputs, outputs, activation }: DenseShape): void {
  for (const [name, value] of Object.entries({ batch, inputs, outputs })) {
    integerInRange(`shape.${name}`, value, 1);
  }
  checkActivation('shape.activation', activation);
}

function checkActivation(name: string, activation: Activation): void {
  if (!ACTIVATIONS.includes(activation)) {
    throw new ArgumentError(name, `must be one of ${ACTIVATIONS.join(', ')}, got ${String(activation)}`);
  }
}

/** A buffer (or range) too small would be read and written out of bounds silently (WebGPU clamps). */
function checkSize(name: string, resource: BufferResource | undefined, floats: number): void {
  if (!resource) return;
  const bytes = 'buffer' in resource ? (resource.size ?? resource.buffer.size - (resource.offset ?? 0)) : resource.size;
  if (bytes < floats * 4) throw new ArgumentError(name, `needs ${floats} float32 (${floats * 4} bytes), got ${bytes} bytes`);
}
