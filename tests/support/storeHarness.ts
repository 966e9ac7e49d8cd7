// A training store on the CPU reference with hand-stepped frames and a recorded address bar, for
// store tests that need a running session.
import { createStore, type StoreApi } from 'zustand/vanilla';
import { createEngine } from '../../src/engine/createEngine';
import type { StoreEnv } from '../../src/store/storeEnv';
import { trainingStoreCreator } from '../../src/store/trainingStore';
import type { TrainingState } from '../../src/store/trainingTypes';
import { FakeFrames } from './fakeFrames';
import { readPublicFile } from './publicFiles';

/** `env` replaces parts of the store's environment: a session factory, the saved-runs database, … */
export async function startCpuStore(env: Partial<StoreEnv> = {}) {
  const frames = new FakeFrames();
  const fragments: string[] = [];
  const full: StoreEnv = {
    scheduler: frames,
    files: () => ({ fetchBytes: readPublicFile }),
    replaceEngine: () => createEngine({ backend: 'cpu' }),
    engineReplaced: () => {},
    url: { hash: () => '', replace: (fragment) => fragments.push(fragment), page: () => 'http://lab.test/' },
    ...env,
  };
  const store: StoreApi<TrainingState> = createStore<TrainingState>()(trainingStoreCreator(full));
  await store.getState().init(await createEngine({ backend: 'cpu' }));
  await frames.frames(3);
  return { store, frames, fragments };
}
