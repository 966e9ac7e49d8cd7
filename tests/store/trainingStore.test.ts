// The store around the loop, in Node: an edit reaches the state and the address bar only once the
// run took it, and the store mirrors what the loop reports.
import { describe, expect, it } from 'vitest';
import { presetById } from '../../src/engine/experiment/presets';
import type { SessionFactory } from '../../src/engine/session/loopTypes';
import { TrainingSession } from '../../src/engine/session/trainingSession';
import { experimentFragment } from '../../src/store/shareLink';
import { settle } from '../support/fakeFrames';
import { startCpuStore } from '../support/storeHarness';

/** The page opens on the Spiral basics preset: the default experiment, named by its preset. */
const OPENING = presetById('spiral-basics').experiment;

const startStore = (createSession?: SessionFactory) => startCpuStore({ createSession });

describe('training store edits', () => {
  it('commits a live change to the state and the address bar, with a marker', async () => {
    const { store, fragments } = await startStore();
    expect(store.getState().phase).toBe('ready');
    expect(
      store.getState().edit((e) => {
        e.optimizer.lr = 0.05;
      }, 'lr 0.05'),
    ).toEqual([]);
    const { experiment, markers } = store.getState();
    expect(experiment.optimizer.lr).toBe(0.05);
    expect(fragments.at(-1)).toBe(experimentFragment(experiment));
    expect(markers.at(-1)?.label).toBe('lr 0.05');
  });

  it('keeps the experiment and the link as they were when the session refuses a change', async () => {
    const refusing: SessionFactory = async (experiment, engine, files) => {
      const session = await TrainingSession.create(experiment, engine.createTrainer, files);
      session.update = () => {
        throw new Error('training.batchSize: must be at most the 480 training rows, got 500');
      };
      return session;
    };
    const { store, fragments } = await startStore(refusing);
    const before = store.getState().experiment;
    const linked = fragments.length;
    const problems = store.getState().edit((e) => {
      e.optimizer.lr = 0.05;
    });
    expect(problems).toEqual(['training.batchSize: must be at most the 480 training rows, got 500']);
    expect(store.getState().experiment).toBe(before);
    expect(fragments).toHaveLength(linked);
    expect(store.getState().markers).toEqual([]);
  });

  it('commits a change that needs a restart once the restart is decided', async () => {
    const { store, frames, fragments } = await startStore();
    expect(
      store.getState().edit((e) => {
        e.seed = 7;
      }),
    ).toEqual([]);
    expect(store.getState().experiment.seed).toBe(7);
    expect(fragments.at(-1)).toBe(experimentFragment(store.getState().experiment));
    expect(store.getState().notices.at(-1)?.text).toBe('Training restarted: the seed changed.');
    await settle();
    await frames.frames(2);
    expect(store.getState().phase).toBe('ready');
    expect(store.getState().data).not.toBeNull();
  });

  it('refuses an invalid experiment with the field named', async () => {
    const { store } = await startStore();
    expect(
      store.getState().edit((e) => {
        e.optimizer.lr = -1;
      }),
    ).toEqual([expect.stringMatching(/^optimizer\.lr: /)]);
    expect(store.getState().experiment).toEqual(OPENING);
  });
});

describe('training store during an A/B compare', () => {
  it('ends the compare with a notice when run A is edited, so that B no longer silently differs by two settings', async () => {
    const { store, frames } = await startStore();
    expect(
      await store.getState().startCompare((e) => {
        e.optimizer.lr = 0.2;
      }, 'learning rate 0.2'),
    ).toEqual([]);
    await frames.frames(3);
    expect(store.getState().compare?.label).toBe('learning rate 0.2');
    expect(
      store.getState().edit((e) => {
        if (e.loss.mode === 'cross-entropy') e.loss.labelSmoothing = 0.1;
      }, 'label smoothing 0.1'),
    ).toEqual([]);
    expect(store.getState().compare).toBeNull();
    expect(store.getState().experiment.loss).toMatchObject({ labelSmoothing: 0.1 });
    expect(store.getState().notices.at(-1)?.text).toBe(
      'The A/B comparison ended: run A changed (label smoothing 0.1) and run B did not, so they no longer differ by one setting. Start a new comparison to compare from here.',
    );
    // The run goes on as A alone.
    await frames.frames(3);
    expect(store.getState().phase).toBe('ready');
    expect(store.getState().compare).toBeNull();
  });
});
