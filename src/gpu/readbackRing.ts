// A small ring of mappable buffers for reading values back without stalling a training loop: a copy
// is recorded into a free slot, and its mapAsync resolves later while the loop keeps submitting. When
// every slot is still in flight, capture() says so and the caller skips that sample; it never waits.

const MAP_READ = 0x1; // GPUBufferUsage.MAP_READ
const COPY_DST = 0x8; // GPUBufferUsage.COPY_DST
const MAP_MODE_READ = 0x1; // GPUMapMode.READ

export class ReadbackRing {
  private readonly slots: GPUBuffer[];
  private readonly busy: boolean[];

  constructor(
    private readonly device: GPUDevice,
    readonly label: string,
    readonly floats: number,
    slots = 3,
  ) {
    const size = Math.max(16, Math.ceil((floats * 4) / 16) * 16);
    this.slots = Array.from({ length: slots }, (_, i) =>
      device.createBuffer({ label: `${label}.slot${i}`, size, usage: MAP_READ | COPY_DST }),
    );
    this.busy = this.slots.map(() => false);
  }

  /**
   * Submits a copy of `source` (after everything already submitted) and returns a promise of its
   * floats, or null when every slot is still in flight.
   */
  capture(source: GPUBuffer): Promise<Float32Array> | null {
    const index = this.busy.indexOf(false);
    if (index < 0) return null;
    this.busy[index] = true;
    const slot = this.slots[index];
    const encoder = this.device.createCommandEncoder({ label: `${this.label}.capture` });
    encoder.copyBufferToBuffer(source, 0, slot, 0, this.floats * 4);
    this.device.queue.submit([encoder.finish()]);
    const sample = slot.mapAsync(MAP_MODE_READ).then(
      () => {
        const values = new Float32Array(slot.getMappedRange(0, this.floats * 4).slice(0));
        slot.unmap();
        this.busy[index] = false;
        return values;
      },
      (error: unknown) => {
        this.busy[index] = false;
        throw error;
      },
    );
    // Callers may drop a sample (that is the point of not waiting); if the ring is destroyed while it
    // is in flight, its AbortError must not surface as an unhandled rejection. Awaiting callers still see it.
    sample.catch(() => undefined);
    return sample;
  }

  destroy(): void {
    for (const slot of this.slots) slot.destroy();
  }
}
