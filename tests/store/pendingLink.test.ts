// A shared link whose work estimate is large opens the defaults and waits to be confirmed; on the
// CPU backend a step too large for the page is refused by name even once confirmed.
import { describe, expect, it } from 'vitest';
import { createStore } from 'zustand/vanilla';
import { createEngine } from '../../src/engine/createEngine';
import { presetById } from '../../src/engine/experiment/presets';
import type { Experiment } from '../../src/engine/experiment/schema';
import type { SessionFactory } from '../../src/engine/session/loopTypes';
import { TrainingSession } from '../../src/engine/session/trainingSession';
import type { Sweep } from '../../src/engine/sweep/sweepSchema';
import { experimentFragment, readExperimentFragment } from '../../src/store/shareLink';
import type { StoreEnv } from '../../src/store/storeEnv';
import { trainingStoreCreator } from '../../src/store/trainingStore';
import type { TrainingState } from '../../src/store/trainingTypes';
import { FakeFrames } from '../support/fakeFrames';
import { extremeLink, wideDataLink } from '../support/hostileLinks';
import { readPublicFile } from '../support/publicFiles';

/** The page opens on the Spiral basics preset: the default experiment, named by its preset. */
const OPENING = presetById('spiral-basics').experiment;

async function openLink(hash: string) {
  const frames = new FakeFrames();
  const fragments: string[] = [];
  const asked: Experiment[] = [];
  // Records what the loop was asked to train, and trains a 600-sample copy: the test is about the
  // asking, not about measuring 10⁵ samples on the CPU.
  const createSession: SessionFactory = (experiment, engine, files) => {
    asked.push(experiment);
    const small = structuredClone(experiment);
    if (small.data.source === 'spirals') small.data.samples = 600;
    return TrainingSession.create(small, engine.createTrainer, files);
  };
  const env: StoreEnv = {
    scheduler: frames,
    files: () => ({ fetchBytes: readPublicFile }),
    replaceEngine: () => createEngine({ backend: 'cpu' }),
    engineReplaced: () => {},
    url: { hash: () => hash, replace: (fragment) => fragments.push(fragment), page: () => 'http://lab.test/' },
    createSession,
  };
  const store = createStore<TrainingState>()(trainingStoreCreator(env));
  await store.getState().init(await createEngine({ backend: 'cpu' }));
  return { store, fragments, asked };
}

describe('a link with a large work estimate', () => {
  it('opens the defaults, keeps the link in the address bar, and trains it once confirmed', async () => {
    const { store, fragments, asked } = await openLink(wideDataLink());
    const pending = store.getState().pendingLink;
    expect(pending?.work).toBe('6.4 million multiply-adds per training step and 3.3 billion per measurement');
    expect(store.getState().experiment).toEqual(OPENING);
    expect(asked).toEqual([OPENING]);
    expect(fragments).toEqual([]);
    store.getState().openPendingLink();
    expect(store.getState().pendingLink).toBeNull();
    expect(store.getState().experiment).toEqual(pending?.experiment);
    expect(fragments.at(-1)).toBe(experimentFragment(pending?.experiment as Experiment));
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(asked.at(-1)).toEqual(pending?.experiment);
  });

  it('keeps a sweep link whole once confirmed: the address and Copy link carry its sweep again', async () => {
    const wide = readExperimentFragment(wideDataLink());
    if (wide.kind !== 'ok') throw new Error('the wide link is readable');
    const sweep: Sweep = { axes: [{ setting: 'seed', values: [1, 2] }], metric: 'accuracy' };
    const link = experimentFragment({ ...wide.experiment, sweep });
    const { store, fragments } = await openLink(link);
    expect(store.getState().pendingLink).not.toBeNull();
    store.getState().openPendingLink();
    expect(store.getState().experiment.sweep).toBeUndefined();
    expect(fragments.at(-1)).toBe(link);
    expect(store.getState().shareUrl()).toBe(`http://lab.test/${link}`);
  });

  it('keeps the defaults when declined, and writes them to the address bar', async () => {
    const { store, fragments } = await openLink(wideDataLink());
    store.getState().dismissPendingLink();
    expect(store.getState().pendingLink).toBeNull();
    expect(fragments).toEqual([experimentFragment(OPENING)]);
  });

  it("refuses the issue's extreme link on the CPU by name, even once confirmed", async () => {
    const { store, asked } = await openLink(extremeLink());
    expect(store.getState().pendingLink?.work).toMatch(/^4\.0 billion multiply-adds per training step/);
    store.getState().openPendingLink();
    expect(store.getState().experiment).toEqual(OPENING);
    expect(asked).toEqual([OPENING]);
    const notice = store.getState().notices.at(-1)?.text ?? '';
    expect(notice).toMatch(/cannot run here.*training\.batchSize: on the CPU backend one training step may do at most 20 million/);
  });

  it('refuses an edit whose step is too large for the CPU, changing nothing', async () => {
    const { store } = await openLink('');
    const problems = store.getState().edit((draft) => {
      draft.model.hidden = [256, 256, 256];
      draft.training.batchSize = 4096;
    });
    expect(problems).toEqual([expect.stringMatching(/^training\.batchSize: on the CPU backend/)]);
    expect(store.getState().experiment).toEqual(OPENING);
  });
});
