// The flat layout in which a model's tensors share one buffer (parameters, and the same layout for
// gradients and optimizer state), so that one dispatch can update every tensor.

/** Floats from one tensor start to the next: 256 bytes, the coarsest minStorageBufferOffsetAlignment
 * WebGPU allows, so every tensor can also be bound alone as a range. */
export const TENSOR_ALIGNMENT = 64;

export interface PackedLayout {
  /** Where tensor i starts, in floats; a multiple of TENSOR_ALIGNMENT. */
  offsets: number[];
  /** Floats in params, grads and each state buffer: a multiple of 4. */
  length: number;
}

/**
 * The flat layout the optimizer updates in one dispatch. Padding between and after tensors must be 0
 * in params and grads (fresh buffers are, and kernels write only their tensor's range); every
 * optimizer then keeps it exactly 0, weight decay included: 0 − lr·0 = 0 and m = v = 0 give 0/ε = 0.
 */
export function packedLayout(sizes: readonly number[]): PackedLayout {
  const offsets: number[] = [];
  let end = 0;
  for (const size of sizes) {
    const offset = Math.ceil(end / TENSOR_ALIGNMENT) * TENSOR_ALIGNMENT;
    offsets.push(offset);
    end = offset + size;
  }
  return { offsets, length: Math.max(4, Math.ceil(end / 4) * 4) };
}
