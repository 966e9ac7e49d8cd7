// The training store: the experiment, run and compare slices combined once, around one training
// loop (src/engine/session/trainingLoop.ts). The UI reads it through selectors and calls its
// actions; the loop does the work and reports back through the listener below, once per change.
import { create, type StateCreator } from 'zustand';
import type { LoopListener } from '../engine/session/loopTypes';
import { TrainingLoop } from '../engine/session/trainingLoop';
import { createCompareSlice } from './compareSlice';
import { createExperimentSlice } from './experimentSlice';
import { lazyIndexedDbRuns } from './lazySavedRunsDb';
import { createRunSlice } from './runSlice';
import { createSavedRunsSlice } from './savedRunsSlice';
import { browserEnv, type StoreEnv } from './storeEnv';
import type { TrainingState } from './trainingTypes';

export type { TrainingState } from './trainingTypes';

/** The store's state creator around a loop built from `env`; the page's store uses the browser's. */
export function trainingStoreCreator(env: StoreEnv): StateCreator<TrainingState> {
  return (set, get, store) => {
    const listener: LoopListener = {
      // A change the run replayed (a shared link's) becomes the settings the controls show.
      changed: (patch) =>
        set(patch.trained && loop.experiment && loop.experiment !== get().experiment ? { ...patch, experiment: loop.experiment } : patch),
      notify: (text, tone) => get().notify(text, tone),
      // The selection pointed into the old run's data.
      restarted: () => set({ selected: null, highlight: null }),
      engineReplaced: (engine, reason) => env.engineReplaced(engine, reason),
    };
    const loop = new TrainingLoop({
      scheduler: env.scheduler,
      files: env.files(() => get().csv),
      listener,
      replaceEngine: () => env.replaceEngine(),
      createSession: env.createSession,
    });
    return {
      ...createExperimentSlice(loop, env)(set, get, store),
      ...createRunSlice(loop)(set, get, store),
      ...createCompareSlice(loop)(set, get, store),
      ...createSavedRunsSlice(env.savedRuns ?? lazyIndexedDbRuns())(set, get, store),
    };
  };
}

export const useTrainingStore = create<TrainingState>()(trainingStoreCreator(browserEnv()));
