// The page's store: the UI reads it through selectors and calls its actions; only the actions
// talk to the engine.
import { create } from 'zustand';
import { createEngine } from '../engine/createEngine';
import { DEFAULT_LABEL_SMOOTHING, type Example, runExample } from '../engine/example';
import { type CheckResult, runSelfCheck } from '../engine/selfCheck';
import type { Engine } from '../engine/types';

type Phase<T> =
  | { state: 'idle' }
  | { state: 'running' }
  | { state: 'skipped'; reason: string }
  | { state: 'done'; value: T }
  | { state: 'error'; message: string };

export interface LabState {
  engine: Engine | null;
  engineError: string | null;
  /** Why the GPU device was lost, if it was (the training store then moved to a new engine). */
  lostReason: string | null;
  selfCheck: Phase<CheckResult[]>;
  /** The last example stays on screen while the next one computes. */
  example: { value: Example | null; busy: boolean; error: string | null };
  /** The example's label smoothing as the user typed it; the engine validates it. */
  labelSmoothing: number;
  start(): Promise<void>;
  runSelfCheck(): Promise<void>;
  newExample(): Promise<void>;
  setLabelSmoothing(value: number): Promise<void>;
}

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** Runs the example for `seed` with the current settings; the last good example stays on screen. */
async function compute(get: () => LabState, set: (partial: Partial<LabState>) => void, seed: number): Promise<void> {
  const { engine, example, labelSmoothing } = get();
  if (!engine) return;
  set({ example: { ...example, busy: true } });
  try {
    const value = await runExample(engine, seed, labelSmoothing);
    // A newer request may have finished first; keep whichever matches the current settings.
    if (get().labelSmoothing === labelSmoothing) set({ example: { value, busy: false, error: null } });
  } catch (error) {
    set({ example: { value: get().example.value, busy: false, error: message(error) } });
  }
}

export const useLabStore = create<LabState>()((set, get) => ({
  engine: null,
  engineError: null,
  lostReason: null,
  selfCheck: { state: 'idle' },
  example: { value: null, busy: false, error: null },
  labelSmoothing: DEFAULT_LABEL_SMOOTHING,

  async start() {
    if (get().engine) return;
    try {
      set({ engine: await createEngine() });
      performance.mark('xent:engine-ready');
    } catch (error) {
      set({ engineError: message(error) });
      return;
    }
    if ((get().engine as Engine).backend === 'cpu') {
      set({ selfCheck: { state: 'skipped', reason: 'the page runs on the CPU reference itself' } });
    }
  },

  // On demand: on an emulated GPU (SwiftShader) the check takes many seconds and would slow the
  // training the page opens with.
  async runSelfCheck() {
    const engine = get().engine;
    if (!engine || engine.backend === 'cpu' || get().selfCheck.state === 'running') return;
    set({ selfCheck: { state: 'running' } });
    try {
      set({ selfCheck: { state: 'done', value: await runSelfCheck(engine) } });
    } catch (error) {
      set({ selfCheck: { state: 'error', message: message(error) } });
    }
  },

  async newExample() {
    await compute(get, set, (get().example.value?.seed ?? 0) + 1);
  },

  async setLabelSmoothing(value) {
    set({ labelSmoothing: value });
    await compute(get, set, get().example.value?.seed ?? 1);
  },
}));
