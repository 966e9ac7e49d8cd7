// Every buffer GpuMlp creates, sized before any exists and checked against the device's limit, so
// a setup the device cannot hold is refused by name (which buffer, the bytes it needs, the limit,
// and the largest batch that fits) instead of failing validation on the GPU and training on zeros.
import { DeviceLimitError, formatBytes, storageBufferLimit } from '../../gpu/limits';
import type { MlpTrainingSetup } from './types';

/** One buffer: floats = perRow·rows + perRowSquared·rows² + fixed. */
interface PlannedBuffer {
  name: string;
  what: string;
  perRow: number;
  perRowSquared: number;
  fixed: number;
}

/** Storage buffers are padded to 16 bytes (src/gpu/buffers.ts). */
const paddedBytes = (floats: number) => Math.max(16, Math.ceil((floats * 4) / 16) * 16);

export function trainerBuffers(setup: MlpTrainingSetup): PlannedBuffer[] {
  const { layout } = setup;
  const { inputs, classes } = layout.config;
  const rowBuffer = (name: string, what: string, perRow: number): PlannedBuffer => ({ name, what, perRow, perRowSquared: 0, fixed: 0 });
  const plan: PlannedBuffer[] = [
    { name: 'params', what: 'parameter buffer', perRow: 0, perRowSquared: 0, fixed: layout.length },
    rowBuffer('input', 'input batch', inputs),
    rowBuffer('targets', 'target batch', setup.targetKind === 'index' ? 1 : classes),
    rowBuffer('rowLoss', 'row-loss buffer', 1),
    ...layout.layers.map((layer, i) => rowBuffer(`activations${i}`, `layer ${i} activation buffer`, layer.outputs)),
  ];
  if (setup.objective === 'nt-xent') plan.push({ name: 'similarity', what: 'similarity matrix', perRow: 0, perRowSquared: 1, fixed: 0 });
  return plan;
}

const floatsOf = (buffer: PlannedBuffer, rows: number) => buffer.perRow * rows + buffer.perRowSquared * rows * rows + buffer.fixed;

/** The most rows whose `buffer` stays within `limit` bytes (0 when even one row is too many). */
function largestRows(buffer: PlannedBuffer, limit: number): number {
  let rows =
    buffer.perRowSquared > 0
      ? Math.floor(Math.sqrt(limit / 4 / buffer.perRowSquared))
      : Math.floor((limit / 4 - buffer.fixed) / Math.max(buffer.perRow, 1));
  while (rows > 0 && paddedBytes(floatsOf(buffer, rows)) > limit) rows--;
  return Math.max(0, rows);
}

/** Throws a DeviceLimitError naming the first buffer of `setup` that this device cannot create and bind. */
export function checkTrainerFits(device: GPUDevice, setup: MlpTrainingSetup, label: string): void {
  const limit = storageBufferLimit(device);
  const pairs = setup.objective === 'nt-xent';
  // Gradients and optimizer state have the parameters' layout, gradients the activations': checking one of each covers both.
  for (const buffer of trainerBuffers(setup)) {
    const bytes = paddedBytes(floatsOf(buffer, setup.batch));
    if (bytes <= limit.bytes) continue;
    const allows = `this device allows ${formatBytes(limit.bytes)} per buffer (${limit.name} ${limit.bytes} bytes)`;
    const needs = `needs a ${formatBytes(bytes)} ${buffer.what} ("${label}.${buffer.name}", ${bytes} bytes)`;
    if (buffer.perRow === 0 && buffer.perRowSquared === 0) {
      throw new DeviceLimitError('layout', buffer.name, bytes, limit.bytes, `the model ${needs}; ${allows}: use fewer or narrower layers`);
    }
    let rows = largestRows(buffer, limit.bytes);
    if (pairs) rows -= rows % 2;
    const use = pairs
      ? `use batch ≤ ${rows} rows (a batchSize of at most ${rows / 2} samples, two views each)`
      : `use batch ≤ ${rows} rows`;
    const of = pairs ? `${setup.batch} rows (two views of ${setup.batch / 2} samples)` : `${setup.batch} rows`;
    throw new DeviceLimitError('batch', buffer.name, bytes, limit.bytes, `a batch of ${of} ${needs}; ${allows}: ${use}`);
  }
}
