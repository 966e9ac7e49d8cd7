// GPU-resident dense layer (shaders/dense.wgsl, the plain kernels; shaders/dense_tiled.wgsl and
// dense_variants.ts, the tiled ones): PyTorch's nn.Linear followed by an activation.
// Shapes: B batch rows (the capacity; setBatch runs fewer), I inputs, O outputs; x [B, I],
// weight [O, I], bias [O] → y [B, O]; dy [B, O] → dweight [O, I], dbias [O] (overwritten), dx [B, I].
// Reference: src/reference/dense.ts. Every buffer may be a range of a larger one, so that the
// trainer can pack all parameters (and all gradients) into one buffer for a one-dispatch optimizer:
// ranges of one buffer may meet in a dispatch when all are read (weight, bias) or all written
// (gradWeight, gradBias), but WebGPU refuses a buffer both read and written in one dispatch.
// In a stack of layers (DenseFusion) a layer can write its input layer's dz in place of dx, applying
// that layer's act' as it stores: the input layer then reads dz as its gradOutput and skips its own
// activation-backward dispatch, one full pass over [B, O].
import plainSource from '../../../shaders/dense.wgsl?raw';
import tiledSource from '../../../shaders/dense_tiled.wgsl?raw';
import { ArgumentError, integerInRange } from '../../core/checks';
import { ACTIVATIONS, type Activation, type DenseShape } from '../../core/types';
import { createStorageBuffer, createUniformBuffer } from '../buffers';
import { rowGrid, WORKGROUP_SIZE } from '../dispatch';
import { adapterFacts, type Family, isCpuAdapter } from '../kernelChoice';
import { type BufferResource, bindGroup, computePipeline, computePipelineAsync, type PipelineSpec } from '../pipelines';
import { uniformLayout } from '../uniformLayout';
import { type DenseLoads, type DenseProduct, tiledEntryPointName, tiledEntryPoints } from './dense_variants';

/** One module for every entry point: the plain kernels, the tiled ones' loads and stores, the tiled entry points. */
const source = [plainSource, tiledSource, tiledEntryPoints()].join('\n');

/** shaders/dense.wgsl's Params, field by field. */
export const DENSE_PARAMS = uniformLayout([
  ['batch', 'u32'], // B: rows in this batch
  ['inputs', 'u32'], // I
  ['outputs', 'u32'], // O
  ['_pad', '_pad'],
] as const);

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
  /**
   * With inputActivation: read x as act(z_in) from its preActivation instead of buffers.input, so
   * that the layer below can be built with skipOutput (buffers.input is then not read).
   */
  inputFromPreActivation?: boolean;
  /** gradOutput already holds dz = ∂L/∂z (the next layer's inputActivation wrote it): no dz pass. */
  gradOutputIsPreActivation?: boolean;
  /** Store z only, not y = act(z): the layer above reads z (inputFromPreActivation). */
  skipOutput?: boolean;
}

/** What decides a Dense's pipelines: its fusion without the buffers, and whether it writes a gradInput. */
export type DensePlanOptions = Omit<DenseFusion, 'inputActivation'> & { gradInput: boolean; inputActivation?: Activation };

/** The shader's activation codes (its ACTIVATION override). */
export const ACTIVATION_CODE: Record<Activation, number> = { linear: 0, relu: 1, tanh: 2, sigmoid: 3, gelu: 4 };

export type Stage = 'forward' | 'backward_activation' | 'backward_weight' | 'backward_input' | 'backward_input_activation';

interface Dispatch {
  pipeline: GPUComputePipeline;
  group: GPUBindGroup;
  /** Workgroups for the current batch, set by setBatch so that encoding allocates nothing. */
  grid: [number, number];
  /** The side of each invocation's output tile (0: one element per invocation). */
  tile: number;
}

/**
 * The size of the output tile each invocation of a matmul computes. 16×16 (vec4 entry points only;
 * the scalar ones use 8×8) loads half as much per multiply-add as 8×8, which wins on CPU adapters,
 * where every load is a gather and workgroups run one after another; 8×8 keeps 4× more invocations
 * busy on a real GPU. 4×4 loads twice as much as 8×8 but compiles several times faster than 8×8, and
 * 16×16 slowest: the trainer starts on 4×4. All sum the same products in the same order: the results
 * are identical.
 */
export const DENSE_VARIANTS = ['tile4', 'tile8', 'tile16'] as const;
export type DenseVariant = (typeof DENSE_VARIANTS)[number];
/**
 * A DenseVariant, or 'plain': one output element per invocation (shaders/dense.wgsl), the version to
 * read first; it equals the tiles bit for bit where they load scalars (I, or for the backward O, not
 * a multiple of 4). Not an adapter's choice: it loads far more per multiply-add.
 */
export type DenseKernel = DenseVariant | 'plain';
const DENSE_KERNELS: readonly DenseKernel[] = [...DENSE_VARIANTS, 'plain'];

/** The rule keyed on the adapter (README, "Kernels chosen per adapter"). */
export const DENSE_FAMILY: Family<DenseVariant> = {
  name: 'dense',
  variants: DENSE_VARIANTS,
  rule: (facts) => (isCpuAdapter(facts) ? 'tile16' : 'tile8'),
};

/** The variant for a device whose adapter is unknown to the caller: GPUDevice.adapterInfo, where there is one. */
export function denseVariantFor(device: GPUDevice): DenseVariant {
  return DENSE_FAMILY.rule(adapterFacts(device.adapterInfo as GPUAdapterInfo | undefined), '');
}

/**
 * Invocations per workgroup: 4 on CPU adapters (SwiftShader's SIMD width), 64 elsewhere. Chromium's
 * SwiftShader runs the workgroups of a dispatch on several threads, and the MLP's matmuls have few
 * tiles (16–256): in 4-lane workgroups they spread over the cores, which made the page bench's
 * 2→64→64→10 step faster (README). NT-Xent, whose dispatches have thousands of invocations, got
 * slower with it and keeps 64. On a GPU, 64 keeps lanes busy. The results do not depend on it.
 */
export function denseWorkgroupSize(device: GPUDevice): number {
  return isCpuAdapter(adapterFacts(device.adapterInfo as GPUAdapterInfo | undefined)) ? 4 : WORKGROUP_SIZE;
}

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
    readonly variant: DenseKernel = 'tile8',
    /** Per adapter by default; the results do not depend on it. */
    readonly workgroupSize = denseWorkgroupSize(device),
  ) {
    validateShape(shape);
    if (!DENSE_KERNELS.includes(variant)) {
      throw new ArgumentError('variant', `must be one of ${DENSE_KERNELS.join(', ')}, got ${String(variant)}`);
    }
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
    this.params = createUniformBuffer(device, `${label}.params`, DENSE_PARAMS.size);
    this.preActivation = createStorageBuffer(device, `${label}.preActivation`, batch * outputs * 4);
    this.gradPreActivation =
      activation === 'linear' || gradOutputIsPreActivation
        ? null
        : createStorageBuffer(device, `${label}.gradPreActivation`, batch * outputs * 4);
    const dz = this.gradPreActivation ?? buffers.gradOutput;

    const input = fusion.inputFromPreActivation && inputActivation ? inputActivation.preActivation : buffers.input;
    const bindings: Record<Stage, Record<number, BufferResource | undefined>> = {
      forward: { 1: input, 2: buffers.weight, 3: buffers.bias, 4: this.preActivation, 5: buffers.output },
      backward_activation: { 4: this.preActivation, 6: buffers.gradOutput, 7: this.gradPreActivation ?? undefined },
      backward_weight: { 1: input, 8: dz, 9: buffers.gradWeight, 10: buffers.gradBias },
      backward_input: { 2: buffers.weight, 8: dz, 11: buffers.gradInput },
      backward_input_activation: { 2: buffers.weight, 8: dz, 11: buffers.gradInput, 12: inputActivation?.preActivation },
    };
    const plan = densePlan(
      shape,
      { ...fusion, gradInput: Boolean(buffers.gradInput), inputActivation: inputActivation?.activation },
      variant,
      workgroupSize,
    );
    for (const { stage, spec, tile } of plan) {
      const pipeline = computePipeline(device, spec);
      const group = bindGroup(device, `${label}.${stage}`, pipeline, { 0: this.params, ...definedEntries(bindings[stage]) });
      this.dispatches.set(stage, { pipeline, group, grid: [0, 0], tile });
    }
    this.setBatch(batch);
  }

  /** Runs the submits after it on the first `rows` rows (the last, short batch of an epoch). */
  setBatch(rows: number): void {
    integerInRange('rows', rows, 1, this.shape.batch, ' (the batch the buffers hold)');
    if (rows === this.batch) return;
    this.batch = rows;
    const { inputs, outputs } = this.shape;
    this.device.queue.writeBuffer(this.params, 0, DENSE_PARAMS.pack({ batch: rows, inputs, outputs }));
    for (const [stage, dispatch] of this.dispatches)
      dispatch.grid = stageGrid(this.device, stage, rows, this.shape, dispatch.tile, this.workgroupSize);
  }

  /** One dispatch: z, and y unless built with skipOutput. */
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

/** The rows × columns a stage writes, for `rows` batch rows. */
export function destination(stage: Stage, rows: number, { inputs, outputs }: DenseShape): [number, number] {
  if (stage === 'forward' || stage === 'backward_activation') return [rows, outputs];
  return stage === 'backward_weight' ? [outputs, inputs] : [rows, inputs];
}

/** The stages a Dense runs, each with its pipeline and the side of its tiles (0: one element per invocation). */
export function densePlan(
  shape: DenseShape,
  options: DensePlanOptions,
  variant: DenseKernel,
  workgroupSize: number,
): { stage: Stage; spec: PipelineSpec; tile: number }[] {
  const { gradInput, inputActivation, skipOutput = false, gradOutputIsPreActivation = false } = options;
  const inputFromPreActivation = Boolean(options.inputFromPreActivation && inputActivation);
  const stages: Stage[] = ['forward', 'backward_weight'];
  if (shape.activation !== 'linear' && !gradOutputIsPreActivation) stages.push('backward_activation');
  if (gradInput) stages.push(inputActivation ? 'backward_input_activation' : 'backward_input');
  return stages.map((stage) => {
    // backward_input_activation applies the input layer's act', so it takes that activation.
    const activation = stage === 'backward_input_activation' && inputActivation ? inputActivation : shape.activation;
    const loads = vec4Loads(stage, shape);
    const vec4 = loads === 'vec4';
    const [rows, columns] = destination(stage, shape.batch, shape);
    // A destination narrower than 16 (10 logits) would leave most of a 16×16 tile idle: measured
    // slower than 8×8 tiles for 256×64 → 10 on SwiftShader.
    const wide = rows >= 16 && columns >= 16;
    const tile =
      stage === 'backward_activation' || variant === 'plain' ? 0 : variant === 'tile4' ? 4 : vec4 && wide && variant === 'tile16' ? 16 : 8;
    // Only the stages that apply an activation take one: the others share a pipeline across
    // activations (on SwiftShader each pipeline is seconds of compiling).
    const constants: Record<string, number> = { WORKGROUP_SIZE: workgroupSize };
    if (stage !== 'backward_weight' && stage !== 'backward_input') constants.ACTIVATION = ACTIVATION_CODE[activation];
    if ((stage === 'forward' || stage === 'backward_weight') && inputFromPreActivation && inputActivation) {
      constants.INPUT_ACTIVATION = ACTIVATION_CODE[inputActivation];
    }
    if (stage === 'forward' && skipOutput) constants.STORE_Y = 0;
    const entryPoint = tile === 0 ? `dense_${stage}` : tiledEntryPointName(stage as DenseProduct, loads, tile as 4 | 8 | 16);
    return { stage, spec: { family: 'dense', source, entryPoint, constants }, tile };
  });
}

/** The workgroup grid of a stage over `rows` rows: one invocation per element, or per tile, of its destination. */
export function stageGrid(device: GPUDevice, stage: Stage, rows: number, shape: DenseShape, tile: number, workgroupSize: number) {
  const [r, c] = destination(stage, rows, shape);
  return rowGrid(device, tile === 0 ? r * c : Math.ceil(r / tile) * Math.ceil(c / tile), workgroupSize);
}

/** Bind-group entries without the bindings a stage leaves out. */
export function definedEntries(entries: Record<number, BufferResource | undefined>): Record<number, BufferResource> {
  return Object.fromEntries(Object.entries(entries).filter(([, resource]) => resource !== undefined)) as Record<number, BufferResource>;
}

/**
 * Compiles, without blocking, the pipelines of a Dense of this shape, plan and variant, so that
 * constructing it later is quick. On SwiftShader a 16×16 kernel takes seconds to compile.
 */
export async function compileDense(device: GPUDevice, shape: DenseShape, options: DensePlanOptions, variant: DenseVariant): Promise<void> {
  const plan = densePlan(shape, options, variant, denseWorkgroupSize(device));
  await Promise.all(plan.map(({ spec }) => computePipelineAsync(device, spec)));
}

/**
 * Which rows a stage reads as vec4 for this shape ('vec4'): the forward reads rows
 * of x and weight (I floats), the backward also rows of dz (O floats), so those lengths must be
 * multiples of 4. With only I a multiple of 4 (O = 10 logits), the dx product still reads weight
 * rows as vec4 ('w_vec4') and gathers dz. Wherever dx rows are vec4-aligned, dx is stored
 * as vec4. (The same for dweight, x rows as vec4 with dz gathered, measured no faster.)
 */
function vec4Loads(stage: Stage, { inputs, outputs }: DenseShape): DenseLoads {
  if (stage === 'backward_activation' || inputs % 4 !== 0) return 'scalar';
  if (stage === 'forward' || outputs % 4 === 0) return 'vec4';
  return stage === 'backward_weight' ? 'scalar' : 'w_vec4';
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
