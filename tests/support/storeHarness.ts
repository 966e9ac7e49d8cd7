// A training store on the CPU reference with hand-stepped frames and a recorded address bar, for
// store tests that need a running session.
import { createStore, type StoreApi } from 'zustand/vanilla';
import { createEngine } from '../../src/engine/createEngine';
import type { SavedRunsDb } from '../../src/store/savedRunsDb';
import type { StoreEnv } from '../../src/store/storeEnv';
import { trainingStoreCreator } from '../../src/store/trainingStore';
import type { TrainingState } from '../../src/store/trainingTypes';
import { FakeFrames } from './fakeFrames';
import { readPublicFile } from './publicFiles';

export async function startCpuStore(savedRuns?: SavedRunsDb) {
  const frames = new FakeFrames();
  const fragments: string[] = [];
  const env: StoreEnv = {
    scheduler: frames,
    files: () => ({ fetchBytes: readPublicFile }),
    replaceEngine: () => createEngine({ backend: 'cpu' }),
    engineReplaced: () => {},
    url: { hash: () => '', replace: (fragment) => fragments.push(fragment), page: () => 'http://lab.test/' },
    savedRuns,
  };
  const store: StoreApi<TrainingState> = createStore<TrainingState>()(trainingStoreCreator(env));
  await store.getState().init(await createEngine({ backend: 'cpu' }));
  await frames.frames(3);
  return { store, frames, fragments };
}
