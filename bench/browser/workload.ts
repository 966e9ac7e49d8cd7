// One row group of the table: a workload and its contenders, all on one device of its own.
import { bareSoftmaxContender, floorContender, type GpuKernel, gpuContender } from './gpuContenders';
import type { Contender } from './measure';
import { OURS, OURS_SINGLE } from './names';
import { type TfjsProgram, tfjsContender } from './tfjsContenders';

export interface Workload {
  name: string;
  /** Bytes a call must move at least, for effective GB/s (8·n·c for cross-entropy and log-softmax). */
  bytes?: number;
  contenders: Contender[];
  /** What the correctness guard compares between ours and tfjs-webgpu. */
  check?: 'loss and gradient' | 'output';
  /** Figures that are not timings (dispatches per step). */
  extra?(): Promise<Record<string, number>>;
  /** Report steps/s (a training step) rather than GB/s. */
  perStep?: boolean;
}

/**
 * Our kernel twice, batched (throughput) and one call per submit with its readback (latency); the
 * floor where the workload has one (reading and writing `floor.input`), that copy with an exp per
 * float, and a bare softmax over its rows (and, for a loss reduced over the rows, the same softmax
 * summing a value per row); tfjs on WebGPU and on the CPU.
 */
export function kernelContenders(
  device: GPUDevice,
  label: string,
  ours: () => GpuKernel,
  theirs: () => TfjsProgram,
  floor?: { input: Float32Array; rows: number; classes: number; sumRows?: boolean },
): Contender[] {
  const bounds = floor
    ? [
        floorContender(device, floor.input),
        floorContender(device, floor.input, true),
        bareSoftmaxContender(device, floor.input, floor.rows, floor.classes),
        ...(floor.sumRows ? [bareSoftmaxContender(device, floor.input, floor.rows, floor.classes, true)] : []),
      ]
    : [];
  return [
    gpuContender(device, OURS, `${label}.batched`, ours, 'batched'),
    gpuContender(device, OURS_SINGLE, `${label}.single`, ours, 'single'),
    ...bounds,
    tfjsContender('webgpu', theirs),
    tfjsContender('cpu', theirs),
  ];
}
