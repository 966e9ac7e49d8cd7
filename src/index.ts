// xent-lab's engine: cross-entropy, NT-Xent and log-softmax on WebGPU with PyTorch's semantics,
// and a float64 CPU reference of the same API.

export { ArgumentError } from './core/checks';
export type { OptimizerConfig, OptimizerHyperparameters } from './core/optimizerConfig';
export { resolveOptimizerConfig } from './core/optimizerConfig';
export type { Activation, DenseShape } from './core/types';
export { ACTIVATIONS } from './core/types';
export type { CreateEngineOptions } from './engine/createEngine';
export { createEngine } from './engine/createEngine';
export { EngineDestroyedError } from './engine/destroyGuard';
export type * from './engine/types';
export { GpuWorkError } from './gpu/errorScopes';
// The GPU-resident kernels: buffers in, buffers out, encoded into the caller's compute pass.
export { CrossEntropy } from './gpu/kernels/cross_entropy';
export type { DenseBuffers } from './gpu/kernels/dense';
export { Dense } from './gpu/kernels/dense';
export { LogSoftmax } from './gpu/kernels/log_softmax';
export { NtXent } from './gpu/kernels/nt_xent';
export type { OptimizerBuffers } from './gpu/kernels/optimizers';
export { Optimizer } from './gpu/kernels/optimizers';
export { ReduceSum } from './gpu/kernels/reduce_sum';
export { DeviceLimitError } from './gpu/limits';
export type { PackedLayout } from './gpu/packedLayout';
export { packedLayout, TENSOR_ALIGNMENT } from './gpu/packedLayout';
