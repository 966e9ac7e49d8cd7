// Shapes checked against the device's limits before any GPU work, with the limit named.
import { ArgumentError } from '../core/checks';
import { maxGridItems } from './dispatch';

export function checkBufferFits(device: GPUDevice, argument: string, bytes: number, what: string): void {
  const { maxStorageBufferBindingSize, maxBufferSize } = device.limits;
  const limit = Math.min(maxStorageBufferBindingSize, maxBufferSize);
  if (bytes > limit) {
    const name = maxStorageBufferBindingSize <= maxBufferSize ? 'maxStorageBufferBindingSize' : 'maxBufferSize';
    throw new ArgumentError(argument, `${what} needs ${bytes} bytes, over this device's ${name} of ${limit} bytes`);
  }
}

export function checkRowsFit(device: GPUDevice, argument: string, rows: number): void {
  const limit = maxGridItems(device);
  if (rows > limit) {
    throw new ArgumentError(argument, `must be ≤ ${limit} (maxComputeWorkgroupsPerDimension² × 64 invocations), got ${rows}`);
  }
}
