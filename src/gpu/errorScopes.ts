// WebGPU reports a validation or out-of-memory error asynchronously, to an error scope or else to
// the console, while the work goes on and reads back zeros: a silent wrong number. GpuErrorScopes
// wraps each piece of work in both scopes without waiting for them, keeps the first error, and
// turns it into a thrown GpuWorkError when the caller next reads a result (check()), so a step
// never stalls on the scopes and no result read after a failure is returned as a number.

/** A validation or out-of-memory error that the GPU reported for some work. */
export class GpuWorkError extends Error {
  constructor(
    readonly label: string,
    readonly kind: 'validation' | 'out-of-memory' | 'device lost',
    readonly gpuMessage: string,
  ) {
    super(
      kind === 'device lost'
        ? `${label}: the GPU device is gone (${gpuMessage}): create a new engine and trainer`
        : `${label}: the GPU rejected the work (${kind} error): ${gpuMessage}`,
    );
    this.name = 'GpuWorkError';
  }
}

export class GpuErrorScopes {
  /** The first error of all work wrapped so far; sticky, as the state after a failed step is garbage. */
  private first: Promise<GpuWorkError | null> = Promise.resolve(null);

  /** Why the device went away, once it has: reads then fail with that, not an empty AbortError. */
  private lost: string | null = null;

  constructor(
    private readonly device: GPUDevice,
    readonly label: string,
  ) {
    device.lost.then((info) => {
      this.lost = info.reason === 'destroyed' ? 'destroyed (engine.destroy() or the page closed it)' : info.message || 'lost';
    });
  }

  /**
   * Runs `work` (synchronous GPU calls; an async function's part before its first await) inside a
   * validation and an out-of-memory scope, and pops both before returning: a scope belongs to
   * whoever pushed last, so nothing may yield in between.
   */
  run<T>(work: () => T): T {
    this.open();
    try {
      return work();
    } finally {
      this.close();
    }
  }

  /** Pushes both scopes; close() must follow before anything yields (a constructor's body, say). */
  open(): void {
    this.device.pushErrorScope('out-of-memory');
    this.device.pushErrorScope('validation');
  }

  /** Pops the scopes open() pushed; their errors are kept, not awaited. */
  close(): void {
    const validation = this.device.popErrorScope();
    const memory = this.device.popErrorScope();
    const previous = this.first;
    this.first = Promise.all([previous, validation, memory]).then(
      ([earlier, v, m]) =>
        earlier ??
        (v ? new GpuWorkError(this.label, 'validation', v.message) : m ? new GpuWorkError(this.label, 'out-of-memory', m.message) : null),
      // popErrorScope rejects only when the device is lost; device.lost reports that.
      () => previous,
    );
  }

  /** Throws the first error any wrapped work raised; resolves once all work wrapped so far is checked. */
  async check(): Promise<void> {
    const error = await this.first;
    if (error) throw error;
  }

  /** `read`'s result, unless the work before it (or the read itself) failed on the GPU. */
  async read<T>(read: () => Promise<T>): Promise<T> {
    if (this.lost) throw new GpuWorkError(this.label, 'device lost', this.lost);
    const pending = this.run(read);
    pending.catch(() => undefined); // the GPU error below, if any, says more than a failed map
    await this.check();
    try {
      return await pending;
    } catch (error) {
      // A map aborted because the device went meanwhile: say so (device.lost may settle just after).
      await Promise.race([this.device.lost, new Promise((resolve) => setTimeout(resolve, 0))]);
      if (this.lost) throw new GpuWorkError(this.label, 'device lost', this.lost);
      throw error;
    }
  }
}
