// A scheduler and clock for the training loop that a test steps by hand: frames run only when the
// test asks, and time moves only when a frame (or a stand-in for slow work) moves it.
import type { FrameScheduler, LoopListener } from '../../src/engine/session/loopTypes';
import type { RunState } from '../../src/engine/session/runState';
import type { Engine } from '../../src/engine/types';

/** Lets every pending promise chain (CPU trainer reads, measurements) run to its end. */
export const settle = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

export class FakeFrames implements FrameScheduler {
  time = 0;
  private callbacks: (() => void)[] = [];

  requestFrame(callback: () => void): void {
    this.callbacks.push(callback);
  }

  now(): number {
    return this.time;
  }

  /** One frame `ms` after the last; then the work it started settles. */
  async frame(ms = 16): Promise<void> {
    this.time += ms;
    const due = this.callbacks;
    this.callbacks = [];
    for (const callback of due) callback();
    await settle();
  }

  async frames(count: number, ms = 16): Promise<void> {
    for (let i = 0; i < count; i++) await this.frame(ms);
  }
}

/** A listener that keeps what the loop said. */
export function recordingListener() {
  const record = { notices: [] as string[], engines: [] as Engine[], restarts: 0, patches: [] as Partial<RunState>[] };
  const listener: LoopListener = {
    changed: (patch) => record.patches.push(patch),
    notify: (text) => record.notices.push(text),
    restarted: () => record.restarts++,
    engineReplaced: (engine) => record.engines.push(engine),
  };
  return { record, listener };
}

export interface Deferred<T> {
  promise: Promise<T>;
  resolve(value: T): void;
}

export function deferred<T>(): Deferred<T> {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}
