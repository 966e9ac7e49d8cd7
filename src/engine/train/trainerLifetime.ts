// A GPU trainer's lifetime, shared by GpuMlp and BatchedGpuMlp: after destroy() every call is refused
// by name and nothing more is submitted, and the buffers are freed only once the submitted work and
// the reads in flight are done (a buffer destroyed under a queued command is a WebGPU validation
// error, "used in submit while destroyed", and its reads would fail).

/** A call on a trainer after destroy(): it submits nothing, and says so by name. */
export class TrainerDestroyedError extends Error {
  constructor(label: string, method: string) {
    super(`${label}.${method}: the trainer was destroyed (a restart or a dataset change replaced it)`);
    this.name = 'TrainerDestroyedError';
  }
}

export class TrainerLifetime {
  private readonly reads = new Set<Promise<unknown>>();
  private released: Promise<void> = Promise.resolve();
  destroyed = false;

  constructor(
    private readonly device: GPUDevice,
    private readonly label: string,
  ) {}

  /** Throws TrainerDestroyedError for `method` once destroyed. */
  checkAlive(method: string): void {
    if (this.destroyed) throw new TrainerDestroyedError(this.label, method);
  }

  /** `start()`'s read, counted in flight until it settles; after destroy() a rejection, and no submit. */
  read<T>(method: string, start: () => Promise<T>): Promise<T> {
    if (this.destroyed) return Promise.reject(new TrainerDestroyedError(this.label, method));
    return this.track(start());
  }

  /** Counts a read already started as in flight until it settles. */
  track<T>(read: Promise<T>): Promise<T> {
    this.reads.add(read);
    const done = () => this.reads.delete(read);
    read.then(done, done);
    return read;
  }

  /** Marks the trainer destroyed at once; runs `release` once submitted work and reads are done. */
  destroy(release: () => void): Promise<void> {
    if (this.destroyed) return this.released;
    this.destroyed = true;
    const settled = [...this.reads].map((read) => read.catch(() => undefined));
    this.released = Promise.all([this.device.queue.onSubmittedWorkDone(), ...settled]).then(release, release);
    return this.released;
  }
}
