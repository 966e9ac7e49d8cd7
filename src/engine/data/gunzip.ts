// Gunzip with the platform's DecompressionStream (browsers, Node ≥ 18), read chunk by chunk so a
// small .gz that inflates to gigabytes is stopped while it inflates.

/** The inflated bytes passed `maxBytes`. */
export class GunzipLimitError extends Error {
  constructor(readonly maxBytes: number) {
    super(`inflates to more than ${maxBytes} bytes`);
  }
}

/** Throws GunzipLimitError past `maxBytes`, and the stream's own error for bytes that are not gzip. */
export async function gunzipBytes(bytes: Uint8Array, maxBytes: number): Promise<Uint8Array> {
  const input = new ReadableStream<BufferSource>({
    start(controller) {
      // A copy: the stream takes only ArrayBuffer-backed bytes, and the caller's may sit in shared memory.
      controller.enqueue(bytes.slice());
      controller.close();
    },
  });
  const reader = input.pipeThrough(new DecompressionStream('gzip')).getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
    total += chunk.value.length;
    if (total > maxBytes) {
      await reader.cancel();
      throw new GunzipLimitError(maxBytes);
    }
    chunks.push(chunk.value);
  }
  const plain = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    plain.set(chunk, offset);
    offset += chunk.length;
  }
  return plain;
}
