// The page's store: the UI reads it through selectors and calls its actions; only the actions
// talk to the engine.
import { create } from 'zustand';
import { createEngine } from '../engine/createEngine';
import { type Example, runExample } from '../engine/example';
import { type CheckResult, runSelfCheck } from '../engine/selfCheck';
import type { Engine } from '../engine/types';

type Phase<T> = { state: 'idle' } | { state: 'running' } | { state: 'done'; value: T } | { state: 'error'; message: string };

export interface LabState {
  engine: Engine | null;
  engineError: string | null;
  selfCheck: Phase<CheckResult[]>;
  /** The last example stays on screen while the next one computes. */
  example: { value: Example | null; busy: boolean; error: string | null };
  start(): Promise<void>;
  newExample(): Promise<void>;
}

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

export const useLabStore = create<LabState>()((set, get) => ({
  engine: null,
  engineError: null,
  selfCheck: { state: 'idle' },
  example: { value: null, busy: false, error: null },

  async start() {
    if (get().engine) return;
    try {
      set({ engine: await createEngine() });
    } catch (error) {
      set({ engineError: message(error) });
      return;
    }
    await get().newExample();
    const engine = get().engine as Engine;
    set({ selfCheck: { state: 'running' } });
    try {
      set({ selfCheck: { state: 'done', value: await runSelfCheck(engine) } });
    } catch (error) {
      set({ selfCheck: { state: 'error', message: message(error) } });
    }
  },

  async newExample() {
    const { engine, example } = get();
    if (!engine || example.busy) return;
    const seed = (example.value?.seed ?? 0) + 1;
    set({ example: { ...example, busy: true } });
    try {
      set({ example: { value: await runExample(engine, seed), busy: false, error: null } });
    } catch (error) {
      set({ example: { value: example.value, busy: false, error: message(error) } });
    }
  },
}));
