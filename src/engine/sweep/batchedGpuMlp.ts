// The sweep's GPU trainer: R runs of one MLP layout trained on the same batches, each with its own
// optimizer and loss settings. Every run's parameters, gradients and optimizer state live in single
// [R, L] buffers and every activation in [R, B, ·] buffers; the dense layers, the loss and the
// optimizer take the run as a dispatch dimension, so one step of the whole sweep is 3·layers + 2
// dispatches (11 for two hidden layers) whatever R is, in one submit: per layer a forward, a dweight
// and (above the first) a dx fused with the activation backward below, 2 for the loss, 1 optimizer.
// Each run's layers and optimizer compute GpuMlp's bits for it alone; its loss gradient is within an
// ulp of GpuMlp's (shaders/cross_entropy_batched.wgsl says why); tests/sweep/*.gpu.test.ts.
import { integerInRange } from '../../core/checks';
import type { OptimizerConfig } from '../../core/optimizerConfig';
import { createStorageBuffer, readBack } from '../../gpu/buffers';
import { GpuErrorScopes } from '../../gpu/errorScopes';
import { CrossEntropyBatched } from '../../gpu/kernels/cross_entropy_batched';
import { type DenseKernel, denseWorkgroupSize } from '../../gpu/kernels/dense';
import { DenseBatched } from '../../gpu/kernels/dense_batched';
import { OptimizerBatched } from '../../gpu/kernels/optimizers_batched';
import type { BufferResource } from '../../gpu/pipelines';
import { ReadbackRing } from '../../gpu/readbackRing';
import type { TensorSlot } from '../model/layout';
import { TrainerDestroyedError, TrainerLifetime } from '../train/trainerLifetime';
import { checkLossSettings, type LossSettings } from '../train/types';
import { checkBatchedSetup, runSetup } from './checkBatchedSetup';
import { checkSweepFits } from './sweepLimits';
import type { BatchedMlpTrainer, BatchedTrainingSetup } from './types';

export class BatchedGpuMlp implements BatchedMlpTrainer {
  readonly runCount: number;
  /** [R, L]: run r's parameters at r·L. */
  readonly params: GPUBuffer;
  readonly grads: GPUBuffer;
  private readonly input: GPUBuffer;
  private readonly targets: GPUBuffer;
  /** activations[i]: layer i's output y [R, B, O_i]: the logits; hidden layers skip it, as in GpuMlp (the layer above reads their z as act(z)). */
  private readonly activations: GPUBuffer[];
  /** gradients[i]: ∂L/∂z_i [R, B, O_i], written by layer i + 1 (for the last layer ∂L/∂logits, by the loss). */
  private readonly gradients: GPUBuffer[];
  private readonly layers: DenseBatched[];
  private readonly head: CrossEntropyBatched;
  private readonly optimizer: OptimizerBatched;
  private readonly lossRing: ReadbackRing;
  private readonly owned: { destroy(): void }[] = [];
  private readonly errors: GpuErrorScopes;
  private readonly lifetime: TrainerLifetime;

  constructor(
    private readonly device: GPUDevice,
    private readonly setup: BatchedTrainingSetup,
    readonly label = 'BatchedMlp',
    /** The dense layers' kernels: every variant gives the same bits (GpuMlp's default here; the bench takes the adapter's). */
    denseVariant: DenseKernel = 'tile8',
  ) {
    checkBatchedSetup(setup);
    const runs = setup.runs.length;
    this.runCount = runs;
    checkSweepFits(device, runSetup(setup, 0), runs, label);
    this.lifetime = new TrainerLifetime(device, label);
    this.errors = new GpuErrorScopes(device, label);
    this.errors.open();
    try {
      const { layout, batch } = setup;
      const { inputs, classes, activation } = layout.config;
      const buffer = (name: string, floats: number) => this.own(createStorageBuffer(device, `${label}.${name}`, floats * 4));
      this.params = buffer('params', runs * layout.length);
      setup.runs.forEach((run, r) => {
        device.queue.writeBuffer(this.params, r * layout.length * 4, run.initialParameters ?? setup.initialParameters);
      });
      this.grads = buffer('grads', runs * layout.length);
      this.input = buffer('input', batch * inputs);
      this.targets = buffer('targets', setup.targetKind === 'index' ? batch : batch * classes);
      // As GpuMlp: activations[i] is layer i's output; gradients[i] is ∂L/∂activations[i] for the last
      // layer and ∂L/∂z_i for the others (written fused by layer i + 1); each [R, B, O_i].
      this.activations = layout.layers.map((l, i) => buffer(`activations${i}`, runs * batch * l.outputs));
      this.gradients = layout.layers.map((l, i) => buffer(`gradients${i}`, runs * batch * l.outputs));
      this.layers = [];
      const workgroupSize = denseWorkgroupSize(device);
      // A tensor's range runs from its offset in run 0 to its end in the last run.
      const across = (target: GPUBuffer, slot: TensorSlot): BufferResource => ({
        buffer: target,
        offset: slot.offset * 4,
        size: ((runs - 1) * layout.length + slot.length) * 4,
      });
      const last = layout.layers.length - 1;
      layout.layers.forEach((slots, i) => {
        const below = this.layers[i - 1];
        const layer = new DenseBatched(
          device,
          {
            runs,
            batch,
            inputs: slots.inputs,
            outputs: slots.outputs,
            activation: i === last ? 'linear' : activation,
            layoutLength: layout.length,
            sharedInput: i === 0,
          },
          {
            input: i === 0 ? this.input : this.activations[i - 1],
            weight: across(this.params, slots.weight),
            bias: across(this.params, slots.bias),
            gradWeightAndBias: {
              buffer: this.grads,
              offset: slots.weight.offset * 4,
              size: ((runs - 1) * layout.length + slots.bias.offset + slots.bias.length - slots.weight.offset) * 4,
            },
            biasFromWeight: slots.bias.offset - slots.weight.offset,
            output: this.activations[i],
            gradOutput: this.gradients[i],
            gradInput: i === 0 ? undefined : this.gradients[i - 1],
          },
          `${label}.layers.${i}`,
          {
            // GpuMlp's layerPlan: above the first, read the layer below's z as act(z) and write its dz.
            inputActivation: i > 0 ? activation : undefined,
            inputFromPreActivation: i > 0,
            inputPreActivation: below?.preActivation,
            gradOutputIsPreActivation: i < last,
            skipOutput: i < last,
          },
          denseVariant,
          workgroupSize,
        );
        this.layers.push(this.own(layer));
      });
      const logits = this.activations[last];
      this.head = this.own(
        new CrossEntropyBatched(
          device,
          { runs, rows: batch, classes, targetKind: setup.targetKind },
          { logits, target: this.targets, grad: this.gradients[this.gradients.length - 1] },
          setup.runs.map((run) => run.loss),
          `${label}.crossEntropy`,
        ),
      );
      this.optimizer = this.own(
        new OptimizerBatched(
          device,
          runs,
          layout.length,
          { params: this.params, grads: this.grads },
          setup.runs.map((run) => run.optimizer),
          `${label}.optimizer`,
        ),
      );
      this.lossRing = this.own(new ReadbackRing(device, `${label}.lossRing`, runs));
    } catch (error) {
      for (const resource of this.owned) resource.destroy();
      throw error;
    } finally {
      this.errors.close();
    }
  }

  private own<T extends { destroy(): void }>(resource: T): T {
    this.owned.push(resource);
    return resource;
  }

  step(x: Float32Array, y?: Int32Array | Float32Array): void {
    this.lifetime.checkAlive('step');
    this.errors.run(() => {
      this.device.queue.writeBuffer(this.input, 0, x);
      if (y) this.device.queue.writeBuffer(this.targets, 0, y);
      this.device.queue.submit([this.commands('step', (pass) => this.encodeStep(pass)).finish()]);
    });
  }

  /** The step's dispatches, in order (public so that a benchmark can count them). One step per submit. */
  encodeStep(pass: GPUComputePassEncoder): void {
    for (const layer of this.layers) layer.encodeForward(pass);
    this.head.encode(pass);
    for (let i = this.layers.length - 1; i >= 0; i--) this.layers[i].encodeBackward(pass);
    this.optimizer.encode(pass);
  }

  private commands(name: string, record: (pass: GPUComputePassEncoder) => void): GPUCommandEncoder {
    const encoder = this.device.createCommandEncoder({ label: `${this.label}.${name}` });
    const pass = encoder.beginComputePass({ label: `${this.label}.${name}` });
    record(pass);
    pass.end();
    return encoder;
  }

  /** Reduces each run's row losses into the loss buffer, in its own submit (after the step in queue order). */
  private reduceLoss(): void {
    this.errors.run(() => this.device.queue.submit([this.commands('reduceLoss', (pass) => this.head.encodeLossReduction(pass)).finish()]));
  }

  lastLosses(): Promise<Float32Array> {
    return this.lifetime.read('lastLosses', async () => {
      this.reduceLoss();
      const [losses] = await this.errors.read(() =>
        readBack(this.device, `${this.label}.loss`, [{ source: this.head.loss, length: this.runCount }]),
      );
      return losses;
    });
  }

  sampleLosses(): Promise<Float32Array> | null {
    if (this.lifetime.destroyed) return Promise.reject(new TrainerDestroyedError(this.label, 'sampleLosses'));
    this.reduceLoss();
    const capture = this.errors.run(() => this.lossRing.capture(this.head.loss));
    const sample = capture && this.errors.read(() => capture);
    if (!sample) return null;
    sample.catch(() => undefined); // a dropped sample must not become an unhandled rejection
    return this.lifetime.track(sample);
  }

  /** Forward of every run in chunks of the batch capacity; logits [R, rows, C]. */
  predictAll(x: Float32Array, rows: number): Promise<Float32Array> {
    return this.lifetime.read('predictAll', () => this.forward(x, rows));
  }

  private async forward(x: Float32Array, rows: number): Promise<Float32Array> {
    const { layout, batch: capacity } = this.setup;
    const { inputs, classes } = layout.config;
    const runs = this.runCount;
    const out = new Float32Array(runs * rows * classes);
    const logits = this.activations[this.activations.length - 1];
    for (let start = 0; start < rows; start += capacity) {
      this.lifetime.checkAlive('predictAll');
      const count = Math.min(capacity, rows - start);
      for (const layer of this.layers) layer.setBatch(count);
      this.device.queue.writeBuffer(this.input, 0, x.subarray(start * inputs, (start + count) * inputs));
      const encoder = this.commands('predict', (pass) => {
        for (const layer of this.layers) layer.encodeForward(pass);
      });
      const pending = this.errors.read(() =>
        readBack(this.device, `${this.label}.predict`, [{ source: logits, length: runs * capacity * classes }], encoder),
      );
      // readBack has submitted: the steps after it run on the whole batch again.
      for (const layer of this.layers) layer.setBatch(capacity);
      const [all] = await pending;
      for (let r = 0; r < runs; r++) {
        const from = r * capacity * classes;
        out.set(all.subarray(from, from + count * classes), (r * rows + start) * classes);
      }
    }
    return out;
  }

  parameters(run: number): Promise<Float32Array> {
    integerInRange('run', run, 0, this.runCount - 1);
    return this.lifetime.read('parameters', async () => {
      const length = this.setup.layout.length;
      const [all] = await this.errors.read(() =>
        readBack(this.device, `${this.label}.params`, [{ source: this.params, length: this.runCount * length }]),
      );
      return all.slice(run * length, (run + 1) * length);
    });
  }

  /** Run `run`'s optimizer from the next step (a buffer write: lr, or any field, or another rule). */
  setRunOptimizer(run: number, config: OptimizerConfig): void {
    this.lifetime.checkAlive('setRunOptimizer');
    this.optimizer.setRun(run, config);
  }

  /** Run `run`'s loss settings from the next step (a buffer write). */
  setRunLoss(run: number, loss: LossSettings): void {
    this.lifetime.checkAlive('setRunLoss');
    checkLossSettings(loss, runSetup(this.setup, 0));
    this.head.setRunLoss(run, loss);
  }

  /** Stops at once; frees the buffers once submitted work and reads in flight are done (as GpuMlp). */
  destroy(): Promise<void> {
    return this.lifetime.destroy(() => {
      for (const resource of this.owned) resource.destroy();
    });
  }
}
