// xent-lab's engine: cross-entropy, NT-Xent and log-softmax on WebGPU with PyTorch's semantics,
// and a float64 CPU reference of the same API.

export type { CreateEngineOptions } from './engine/createEngine';
export { createEngine } from './engine/createEngine';
export type * from './engine/types';
export { ArgumentError } from './engine/validate';
// The GPU-resident kernels: buffers in, buffers out, encoded into the caller's compute pass.
export { CrossEntropy } from './gpu/kernels/cross_entropy';
export { LogSoftmax } from './gpu/kernels/log_softmax';
export { NtXent } from './gpu/kernels/nt_xent';
export { ReduceSum } from './gpu/kernels/reduce_sum';
