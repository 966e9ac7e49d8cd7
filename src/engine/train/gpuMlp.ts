// The GPU trainer: parameters, gradients and optimizer state stay on the GPU, and one training step
// (forward through every layer, the fused cross-entropy, backward, the optimizer) is one command
// buffer. Buffers and bind groups are made once; a step only writes the batch and encodes.

import { type OptimizerConfig, type OptimizerState, resolveOptimizerConfig } from '../../core/optimizerConfig';
import type { DenseShape } from '../../core/types';
import { createStorageBuffer, readBack, uploadBuffer } from '../../gpu/buffers';
import { GpuErrorScopes } from '../../gpu/errorScopes';
import type { CrossEntropy } from '../../gpu/kernels/cross_entropy';
import { compileDense, Dense, type DensePlanOptions, type DenseVariant } from '../../gpu/kernels/dense';
import { NtXent } from '../../gpu/kernels/nt_xent';
import { Optimizer } from '../../gpu/kernels/optimizers';
import { ReduceSum } from '../../gpu/kernels/reduce_sum';
import type { BufferResource } from '../../gpu/pipelines';
import { ReadbackRing } from '../../gpu/readbackRing';
import type { TensorSlot } from '../model/layout';
import { createLossHead } from './lossHead';
import { TrainerDestroyedError, TrainerLifetime } from './trainerLifetime';
import { checkTrainerFits } from './trainerLimits';
import {
  checkBatchSize,
  checkLossSettings,
  checkTrainingSetup,
  contrastiveTemperature,
  type LossSettings,
  type MlpTrainer,
  type MlpTrainingSetup,
} from './types';

export { TrainerDestroyedError } from './trainerLifetime';

/**
 * How layer i joins its neighbours: above the first, it reads the layer below's z as act(z) and
 * writes that layer's dz; below the last, it stores z only and reads dz as its gradOutput.
 */
function layerPlanOf(setup: MlpTrainingSetup, i: number): DensePlanOptions {
  const hidden = i < setup.layout.layers.length - 1;
  return {
    gradInput: i > 0,
    inputActivation: i > 0 ? layerShapeOf(setup, i - 1).activation : undefined,
    inputFromPreActivation: i > 0,
    gradOutputIsPreActivation: hidden,
    skipOutput: hidden,
  };
}

function layerShapeOf({ layout, batch }: MlpTrainingSetup, i: number): DenseShape {
  const layer = layout.layers[i];
  const last = i === layout.layers.length - 1;
  return { batch, inputs: layer.inputs, outputs: layer.outputs, activation: last ? 'linear' : layout.config.activation };
}

const range = (buffer: GPUBuffer, slot: TensorSlot): BufferResource => ({ buffer, offset: slot.offset * 4, size: slot.length * 4 });

export class GpuMlp implements MlpTrainer {
  readonly params: GPUBuffer;
  readonly grads: GPUBuffer;
  private readonly input: GPUBuffer;
  private readonly targets: GPUBuffer;
  private readonly classWeights: GPUBuffer;
  private readonly logits: GPUBuffer;
  private readonly loss: GPUBuffer;
  private readonly rowLoss: GPUBuffer;
  private readonly owned: { destroy(): void }[] = [];
  private layers: Dense[];
  private readonly activations: GPUBuffer[];
  private readonly gradients: GPUBuffer[];
  /** switchDenseVariant moves the layers to another once it is compiled. */
  private variant: DenseVariant;
  /** destroy() stops submits at once; the buffers go once submitted work and reads in flight are done. */
  private readonly lifetime: TrainerLifetime;
  /** The loss over the network's outputs, writing ∂L/∂outputs for the backward. */
  private readonly head: CrossEntropy | NtXent;
  private optimizer: Optimizer;
  private settings: LossSettings;
  private readonly lossRing: ReadbackRing;
  /** Σ g² over the gradient buffer, run on demand after a step (the gradient stays until the next). */
  private readonly gradientNormSquared: ReduceSum;
  private readonly gradientNormResult: GPUBuffer;
  /** Rows per step now: setup.batch is the capacity the buffers were made for. */
  private rows: number;
  /** Creation and every step run in error scopes; a reported error is thrown by the next read. */
  private readonly errors: GpuErrorScopes;

  constructor(
    private readonly device: GPUDevice,
    private readonly setup: MlpTrainingSetup,
    readonly label = 'Mlp',
    /** The dense layers' tile shape to start with (see switchDenseVariant): the engine starts on 4×4, which compiles fastest. */
    denseVariant: DenseVariant = 'tile8',
  ) {
    checkTrainingSetup(setup);
    checkLossSettings(setup.loss, setup); // before any buffer exists, so a refusal leaks none
    checkTrainerFits(device, setup, label);
    this.lifetime = new TrainerLifetime(device, label);
    this.errors = new GpuErrorScopes(device, label);
    this.errors.open();
    try {
      const { layout, batch } = setup;
      const { classes } = layout.config;
      const buffer = (name: string, floats: number) => this.own(createStorageBuffer(device, `${label}.${name}`, floats * 4));
      this.params = this.own(uploadBuffer(device, `${label}.params`, setup.initialParameters));
      this.grads = buffer('grads', layout.length);
      this.input = buffer('input', batch * layout.config.inputs);
      this.targets = buffer('targets', setup.targetKind === 'index' ? batch : batch * classes);
      this.classWeights = buffer('classWeights', classes);
      this.loss = buffer('loss', 1);
      this.rowLoss = buffer('rowLoss', batch);

      // activations[i] is layer i's output; gradients[i] is ∂L/∂activations[i] for the last layer and
      // ∂L/∂z_i, its pre-activation's gradient, for the others (written fused by layer i + 1).
      this.activations = layout.layers.map((l, i) => buffer(`activations${i}`, batch * l.outputs));
      this.gradients = layout.layers.map((l, i) => buffer(`gradients${i}`, batch * l.outputs));
      this.logits = this.activations[this.activations.length - 1];
      this.variant = denseVariant;
      this.layers = this.buildLayers(denseVariant);
      this.settings = setup.loss;
      this.head = this.own(
        createLossHead(
          device,
          setup,
          {
            outputs: this.logits,
            targets: this.targets,
            classWeights: this.classWeights,
            grad: this.gradients[this.gradients.length - 1],
            loss: this.loss,
            rowLoss: this.rowLoss,
            similarity: () => buffer('similarity', batch * batch),
          },
          label,
        ),
      );
      this.setLoss(setup.loss);
      this.optimizer = this.createOptimizer(setup.optimizer);
      this.lossRing = this.own(new ReadbackRing(device, `${label}.lossRing`, 1));
      this.gradientNormResult = buffer('gradientNormSquared', 1);
      this.gradientNormSquared = this.own(
        new ReduceSum(
          device,
          `${label}.gradientNorm`,
          layout.length,
          { values: this.grads, result: this.gradientNormResult, divisor: { constant: 1 } },
          false,
          true,
        ),
      );
      this.rows = batch;
    } catch (error) {
      for (const resource of this.owned) resource.destroy();
      throw error;
    } finally {
      this.errors.close();
    }
  }

  /** The layer stack on `variant`'s pipelines, fused as layerPlan says. */
  private buildLayers(variant: DenseVariant): Dense[] {
    const layers: Dense[] = [];
    this.setup.layout.layers.forEach((layer, i) => {
      const below = layers[i - 1];
      const dense = new Dense(
        this.device,
        this.layerShape(i),
        {
          input: i === 0 ? this.input : this.activations[i - 1],
          weight: range(this.params, layer.weight),
          bias: range(this.params, layer.bias),
          output: this.activations[i],
          gradOutput: this.gradients[i],
          gradWeight: range(this.grads, layer.weight),
          gradBias: range(this.grads, layer.bias),
          gradInput: i === 0 ? undefined : this.gradients[i - 1],
        },
        `${this.label}.layers.${i}`,
        { ...this.layerPlan(i), inputActivation: below && { activation: below.shape.activation, preActivation: below.preActivation } },
        variant,
      );
      layers.push(dense);
    });
    return layers;
  }

  private layerPlan(i: number): DensePlanOptions {
    return layerPlanOf(this.setup, i);
  }

  private layerShape(i: number): DenseShape {
    return layerShapeOf(this.setup, i);
  }

  /**
   * Compiles the dense layers' pipelines for `setup` off the calling thread (createComputePipelineAsync),
   * so that constructing the trainer afterwards blocks on none of them: the largest compiles there are.
   */
  static async precompile(device: GPUDevice, setup: MlpTrainingSetup, variant: DenseVariant): Promise<void> {
    await Promise.all(setup.layout.layers.map((_, i) => compileDense(device, layerShapeOf(setup, i), layerPlanOf(setup, i), variant)));
  }

  /** The dense layers' tile shape now. */
  get denseVariant(): DenseVariant {
    return this.variant;
  }

  /**
   * Moves the dense layers to `variant` once its pipelines have compiled, off the main thread, while
   * steps go on with the current ones. Every variant computes the same bits, so the switch leaves
   * the run exactly as it would have been. Resolves when switched (or when the trainer is gone).
   */
  async switchDenseVariant(variant: DenseVariant): Promise<void> {
    if (variant === this.variant) return;
    await GpuMlp.precompile(this.device, this.setup, variant);
    if (this.lifetime.destroyed || variant === this.variant) return;
    const previous = this.layers;
    this.layers = this.buildLayers(variant);
    for (const layer of this.layers) layer.setBatch(this.rows);
    for (const layer of previous) layer.destroy();
    this.variant = variant;
  }

  setBatchSize(rows: number): void {
    this.lifetime.checkAlive('setBatchSize');
    this.rows = checkBatchSize(rows, this.setup);
    for (const layer of this.layers) layer.setBatch(rows);
    this.head.setRows(rows);
  }

  private own<T extends { destroy(): void }>(resource: T): T {
    this.owned.push(resource);
    return resource;
  }

  private createOptimizer(config: OptimizerConfig): Optimizer {
    return new Optimizer(
      this.device,
      this.setup.layout.length,
      { params: this.params, grads: this.grads },
      config,
      `${this.label}.optimizer`,
    );
  }

  /** One step per submit: the optimizer writes its step count t into its uniforms as it encodes. */
  step(x: Float32Array, y?: Int32Array | Float32Array): void {
    this.lifetime.checkAlive('step');
    this.errors.run(() => {
      this.device.queue.writeBuffer(this.input, 0, x);
      if (y) this.device.queue.writeBuffer(this.targets, 0, y);
      this.device.queue.submit([this.commands('step', (pass) => this.encodeStep(pass)).finish()]);
    });
  }

  /** A command encoder holding one compute pass of `record`'s work, ready to finish or to read back from. */
  private commands(name: string, record: (pass: GPUComputePassEncoder) => void): GPUCommandEncoder {
    const encoder = this.device.createCommandEncoder({ label: `${this.label}.${name}` });
    const pass = encoder.beginComputePass({ label: `${this.label}.${name}` });
    record(pass);
    pass.end();
    return encoder;
  }

  /** The step's dispatches, in order; public so that a benchmark can count them. One step per submit. */
  encodeStep(pass: GPUComputePassEncoder): void {
    for (const layer of this.layers) layer.encodeForward(pass);
    this.head.encode(pass, false); // the loss itself is reduced only when asked for (reduceLoss)
    for (let i = this.layers.length - 1; i >= 0; i--) this.layers[i].encodeBackward(pass);
    this.optimizer.encode(pass);
  }

  /** Reduces the last step's row losses into the loss buffer, in its own submit (queue order keeps it after the step). */
  private reduceLoss(): void {
    this.errors.run(() => this.device.queue.submit([this.commands('reduceLoss', (pass) => this.head.encodeLossReduction(pass)).finish()]));
  }

  lastGradientNorm(): Promise<number> {
    return this.lifetime.read('lastGradientNorm', () => this.gradientNorm());
  }

  private async gradientNorm(): Promise<number> {
    const [[squared]] = await this.errors.read(() =>
      readBack(
        this.device,
        `${this.label}.gradientNorm`,
        [{ source: this.gradientNormResult, length: 1 }],
        this.commands('gradientNorm', (pass) => this.gradientNormSquared.encode(pass)),
      ),
    );
    return Math.sqrt(squared);
  }

  sampleLoss(): Promise<number> | null {
    if (this.lifetime.destroyed) return Promise.reject(new TrainerDestroyedError(this.label, 'sampleLoss'));
    // For 'none' the ring would need the row losses; that reduction is rare in training, so read it directly.
    if (this.settings.reduction === 'none') return this.lastLoss();
    this.reduceLoss();
    const capture = this.errors.run(() => this.lossRing.capture(this.loss));
    // The GPU's own error, if the steps before failed, rather than the number they left behind.
    const sample = capture && this.errors.read(async () => (await capture)[0]);
    if (!sample) return null;
    sample.catch(() => undefined); // a dropped sample must not become an unhandled rejection (ReadbackRing.capture)
    return this.lifetime.track(sample);
  }

  /** For 'none', Σ of the row losses: the quantity whose gradient the step followed. */
  lastLoss(): Promise<number> {
    return this.lifetime.read('lastLoss', () => this.readLoss());
  }

  private async readLoss(): Promise<number> {
    this.reduceLoss();
    if (this.settings.reduction !== 'none')
      return (await this.errors.read(() => readBack(this.device, `${this.label}.loss`, [{ source: this.loss, length: 1 }])))[0][0];
    const [rows] = await this.errors.read(() =>
      readBack(this.device, `${this.label}.rowLoss`, [{ source: this.rowLoss, length: this.rows }]),
    );
    return rows.reduce((a, b) => a + b, 0);
  }

  /** Forward in batches of the step's size (the last one zero-padded), then the logits of `rows` rows. */
  predict(x: Float32Array, rows: number): Promise<Float32Array> {
    return this.lifetime.read('predict', () => this.forward(x, rows));
  }

  private async forward(x: Float32Array, rows: number): Promise<Float32Array> {
    const { layout, batch: capacity } = this.setup;
    const { inputs, classes } = layout.config;
    const out = new Float32Array(rows * classes);
    // Chunks as large as the buffers hold, not the training batch: a 100×100 decision grid is
    // 10 round trips at capacity 1024, not 157 at batch 64.
    for (let start = 0; start < rows; start += capacity) {
      this.lifetime.checkAlive('predict'); // destroyed while an earlier chunk was read back: submit nothing more
      const count = Math.min(capacity, rows - start);
      for (const layer of this.layers) layer.setBatch(count);
      this.device.queue.writeBuffer(this.input, 0, x.subarray(start * inputs, (start + count) * inputs));
      const encoder = this.commands('predict', (pass) => {
        for (const layer of this.layers) layer.encodeForward(pass);
      });
      // readBack submits before it awaits; the steps after it must run on the training batch again.
      const pending = this.errors.read(() =>
        readBack(this.device, `${this.label}.predict`, [{ source: this.logits, length: count * classes }], encoder),
      );
      for (const layer of this.layers) layer.setBatch(this.rows);
      out.set((await pending)[0], start * classes);
    }
    return out;
  }

  parameters(): Promise<Float32Array> {
    return this.lifetime.read('parameters', () => this.readParameters());
  }

  private async readParameters(): Promise<Float32Array> {
    return (
      await this.errors.read(() =>
        readBack(this.device, `${this.label}.params`, [{ source: this.params, length: this.setup.layout.length }]),
      )
    )[0];
  }

  loadParameters(parameters: Float32Array): void {
    this.lifetime.checkAlive('loadParameters');
    this.device.queue.writeBuffer(this.params, 0, parameters);
    this.optimizer.reset();
  }

  /** Takes over another backend's optimizer state (after loadParameters, which clears it): see Optimizer.loadState. */
  loadOptimizerState(state: OptimizerState): void {
    this.lifetime.checkAlive('loadOptimizerState');
    this.optimizer.loadState(state);
  }

  setLoss(loss: LossSettings): void {
    this.lifetime.checkAlive('setLoss');
    this.settings = checkLossSettings(loss, this.setup);
    if (this.head instanceof NtXent) {
      this.head.setOptions({ temperature: contrastiveTemperature(loss), reduction: loss.reduction });
      return;
    }
    const classes = this.setup.layout.config.classes;
    this.device.queue.writeBuffer(this.classWeights, 0, loss.classWeights ?? new Float32Array(classes).fill(1));
    this.head.setOptions(loss);
  }

  /** Same kind: live change, state kept. Another kind: fresh state, as a new torch.optim optimizer. */
  setOptimizer(config: OptimizerConfig): void {
    this.lifetime.checkAlive('setOptimizer');
    const next = resolveOptimizerConfig(config);
    if (next.kind === this.optimizer.kind) {
      this.optimizer.setHyperparameters(config);
      return;
    }
    const previous = this.optimizer;
    this.optimizer = this.createOptimizer(config);
    previous.destroy();
  }

  /**
   * Stops the trainer at once (any later call throws TrainerDestroyedError, so nothing more is
   * submitted) and frees its buffers once the work already submitted and the reads in flight are
   * done: a buffer destroyed under a queued command is a WebGPU validation error ("used in submit
   * while destroyed"), and its reads would fail. Resolves when the buffers are freed.
   */
  destroy(): Promise<void> {
    return this.lifetime.destroy(() => this.release());
  }

  private release(): void {
    for (const layer of this.layers) layer.destroy();
    this.optimizer.destroy();
    for (const resource of this.owned) resource.destroy();
  }
}
