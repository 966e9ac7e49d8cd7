// A sweep's buffers are R times a single model's ([R, L] parameters, [R, B, O] activations): checked
// against the device's limit before any exists, naming the buffer and the most runs that fit.
import { DeviceLimitError, formatBytes, storageBufferLimit } from '../../gpu/limits';
import { checkTrainerFits, trainerBuffers } from '../train/trainerLimits';
import type { MlpTrainingSetup } from '../train/types';

const paddedBytes = (floats: number) => Math.max(16, Math.ceil((floats * 4) / 16) * 16);

/** Throws a DeviceLimitError (argument 'runs', or the single model's own) for a sweep this device cannot hold. */
export function checkSweepFits(device: GPUDevice, single: MlpTrainingSetup, runs: number, label: string): void {
  checkTrainerFits(device, single, label); // one run must fit first: then only the run count is to blame
  const limit = storageBufferLimit(device);
  // The input and target batches are shared by every run: only the rest grows with R.
  for (const buffer of trainerBuffers(single).filter(({ name }) => name !== 'input' && name !== 'targets')) {
    const perRun = buffer.perRow * single.batch + buffer.perRowSquared * single.batch ** 2 + buffer.fixed;
    const bytes = paddedBytes(perRun * runs);
    if (bytes <= limit.bytes) continue;
    const fits = Math.floor(limit.bytes / 4 / perRun);
    throw new DeviceLimitError(
      'runs',
      buffer.name,
      bytes,
      limit.bytes,
      `${runs} runs need a ${formatBytes(bytes)} ${buffer.what} ("${label}.${buffer.name}", ${bytes} bytes); this device allows ${formatBytes(limit.bytes)} per buffer (${limit.name}): use ≤ ${fits} runs, or a smaller batch`,
    );
  }
}
