// The float64 reference trainer: the same step as the GPU trainer, built from the references of
// each kernel (dense, cross-entropy, optimizers). It is the oracle and the CPU fallback.
import { type OptimizerState, resolveOptimizerConfig } from '../../core/optimizerConfig';
import type { DenseShape } from '../../core/types';
import { crossEntropyForwardBackward } from '../../reference/cross_entropy';
import { denseBackward, denseForward } from '../../reference/dense';
import { ntXentForwardBackward } from '../../reference/nt_xent';
import { ReferenceOptimizer } from '../../reference/optimizers';
import {
  checkBatchSize,
  checkLossSettings,
  checkTrainingSetup,
  contrastiveTemperature,
  type LossSettings,
  type MlpTrainer,
  type MlpTrainingSetup,
} from './types';

/** About 1 ms of float64 multiply-adds per chunk of rows in predict. */
const PREDICT_CHUNK_MACS = 1e6;
/** predict yields to the event loop after this long, so that a click is answered meanwhile. */
const PREDICT_SLICE_MS = 8;

/** A macrotask boundary: input events and rendering run before the next chunk. */
function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

export class CpuMlp implements MlpTrainer {
  private readonly params: Float64Array;
  private readonly optimizer: ReferenceOptimizer;
  private loss: LossSettings;
  private lossValue = Number.NaN;
  private gradientNorm = Number.NaN;
  private batch: number;

  constructor(private readonly setup: MlpTrainingSetup) {
    checkTrainingSetup(setup);
    this.params = Float64Array.from(setup.initialParameters);
    this.optimizer = new ReferenceOptimizer(setup.layout.length, resolveOptimizerConfig(setup.optimizer));
    this.loss = checkLossSettings(setup.loss, setup);
    this.batch = setup.batch;
  }

  setBatchSize(rows: number): void {
    this.batch = checkBatchSize(rows, this.setup);
  }

  private shape(i: number, batch: number): DenseShape {
    const layer = this.setup.layout.layers[i];
    const last = i === this.setup.layout.layers.length - 1;
    return { batch, inputs: layer.inputs, outputs: layer.outputs, activation: last ? 'linear' : this.setup.layout.config.activation };
  }

  private tensor(i: number, which: 'weight' | 'bias'): Float64Array {
    const slot = this.setup.layout.layers[i][which];
    return this.params.subarray(slot.offset, slot.offset + slot.length);
  }

  /** Inputs and pre-activations of every layer, and the logits. */
  private forward(x: ArrayLike<number>, rows: number) {
    const inputs: ArrayLike<number>[] = [];
    const preActivations: Float64Array[] = [];
    let h: ArrayLike<number> = x;
    this.setup.layout.layers.forEach((_, i) => {
      inputs.push(h);
      const { z, y } = denseForward(h, this.tensor(i, 'weight'), this.tensor(i, 'bias'), this.shape(i, rows));
      preActivations.push(z);
      h = y;
    });
    return { inputs, preActivations, logits: h as Float64Array };
  }

  /** The loss of the outputs and its gradient, for the objective. */
  private head(outputs: Float64Array, y: Int32Array | Float32Array | undefined) {
    const { layout } = this.setup;
    const { batch } = this;
    if (this.setup.objective === 'nt-xent') {
      const temperature = contrastiveTemperature(this.loss);
      return ntXentForwardBackward({ z: outputs, rows: batch, dim: layout.config.classes, temperature, reduction: this.loss.reduction });
    }
    if (!y) throw new Error('step: cross-entropy needs targets');
    return crossEntropyForwardBackward({
      logits: outputs,
      n: batch,
      c: layout.config.classes,
      target: y,
      targetKind: this.setup.targetKind,
      weight: this.loss.classWeights,
      ignoreIndex: this.loss.ignoreIndex,
      reduction: this.loss.reduction,
      labelSmoothing: this.loss.labelSmoothing,
    });
  }

  step(x: Float32Array, y?: Int32Array | Float32Array): void {
    const { layout } = this.setup;
    const { batch } = this;
    const { inputs, preActivations, logits } = this.forward(x, batch);
    const head = this.head(logits, y);
    this.lossValue = this.loss.reduction === 'none' ? head.loss.reduce((a, b) => a + b, 0) : head.loss[0];
    const grads = new Float64Array(layout.length);
    let upstream: Float64Array = head.grad;
    for (let i = layout.layers.length - 1; i >= 0; i--) {
      const { dx, dweight, dbias } = denseBackward(upstream, inputs[i], this.tensor(i, 'weight'), preActivations[i], this.shape(i, batch));
      grads.set(dweight, layout.layers[i].weight.offset);
      grads.set(dbias, layout.layers[i].bias.offset);
      upstream = dx;
    }
    this.gradientNorm = Math.sqrt(grads.reduce((sum, g) => sum + g * g, 0));
    this.optimizer.step(this.params, grads);
  }

  async lastLoss(): Promise<number> {
    return this.lossValue;
  }

  async lastGradientNorm(): Promise<number> {
    return this.gradientNorm;
  }

  sampleLoss(): Promise<number> {
    return Promise.resolve(this.lossValue);
  }

  /**
   * Rows in chunks of about PREDICT_CHUNK_MACS multiply-adds, handing the thread back to the page
   * whenever PREDICT_SLICE_MS have passed: a measurement of 10⁵ samples through a wide network is
   * tens of seconds on the CPU, and the page must answer meanwhile. Each row's logits depend on that
   * row alone, so the chunks give the same numbers as one pass.
   */
  async predict(x: Float32Array, rows: number): Promise<Float32Array> {
    const { layers, config } = this.setup.layout;
    const perRow = layers.reduce((sum, layer) => sum + layer.inputs * layer.outputs, 0);
    const chunk = Math.max(1, Math.floor(PREDICT_CHUNK_MACS / perRow));
    const out = new Float32Array(rows * config.classes);
    let sliceStart = performance.now();
    for (let start = 0; start < rows; start += chunk) {
      const end = Math.min(rows, start + chunk);
      out.set(this.forward(x.subarray(start * config.inputs, end * config.inputs), end - start).logits, start * config.classes);
      if (end < rows && performance.now() - sliceStart > PREDICT_SLICE_MS) {
        await yieldToEventLoop();
        sliceStart = performance.now();
      }
    }
    return out;
  }

  async parameters(): Promise<Float32Array> {
    return Float32Array.from(this.params);
  }

  /** The parameters and the optimizer state now, in float32, without waiting: for a move to the GPU trainer. */
  exportState(): { parameters: Float32Array; optimizer: OptimizerState } {
    return { parameters: Float32Array.from(this.params), optimizer: this.optimizer.exportState() };
  }

  loadParameters(parameters: Float32Array): void {
    this.params.set(parameters);
    this.optimizer.reset();
  }

  setLoss(loss: LossSettings): void {
    this.loss = checkLossSettings(loss, this.setup);
  }

  setOptimizer(optimizer: Parameters<MlpTrainer['setOptimizer']>[0]): void {
    const next = resolveOptimizerConfig(optimizer);
    if (next.kind !== this.optimizer.hyperparameters.kind) this.optimizer.reset();
    this.optimizer.hyperparameters = next;
  }

  destroy(): void {}
}
