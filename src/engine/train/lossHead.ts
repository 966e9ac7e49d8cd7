// The loss at the top of GpuMlp, writing ∂L/∂outputs for the backward: the fused cross-entropy on
// class logits, or NT-Xent on the projection's embeddings (objective 'nt-xent').
import { CrossEntropy } from '../../gpu/kernels/cross_entropy';
import { NtXent } from '../../gpu/kernels/nt_xent';
import { contrastiveTemperature, type MlpTrainingSetup } from './types';

export interface LossHeadBuffers {
  outputs: GPUBuffer;
  targets: GPUBuffer;
  classWeights: GPUBuffer;
  grad: GPUBuffer;
  loss: GPUBuffer;
  rowLoss: GPUBuffer;
  /** Made only for NT-Xent: the [batch, batch] similarity matrix (owned by the caller). */
  similarity: () => GPUBuffer;
}

export function createLossHead(device: GPUDevice, setup: MlpTrainingSetup, buffers: LossHeadBuffers, label: string): CrossEntropy | NtXent {
  const { batch, layout, loss } = setup;
  const { classes } = layout.config;
  if (setup.objective === 'nt-xent') {
    return new NtXent(
      device,
      { rows: batch, dim: classes },
      { z: buffers.outputs, similarity: buffers.similarity(), rowLoss: buffers.rowLoss, grad: buffers.grad, loss: buffers.loss },
      { temperature: contrastiveTemperature(loss), reduction: loss.reduction },
      `${label}.ntXent`,
    );
  }
  return new CrossEntropy(
    device,
    { rows: batch, classes, targetKind: setup.targetKind },
    {
      logits: buffers.outputs,
      target: buffers.targets,
      weight: buffers.classWeights,
      grad: buffers.grad,
      loss: buffers.loss,
      rowLoss: buffers.rowLoss,
    },
    loss,
    `${label}.crossEntropy`,
  );
}
