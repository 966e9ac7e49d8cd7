// The page records its live changes: the exported experiment and the share link carry the step-0
// settings and each change with the step it took effect at; a link replays them to the same run; a
// reset starts a fresh record.
import { describe, expect, it } from 'vitest';
import { createStore, type StoreApi } from 'zustand/vanilla';
import { createEngine } from '../../src/engine/createEngine';
import { DEFAULT_EXPERIMENT } from '../../src/engine/experiment/defaults';
import type { ClassificationSnapshot } from '../../src/engine/session/trainingSession';
import type { StoreEnv } from '../../src/store/storeEnv';
import { trainingStoreCreator } from '../../src/store/trainingStore';
import type { TrainingState } from '../../src/store/trainingTypes';
import { FakeFrames, settle } from '../support/fakeFrames';
import { readPublicFile } from '../support/publicFiles';

const PAGE = 'http://lab.test/';

async function startStore(hash = '') {
  const frames = new FakeFrames();
  const env: StoreEnv = {
    scheduler: frames,
    files: () => ({ fetchBytes: readPublicFile }),
    replaceEngine: () => createEngine({ backend: 'cpu' }),
    engineReplaced: () => {},
    url: { hash: () => hash, replace: () => {}, page: () => PAGE },
  };
  const store: StoreApi<TrainingState> = createStore<TrainingState>()(trainingStoreCreator(env));
  await store.getState().init(await createEngine({ backend: 'cpu' }));
  store.getState().pause();
  await frames.frames(2);
  return { store, frames };
}

/** Steps one at a time (paused) until `step`, then lets the measurement of that step land. */
async function trainTo({ store, frames }: { store: StoreApi<TrainingState>; frames: FakeFrames }, step: number) {
  while (store.getState().step < step) {
    const before = store.getState().step;
    store.getState().stepOnce();
    // One press, one step: wait for it to land (a measurement in chunks may hold it a few frames).
    for (let i = 0; i < 100 && store.getState().step === before; i++) await frames.frame();
  }
  // CPU measurements run in time-budgeted chunks, so a loaded machine needs more frames: wait on the
  // snapshot itself, not on a frame count, and fail if it never comes.
  for (let i = 0; i < 2000 && store.getState().snapshot?.step !== step; i++) await frames.frame();
  expect(store.getState().step).toBe(step);
  expect(store.getState().snapshot?.step).toBe(step);
  return store.getState().snapshot as ClassificationSnapshot;
}

describe('live changes in the store', () => {
  it('are recorded with their steps, replayed by the share link to the same run, and cleared by a reset', async () => {
    const page = await startStore();
    await trainTo(page, 5);
    page.store.getState().edit((e) => {
      e.optimizer.lr = 0.05;
    });
    await trainTo(page, 9);
    page.store.getState().edit((e) => {
      if (e.loss.mode === 'cross-entropy') e.loss.classWeights = { kind: 'inverse-sqrt-frequency' };
    });
    const original = await trainTo(page, 12);

    const trained = page.store.getState().trainedExperiment();
    expect(trained.optimizer).toEqual(DEFAULT_EXPERIMENT.optimizer); // the sections are step 0's
    expect(trained.training.steps).toBe(12); // the steps trained
    expect(trained.changes).toEqual([
      { step: 6, optimizer: { ...DEFAULT_EXPERIMENT.optimizer, lr: 0.05 } },
      { step: 10, loss: { classWeights: { kind: 'inverse-sqrt-frequency' } } },
    ]);
    expect(page.store.getState().experiment.optimizer.lr).toBe(0.05); // the controls show the settings in force

    // The link replays the run: the controls start at step 0's settings and follow each change.
    const link = page.store.getState().shareUrl();
    const opened = await startStore(link.slice(PAGE.length));
    expect(opened.store.getState().experiment.optimizer.lr).toBe(0.01);
    await trainTo(opened, 7);
    expect(opened.store.getState().experiment.optimizer.lr).toBe(0.05);
    const replayed = await trainTo(opened, 12);
    expect(opened.store.getState().trainedExperiment().changes).toEqual(trained.changes);
    // Same data, seed, batches and changes on the same backend: the same numbers.
    expect(replayed.train.weightedLoss).toBe(original.train.weightedLoss);
    expect(replayed.validation.accuracy).toBe(original.validation.accuracy);

    // A reset trains the settings in force from step 0, with a fresh record.
    page.store.getState().reset();
    await settle();
    await page.frames.frames(3);
    const fresh = page.store.getState().trainedExperiment();
    expect(fresh.changes).toBeUndefined();
    expect(fresh.optimizer.lr).toBe(0.05);
    expect(fresh.loss.mode === 'cross-entropy' && fresh.loss.classWeights.kind).toBe('inverse-sqrt-frequency');
  });
});
