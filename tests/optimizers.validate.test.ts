// Every optimizer argument rule: a bad config is refused at the boundary with a message that names
// the field and the allowed values (ranges as torch.optim raises them, and stricter where PyTorch
// would silently diverge: momentum ≥ 1, dampening outside [0, 1]). lr = 0 is accepted, as in
// PyTorch: it freezes the model.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type OptimizerConfig, resolveOptimizerConfig } from '../src/core/optimizerConfig';
import { createStorageBuffer } from '../src/gpu/buffers';
import { Optimizer } from '../src/gpu/kernels/optimizers';
import { packedLayout } from '../src/gpu/packedLayout';
import { testDevice } from './setup/gpu';
import { WEBGPU_MISSING } from './support/backends';

const bad = (config: Record<string, unknown>) => config as unknown as OptimizerConfig;

const RULES: [string, OptimizerConfig, RegExp][] = [
  ['an unknown kind', bad({ kind: 'rmsprop', lr: 0.1 }), /^kind: must be 'sgd', 'adam' or 'adamw', got the string "rmsprop"/],
  ['lr missing', bad({ kind: 'sgd' }), /^lr: must be a finite number ≥ 0, got undefined/],
  ['lr negative', { kind: 'sgd', lr: -0.1 }, /^lr: must be a finite number ≥ 0, got -0.1/],
  ['lr infinite', { kind: 'adamw', lr: Infinity }, /^lr: must be a finite number ≥ 0, got Infinity/],
  ['lr NaN', { kind: 'sgd', lr: Number.NaN }, /^lr: must be a finite number ≥ 0, got NaN/],
  ['lr not a number', bad({ kind: 'sgd', lr: '0.1' }), /^lr: must be a finite number ≥ 0, got the string "0.1"/],
  ['momentum negative', { kind: 'sgd', lr: 0.1, momentum: -0.5 }, /^momentum: must be a number in \[0, 1\), got -0.5/],
  ['momentum 1', { kind: 'sgd', lr: 0.1, momentum: 1 }, /^momentum: must be a number in \[0, 1\), got 1/],
  ['dampening above 1', { kind: 'sgd', lr: 0.1, momentum: 0.9, dampening: 1.5 }, /^dampening: must be a number in \[0, 1\], got 1.5/],
  ['weightDecay negative', { kind: 'sgd', lr: 0.1, weightDecay: -1e-4 }, /^weightDecay: must be a finite number ≥ 0, got -0.0001/],
  ['weightDecay infinite', { kind: 'adamw', lr: 0.1, weightDecay: Infinity }, /^weightDecay: must be a finite number ≥ 0, got Infinity/],
  ['nesterov not a boolean', bad({ kind: 'sgd', lr: 0.1, momentum: 0.9, nesterov: 1 }), /^nesterov: must be true or false, got 1/],
  [
    'nesterov without momentum',
    { kind: 'sgd', lr: 0.1, nesterov: true },
    /^nesterov: needs momentum > 0 and dampening 0 \(as torch.optim.SGD\), got momentum 0, dampening 0/,
  ],
  [
    'nesterov with dampening',
    { kind: 'sgd', lr: 0.1, momentum: 0.9, dampening: 0.1, nesterov: true },
    /^nesterov: needs momentum > 0 and dampening 0 .*got momentum 0.9, dampening 0.1/,
  ],
  ['beta1 1', { kind: 'adam', lr: 0.1, beta1: 1 }, /^beta1: must be a number in \[0, 1\), got 1/],
  ['beta1 negative', { kind: 'adamw', lr: 0.1, beta1: -0.1 }, /^beta1: must be a number in \[0, 1\), got -0.1/],
  ['beta2 1', { kind: 'adam', lr: 0.1, beta2: 1 }, /^beta2: must be a number in \[0, 1\), got 1/],
  ['eps zero', { kind: 'adam', lr: 0.1, eps: 0 }, /^eps: must be a finite number > 0, got 0/],
  [
    'an Adam field on SGD',
    bad({ kind: 'sgd', lr: 0.1, beta1: 0.9 }),
    /^beta1: is not a hyperparameter of sgd \(lr, momentum, dampening, weightDecay, nesterov\)/,
  ],
  [
    'an SGD field on Adam',
    bad({ kind: 'adam', lr: 0.1, momentum: 0.9 }),
    /^momentum: is not a hyperparameter of adam \(lr, beta1, beta2, eps, weightDecay\)/,
  ],
  ["PyTorch's spelling", bad({ kind: 'adamw', lr: 0.1, weight_decay: 0.1 }), /^weight_decay: is not a hyperparameter of adamw/],
];

describe('optimizer config', () => {
  it.each(RULES)('refuses %s', (_name, config, message) => {
    expect(() => resolveOptimizerConfig(config)).toThrow(message);
  });

  it("fills in torch.optim's defaults", () => {
    expect(resolveOptimizerConfig({ kind: 'sgd', lr: 0.1 })).toEqual({
      kind: 'sgd',
      lr: 0.1,
      momentum: 0,
      dampening: 0,
      weightDecay: 0,
      nesterov: false,
    });
    const adam = { lr: 1e-3, beta1: 0.9, beta2: 0.999, eps: 1e-8 };
    expect(resolveOptimizerConfig({ kind: 'adam', lr: 1e-3 })).toEqual({ kind: 'adam', ...adam, weightDecay: 0 });
    expect(resolveOptimizerConfig({ kind: 'adamw', lr: 1e-3 })).toEqual({ kind: 'adamw', ...adam, weightDecay: 0.01 });
  });

  it('packs tensors at 256-byte offsets into a multiple of 4 floats', () => {
    expect(packedLayout([37, 130, 10])).toEqual({ offsets: [0, 64, 256], length: 268 });
    expect(packedLayout([64, 1])).toEqual({ offsets: [0, 64], length: 68 });
  });
});

describe.skipIf(WEBGPU_MISSING)('Optimizer on a device', () => {
  let device: GPUDevice;
  let params: GPUBuffer;
  let grads: GPUBuffer;
  beforeAll(async () => {
    device = await testDevice();
    params = createStorageBuffer(device, 'test.params', 64);
    grads = createStorageBuffer(device, 'test.grads', 64);
  });
  afterAll(() => device.destroy());

  it('refuses a length that is not a multiple of 4', () => {
    expect(() => new Optimizer(device, 10, { params, grads }, { kind: 'sgd', lr: 0.1 })).toThrow(
      /^length: must be a multiple of 4 in \[4, \d+\] .*got 10/,
    );
  });

  it('refuses a params buffer shorter than length', () => {
    expect(() => new Optimizer(device, 32, { params, grads }, { kind: 'sgd', lr: 0.1 })).toThrow(
      /^params: must hold \[length\] = 32 floats \(128 bytes\), got 64 bytes/,
    );
  });

  it('refuses a grads range shorter than length', () => {
    const range = { buffer: grads, offset: 0, size: 32 };
    expect(() => new Optimizer(device, 16, { params, grads: range }, { kind: 'adam', lr: 0.1 })).toThrow(
      /^grads: must hold \[length\] = 16 floats \(64 bytes\), got 32 bytes/,
    );
  });

  it('refuses to switch kind in setHyperparameters', () => {
    const optimizer = new Optimizer(device, 16, { params, grads }, { kind: 'adam', lr: 0.1 });
    expect(() => optimizer.setHyperparameters({ kind: 'sgd', lr: 0.1 })).toThrow(/^kind: this optimizer is 'adam', got 'sgd'/);
    expect(() => optimizer.setHyperparameters({ kind: 'adam', lr: -1 })).toThrow(/^lr: /);
    optimizer.destroy();
  });
});
