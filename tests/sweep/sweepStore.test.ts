// The sweep in the share link and the store: a link carries the sweep, opening it hands the sweep to
// the panel while the main view trains the base experiment, and the sweep slice fills its cells and
// opens a run's experiment in the main view.
import { describe, expect, it } from 'vitest';
import { createStore } from 'zustand/vanilla';
import { createEngine } from '../../src/engine/createEngine';
import { DEFAULT_EXPERIMENT } from '../../src/engine/experiment/defaults';
import { type Experiment, parseExperiment } from '../../src/engine/experiment/schema';
import type { SessionFactory } from '../../src/engine/session/loopTypes';
import { TrainingSession } from '../../src/engine/session/trainingSession';
import type { Sweep } from '../../src/engine/sweep/sweepSchema';
import { experimentFragment, readExperimentFragment } from '../../src/store/shareLink';
import type { StoreEnv } from '../../src/store/storeEnv';
import { createSweepSlice, type SweepSlice } from '../../src/store/sweepSlice';
import { trainingStoreCreator } from '../../src/store/trainingStore';
import type { TrainingState } from '../../src/store/trainingTypes';
import { FakeFrames } from '../support/fakeFrames';
import { readPublicFile } from '../support/publicFiles';

const SWEEP: Sweep = {
  axes: [
    { setting: 'lr', values: [0.003, 0.03] },
    { setting: 'optimizer', values: ['sgd', 'adam'] },
  ],
  metric: 'accuracy',
};
const SMALL = {
  ...DEFAULT_EXPERIMENT,
  data: { ...DEFAULT_EXPERIMENT.data, samples: 300 },
  training: { batchSize: 32, steps: 40, evalEvery: 20 },
};

describe('a link with a sweep', () => {
  it('round-trips the sweep', () => {
    const swept = parseExperiment({ ...SMALL, sweep: SWEEP });
    const link = readExperimentFragment(experimentFragment(swept));
    expect(link.kind === 'ok' && link.experiment.sweep).toEqual(SWEEP);
  });

  it('gives the sweep to the panel and trains the base experiment in the main view', async () => {
    const asked: Experiment[] = [];
    const createSession: SessionFactory = (experiment, engine, files) => {
      asked.push(experiment);
      return TrainingSession.create(experiment, engine.createTrainer, files);
    };
    const env: StoreEnv = {
      scheduler: new FakeFrames(),
      files: () => ({ fetchBytes: readPublicFile }),
      replaceEngine: () => createEngine({ backend: 'cpu' }),
      engineReplaced: () => {},
      url: {
        hash: () => experimentFragment(parseExperiment({ ...SMALL, sweep: SWEEP })),
        replace: () => {},
        page: () => 'http://lab.test/',
      },
      createSession,
    };
    const store = createStore<TrainingState>()(trainingStoreCreator(env));
    await store.getState().init(await createEngine({ backend: 'cpu' }));
    expect(store.getState().linkedSweep).toEqual(SWEEP);
    expect(store.getState().experiment.sweep).toBeUndefined();
    expect(asked[0].sweep).toBeUndefined();
    expect(asked[0].training.steps).toBe(40);
  });
});

describe('the sweep slice', () => {
  it('trains run by run on the CPU with a notice, fills every cell, and opens a run', async () => {
    const engine = await createEngine({ backend: 'cpu' });
    const opened: [Experiment, string][] = [];
    const shared: Experiment[] = [];
    let paused = 0;
    const store = createStore<SweepSlice>()(
      createSweepSlice({
        engine: () => engine,
        experiment: () => parseExperiment(SMALL),
        files: () => ({ fetchBytes: readPublicFile }),
        pauseTraining: () => void paused++,
        openExperiment: (experiment, label) => void opened.push([experiment, label]),
        share: (experiment) => void shared.push(experiment),
        nextFrame: () => Promise.resolve(),
      }),
    );
    const measured: number[] = [];
    store.subscribe((s) => measured.push(s.cells.filter((c) => c.metric !== null).length));
    expect(await store.getState().start(SWEEP)).toEqual([]);
    const state = store.getState();
    expect(state.status).toBe('done');
    expect(state.notice).toMatch(/^The CPU backend trains the sweep run by run/);
    expect(paused).toBe(1);
    expect(shared[0].sweep).toEqual(SWEEP);
    expect(state.cells.every((c) => c.metric !== null && c.metric > 0 && c.step === 40)).toBe(true);
    // The heatmap filled in while training: some cells had a value while others did not yet.
    expect(measured.some((n) => n > 0 && n < 4)).toBe(true);
    store.getState().openRun(3);
    expect(opened[0][1]).toBe('sweep run: lr 0.03, optimizer adam');
    expect(opened[0][0].optimizer).toMatchObject({ kind: 'adam', lr: 0.03 });
    expect(opened[0][0].sweep).toBeUndefined();
    expect(store.getState().opened).toBe(3);
    const script = await store.getState().pytorchScript();
    expect(script.match(/^ {4}\{ {2}# run \d: /gm)).toHaveLength(4);
    expect(script).toContain('# run 3: lr 0.03, optimizer adam');
  });

  it('refuses a sweep over 64 runs by name and starts nothing', async () => {
    const engine = await createEngine({ backend: 'cpu' });
    let paused = 0;
    const store = createStore<SweepSlice>()(
      createSweepSlice({
        engine: () => engine,
        experiment: () => parseExperiment(SMALL),
        files: () => ({ fetchBytes: readPublicFile }),
        pauseTraining: () => void paused++,
        openExperiment: () => {},
        share: () => {},
        nextFrame: () => Promise.resolve(),
      }),
    );
    const big: Sweep = {
      axes: [
        { setting: 'lr', values: Array.from({ length: 9 }, (_, i) => 0.001 * (i + 1)) },
        { setting: 'seed', values: [1, 2, 3, 4, 5, 6, 7, 8] },
      ],
      metric: 'accuracy',
    };
    expect(await store.getState().start(big)).toEqual(['sweep: has 9 × 8 = 72 runs; at most 64 runs in all']);
    expect(store.getState().status).toBe('idle');
    expect(paused).toBe(0);
  });
});
