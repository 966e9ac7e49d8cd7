// GPU-resident optimizer step (shaders/optimizers.wgsl): torch.optim's SGD, Adam and AdamW over every
// parameter of a model in ONE dispatch per step. Shapes: L floats, L a multiple of 4; params, grads
// and the state buffers (created here) share one packed layout (packedLayout). Reference:
// src/reference/optimizers.ts. Hyperparameters change between steps without re-creating anything.
import source from '../../../shaders/optimizers.wgsl?raw';
import { ArgumentError } from '../../engine/validate';
import {
  type AdamHyperparameters,
  adamBiasCorrection,
  type OptimizerHyperparameters,
  type SgdHyperparameters,
} from '../../reference/optimizers';
import { createStorageBuffer, createUniformBuffer } from '../buffers';
import { maxGridItems, rowGrid, WORKGROUP_SIZE } from '../dispatch';
import { checkBufferFits } from '../limits';
import { type BufferResource, bindGroup, computePipeline } from '../pipelines';

/** As torch.optim takes them: omitted fields get PyTorch's defaults (resolveOptimizerConfig). */
export type OptimizerConfig = { lr: number } & (
  | ({ kind: 'sgd' } & Partial<SgdHyperparameters>)
  | ({ kind: 'adam' | 'adamw' } & Partial<AdamHyperparameters>)
);

type Rule = [allowed: string, accepts: (value: number) => boolean];
const POSITIVE: Rule = ['a finite number > 0', (v) => Number.isFinite(v) && v > 0];
const NON_NEGATIVE: Rule = ['a finite number ≥ 0', (v) => Number.isFinite(v) && v >= 0];
const BELOW_ONE: Rule = ['a number in [0, 1)', (v) => v >= 0 && v < 1];
const UP_TO_ONE: Rule = ['a number in [0, 1]', (v) => v >= 0 && v <= 1];

const FIELDS = {
  sgd: ['kind', 'lr', 'momentum', 'dampening', 'weightDecay', 'nesterov'],
  adam: ['kind', 'lr', 'beta1', 'beta2', 'eps', 'weightDecay'],
};

function numberField(fields: Record<string, unknown>, name: string, fallback: number | undefined, [allowed, accepts]: Rule): number {
  const value = fields[name] ?? fallback;
  if (typeof value !== 'number' || !accepts(value)) throw new ArgumentError(name, `must be ${allowed}, got ${String(value)}`);
  return value;
}

/**
 * Fills in torch.optim's defaults (SGD: momentum, dampening, weight decay 0; Adam: betas 0.9, 0.999,
 * eps 1e-8, weight decay 0; AdamW: weight decay 0.01; amsgrad and maximize are always off) and checks
 * every field, naming it and its allowed values.
 */
export function resolveOptimizerConfig(config: OptimizerConfig): OptimizerHyperparameters {
  const kind = config?.kind;
  if (kind !== 'sgd' && kind !== 'adam' && kind !== 'adamw') {
    throw new ArgumentError('kind', `must be 'sgd', 'adam' or 'adamw', got ${JSON.stringify(kind)}`);
  }
  const fields = config as Record<string, unknown>;
  const known = FIELDS[kind === 'sgd' ? 'sgd' : 'adam'];
  for (const name of Object.keys(fields)) {
    if (!known.includes(name)) throw new ArgumentError(name, `is not a hyperparameter of ${kind} (${known.slice(1).join(', ')})`);
  }
  const lr = numberField(fields, 'lr', undefined, NON_NEGATIVE); // torch.optim accepts 0: a frozen model
  const weightDecay = numberField(fields, 'weightDecay', kind === 'adamw' ? 0.01 : 0, NON_NEGATIVE);
  if (kind !== 'sgd') {
    const beta1 = numberField(fields, 'beta1', 0.9, BELOW_ONE);
    const beta2 = numberField(fields, 'beta2', 0.999, BELOW_ONE);
    return { kind, lr, beta1, beta2, eps: numberField(fields, 'eps', 1e-8, POSITIVE), weightDecay };
  }
  const momentum = numberField(fields, 'momentum', 0, BELOW_ONE);
  const dampening = numberField(fields, 'dampening', 0, UP_TO_ONE);
  const nesterov = fields.nesterov ?? false;
  if (typeof nesterov !== 'boolean') throw new ArgumentError('nesterov', `must be true or false, got ${String(nesterov)}`);
  if (nesterov && (momentum === 0 || dampening !== 0)) {
    throw new ArgumentError(
      'nesterov',
      `needs momentum > 0 and dampening 0 (as torch.optim.SGD), got momentum ${momentum}, dampening ${dampening}`,
    );
  }
  return { kind, lr, momentum, dampening, weightDecay, nesterov };
}

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
  /** Hyperparameters in the shader's layout; rewritten in place, never reallocated. */
  private readonly uniformData = new ArrayBuffer(64);
  private readonly uniformU32 = new Uint32Array(this.uniformData);
  private readonly uniformF32 = new Float32Array(this.uniformData);
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
    this.uniforms = createUniformBuffer(device, `${label}.hyperparameters`, this.uniformData.byteLength);
    this.group = bindGroup(device, `${label}.${entryPoint}`, this.pipeline, {
      0: this.uniforms,
      1: buffers.params,
      2: buffers.grads,
      ...stateBindings,
    });
    this.grid = rowGrid(device, length / 4);
    this.uniformU32[0] = length / 4;
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
    const u32 = this.uniformU32;
    const f32 = this.uniformF32;
    if (h.kind === 'sgd') {
      u32[1] = h.momentum !== 0 && !this.momentumStarted ? 1 : 0;
      u32[2] = h.nesterov ? 1 : 0;
      f32.set([h.lr, h.weightDecay, h.momentum, 1 - h.dampening], 4);
    } else {
      const decoupled = h.kind === 'adamw';
      const { stepSize, biasCorrection2Sqrt } = adamBiasCorrection(h, this.stepsTaken);
      f32[5] = decoupled ? 0 : h.weightDecay;
      f32.set([h.beta1, 1 - h.beta1, h.beta2, 1 - h.beta2, h.eps, stepSize, biasCorrection2Sqrt], 8);
      f32[15] = decoupled ? 1 - h.lr * h.weightDecay : 1;
    }
    this.device.queue.writeBuffer(this.uniforms, 0, this.uniformData);
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
