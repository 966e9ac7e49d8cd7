// Shapes checked against the device's limits before any GPU work, with the limit named, and the
// limits a device is asked for: the adapter's own buffer limits, as WebGPU's defaults (128 MiB per
// storage binding, 256 MiB per buffer) are far below what many adapters allow.
import { ArgumentError } from '../core/checks';
import { maxGridItems } from './dispatch';

/** The buffer limits to request: exactly the adapter's (asking beyond them fails requestDevice). */
export function bufferLimitsOf(adapter: GPUAdapter): Record<string, number> {
  return {
    maxStorageBufferBindingSize: adapter.limits.maxStorageBufferBindingSize,
    maxBufferSize: adapter.limits.maxBufferSize,
  };
}

/** The largest storage buffer this device can create and bind whole, and the limit that sets it. */
export function storageBufferLimit(device: GPUDevice): { bytes: number; name: string } {
  const { maxStorageBufferBindingSize, maxBufferSize } = device.limits;
  return maxStorageBufferBindingSize <= maxBufferSize
    ? { bytes: maxStorageBufferBindingSize, name: 'maxStorageBufferBindingSize' }
    : { bytes: maxBufferSize, name: 'maxBufferSize' };
}

/** A buffer over the device's limit: which buffer, the bytes it needs, the limit, and what to reduce. */
export class DeviceLimitError extends ArgumentError {
  constructor(
    argument: string,
    readonly buffer: string,
    readonly bytes: number,
    readonly limit: number,
    message: string,
  ) {
    super(argument, message);
    this.name = 'DeviceLimitError';
  }
}

/** Bytes as people read them: 256 MiB, 1.5 GiB, 640 KiB. */
export function formatBytes(bytes: number): string {
  const units = ['bytes', 'KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${Number.isInteger(value) ? value : value.toFixed(1)} ${units[unit]}`;
}

export function checkBufferFits(device: GPUDevice, argument: string, bytes: number, what: string): void {
  const limit = storageBufferLimit(device);
  if (bytes > limit.bytes) {
    throw new DeviceLimitError(
      argument,
      what,
      bytes,
      limit.bytes,
      `${what} needs ${bytes} bytes, over this device's ${limit.name} of ${limit.bytes} bytes (${formatBytes(bytes)} > ${formatBytes(limit.bytes)})`,
    );
  }
}

export function checkRowsFit(device: GPUDevice, argument: string, rows: number): void {
  const limit = maxGridItems(device);
  if (rows > limit) {
    throw new ArgumentError(argument, `must be ≤ ${limit} (maxComputeWorkgroupsPerDimension² × 64 invocations), got ${rows}`);
  }
}
