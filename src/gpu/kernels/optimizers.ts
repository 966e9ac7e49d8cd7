// GPU-resident optimizer step (shaders/optimizers.wgsl): torch.optim's SGD, Adam and AdamW over every
// parameter of a model in ONE dispatch per step. Shapes: L floats, L a multiple of 4; params, grads
// and the state buffers (created here) share one packed layout (packedLayout). Reference:
// src/reference/optimizers.ts. Hyperparameters change between steps without re-creating anything.
import source from '../../../shaders/optimizers.wgsl?raw';
import { ArgumentError } from '../../core/checks';
import {
  adamBiasCorrection,
  type OptimizerConfig,
  type OptimizerHyperparameters,
  type OptimizerState,
  resolveOptimizerConfig,
} from '../../core/optimizerConfig';
import { createStorageBuffer, createUniformBuffer } from '../buffers';
import { maxGridItems, rowGrid, WORKGROUP_SIZE } from '../dispatch';
import { checkBufferFits } from '../limits';
import { type BufferResource, bindGroup, computePipeline } from '../pipelines';
import { uniformLayout } from '../uniformLayout';

/** shaders/optimizers.wgsl's Hyperparameters, field by field (the comments there say what each is). */
const HYPERPARAMETERS = uniformLayout([
  ['count', 'u32'],
  ['firstMomentumStep', 'u32'],
  ['nesterov', 'u32'],
  ['_pad0', '_pad'],
  ['lr', 'f32'],
  ['weightDecay', 'f32'],
  ['momentum', 'f32'],
  ['oneMinusDampening', 'f32'],
  ['beta1', 'f32'],
  ['oneMinusBeta1', 'f32'],
  ['beta2', 'f32'],
  ['oneMinusBeta2', 'f32'],
  ['eps', 'f32'],
  ['stepSize', 'f32'],
  ['biasCorrection2Sqrt', 'f32'],
  ['decayFactor', 'f32'],
] as const);

/** The fields one rule does not read: its entry point ignores them, and they stay 0. */
const SGD_ONLY = { firstMomentumStep: 0, nesterov: 0, lr: 0, momentum: 0, oneMinusDampening: 0 };
const ADAM_ONLY = { beta1: 0, oneMinusBeta1: 0, beta2: 0, oneMinusBeta2: 0, eps: 0, stepSize: 0, biasCorrection2Sqrt: 0, decayFactor: 0 };

export interface OptimizerBuffers {
  params: BufferResource; // [L] f32, updated in place
  grads: BufferResource; // [L] f32, same layout; read only
}

export class Optimizer {
  readonly kind: OptimizerHyperparameters['kind'];
  /** SGD's momentum buffer b [L]; null for Adam and AdamW. */
  readonly momentumBuffer: GPUBuffer | null;
  /** Adam's first and second moments m, v [L]; null for SGD. */
  readonly expAvg: GPUBuffer | null;
  readonly expAvgSq: GPUBuffer | null;
  private readonly device: GPUDevice;
  private readonly pipeline: GPUComputePipeline;
  private readonly group: GPUBindGroup;
  private readonly grid: [number, number];
  private readonly uniforms: GPUBuffer;
  private hyperparameters: OptimizerHyperparameters;
  private stepsTaken = 0;
  /** PyTorch creates SGD's momentum buffer on the first step with μ ≠ 0, which may come after a live change. */
  private momentumStarted = false;

  constructor(
    device: GPUDevice,
    readonly length: number,
    buffers: OptimizerBuffers,
    config: OptimizerConfig,
    readonly label = 'Optimizer',
  ) {
    this.hyperparameters = resolveOptimizerConfig(config);
    this.kind = this.hyperparameters.kind;
    checkLength(device, length);
    checkHolds('params', buffers.params, length);
    checkHolds('grads', buffers.grads, length);
    this.device = device;
    const state = (name: string) => createStorageBuffer(device, `${label}.${name}`, length * 4);
    // With layout 'auto' each entry point's bind group holds only the state that it uses.
    let stateBindings: Record<number, GPUBuffer>;
    if (this.kind === 'sgd') {
      this.momentumBuffer = state('momentumBuffer');
      this.expAvg = null;
      this.expAvgSq = null;
      stateBindings = { 3: this.momentumBuffer };
    } else {
      this.momentumBuffer = null;
      this.expAvg = state('expAvg');
      this.expAvgSq = state('expAvgSq');
      stateBindings = { 4: this.expAvg, 5: this.expAvgSq };
    }
    const entryPoint = this.kind === 'sgd' ? 'sgd_step' : 'adam_step';
    this.pipeline = computePipeline(device, { family: 'optimizers', source, entryPoint, constants: { WORKGROUP_SIZE } });
    this.uniforms = createUniformBuffer(device, `${label}.hyperparameters`, HYPERPARAMETERS.size);
    this.group = bindGroup(device, `${label}.${entryPoint}`, this.pipeline, {
      0: this.uniforms,
      1: buffers.params,
      2: buffers.grads,
      ...stateBindings,
    });
    this.grid = rowGrid(device, length / 4);
  }

  /** Steps taken since construction or the last reset(): Adam's t for the step just encoded. */
  get step(): number {
    return this.stepsTaken;
  }

  /**
   * A whole config of the same kind (omitted fields take PyTorch's defaults, not their previous
   * values); it takes effect from the next encode(), which writes the uniforms.
   */
  setHyperparameters(config: OptimizerConfig): void {
    const next = resolveOptimizerConfig(config);
    if (next.kind !== this.kind) {
      throw new ArgumentError('kind', `this optimizer is '${this.kind}', got '${next.kind}': create a new Optimizer to switch`);
    }
    this.hyperparameters = next;
  }

  /**
   * Records one step (one dispatch) and writes its uniforms now, with t advanced. queue.writeBuffer
   * lands before every later submit, so submit each step before encoding the next: two steps in one
   * command buffer would both see the second write. t stays on the host rather than the GPU because
   * 1 − β2^t must be formed in float64 as PyTorch does (f32 loses ~6e-5 of it at t = 1), and the
   * hyperparameters change between steps through the same uniforms anyway.
   */
  encode(pass: GPUComputePassEncoder): void {
    this.stepsTaken += 1;
    this.writeUniforms();
    if (this.hyperparameters.kind === 'sgd' && this.hyperparameters.momentum !== 0) this.momentumStarted = true;
    pass.setPipeline(this.pipeline);
    pass.setBindGroup(0, this.group);
    pass.dispatchWorkgroups(...this.grid);
  }

  /** Zeroes the state and t, as a new torch.optim optimizer would start (the UI's Reset). */
  reset(): void {
    const encoder = this.device.createCommandEncoder({ label: `${this.label}.reset` });
    for (const buffer of this.stateBuffers()) encoder.clearBuffer(buffer);
    this.device.queue.submit([encoder.finish()]);
    this.stepsTaken = 0;
    this.momentumStarted = false;
  }

  /**
   * Takes over a state (another backend's, mid-run): the moments or momentum and t, so that the next
   * step is the one torch.optim would take. The kind must be this optimizer's; the arrays hold [L].
   */
  loadState(state: OptimizerState): void {
    const adamKind = this.kind !== 'sgd';
    if (adamKind !== (state.kind !== 'sgd')) {
      throw new ArgumentError('state.kind', `this optimizer is '${this.kind}', got a '${state.kind}' state`);
    }
    const arrays = state.kind === 'sgd' ? [state.momentumBuffer] : [state.expAvg, state.expAvgSq];
    for (const array of arrays) {
      if (array && array.length !== this.length)
        throw new ArgumentError('state', `arrays must hold the optimizer's ${this.length} floats, got ${array.length}`);
    }
    if (state.kind === 'sgd') {
      if (state.momentumBuffer && this.momentumBuffer) this.device.queue.writeBuffer(this.momentumBuffer, 0, state.momentumBuffer);
      this.momentumStarted = state.momentumBuffer !== null;
      this.stepsTaken = 0; // SGD's update does not depend on t
      return;
    }
    this.device.queue.writeBuffer(this.expAvg as GPUBuffer, 0, state.expAvg);
    this.device.queue.writeBuffer(this.expAvgSq as GPUBuffer, 0, state.expAvgSq);
    this.stepsTaken = state.step;
  }

  destroy(): void {
    this.uniforms.destroy();
    for (const buffer of this.stateBuffers()) buffer.destroy();
  }

  private stateBuffers(): GPUBuffer[] {
    return [this.momentumBuffer, this.expAvg, this.expAvgSq].filter((buffer) => buffer !== null);
  }

  /** The scalars torch.optim hands its kernels, formed in float64 here and rounded once to f32. */
  private writeUniforms(): void {
    const h = this.hyperparameters;
    const count = this.length / 4;
    let bytes: ArrayBuffer;
    if (h.kind === 'sgd') {
      bytes = HYPERPARAMETERS.pack({
        ...ADAM_ONLY,
        count,
        firstMomentumStep: h.momentum !== 0 && !this.momentumStarted ? 1 : 0,
        nesterov: h.nesterov ? 1 : 0,
        lr: h.lr,
        weightDecay: h.weightDecay,
        momentum: h.momentum,
        oneMinusDampening: 1 - h.dampening,
      });
    } else {
      const decoupled = h.kind === 'adamw';
      const { stepSize, biasCorrection2Sqrt } = adamBiasCorrection(h, this.stepsTaken);
      bytes = HYPERPARAMETERS.pack({
        ...SGD_ONLY,
        count,
        weightDecay: decoupled ? 0 : h.weightDecay,
        beta1: h.beta1,
        oneMinusBeta1: 1 - h.beta1,
        beta2: h.beta2,
        oneMinusBeta2: 1 - h.beta2,
        eps: h.eps,
        stepSize,
        biasCorrection2Sqrt,
        decayFactor: decoupled ? 1 - h.lr * h.weightDecay : 1,
      });
    }
    // writeBuffer copies the bytes now: the layout's one ArrayBuffer is free for the next pack.
    this.device.queue.writeBuffer(this.uniforms, 0, bytes);
  }
}

function checkLength(device: GPUDevice, length: number): void {
  const limit = maxGridItems(device) * 4;
  if (!Number.isInteger(length) || length < 4 || length % 4 !== 0 || length > limit) {
    throw new ArgumentError('length', `must be a multiple of 4 in [4, ${limit}] (vec4 updates; packedLayout pads to one), got ${length}`);
  }
  checkBufferFits(device, 'length', length * 4, 'each [length] float32 state buffer');
}

function checkHolds(name: string, resource: BufferResource, length: number): void {
  const bytes = 'buffer' in resource ? (resource.size ?? resource.buffer.size - (resource.offset ?? 0)) : resource.size;
  if (bytes < length * 4) throw new ArgumentError(name, `must hold [length] = ${length} floats (${length * 4} bytes), got ${bytes} bytes`);
}
