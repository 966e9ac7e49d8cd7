// "Copy link" with a sweep: while the main view trains the sweep's base, the link is the sweep (the
// one a link opened, or the one last started); once a run is opened or the settings change, the link
// is the main view's run. Each link opens as the page it was copied from.
import { describe, expect, it } from 'vitest';
import { createStore } from 'zustand/vanilla';
import { createEngine } from '../../src/engine/createEngine';
import { DEFAULT_EXPERIMENT } from '../../src/engine/experiment/defaults';
import { type Experiment, parseExperiment } from '../../src/engine/experiment/schema';
import type { Sweep } from '../../src/engine/sweep/sweepSchema';
import { experimentFragment, readExperimentFragment } from '../../src/store/shareLink';
import { createSweepSlice, type SweepSlice } from '../../src/store/sweepSlice';
import { readPublicFile } from '../support/publicFiles';
import { startCpuStore } from '../support/storeHarness';

const SWEEP: Sweep = { axes: [{ setting: 'lr', values: [0.01, 0.03] }], metric: 'accuracy' };
const SMALL = parseExperiment({
  ...DEFAULT_EXPERIMENT,
  data: { ...DEFAULT_EXPERIMENT.data, samples: 300 },
  training: { batchSize: 32, steps: 40, evalEvery: 20 },
});
const PAGE = 'http://lab.test/';

/** The experiment a copied link opens. */
function opened(url: string): Experiment {
  expect(url.startsWith(PAGE)).toBe(true);
  const link = readExperimentFragment(url.slice(PAGE.length));
  if (link.kind !== 'ok') throw new Error(`the copied link was not readable: ${JSON.stringify(link)}`);
  return link.experiment;
}

/** A page opened on `hash`, with a sweep slice wired to its training store as the page's is. */
async function page(hash: string) {
  const fragments: string[] = [];
  const url = { hash: () => hash, replace: (fragment: string) => void fragments.push(fragment), page: () => PAGE };
  const { store } = await startCpuStore({ url });
  const engine = await createEngine({ backend: 'cpu' });
  const sweeps = createStore<SweepSlice>()(
    createSweepSlice({
      engine: () => engine,
      experiment: () => store.getState().experiment,
      files: () => ({ fetchBytes: readPublicFile }),
      pauseTraining: () => store.getState().pause(),
      openExperiment: (experiment, label) => store.getState().openExperiment(experiment, label),
      share: (swept) => store.getState().shareSweep(swept),
      nextFrame: () => Promise.resolve(),
    }),
  );
  return { store, sweeps, fragments };
}

describe('Copy link with a sweep', () => {
  it('copies a sweep link back exactly as it was opened, and the address bar keeps it', async () => {
    const swept = parseExperiment({ ...SMALL, sweep: SWEEP });
    const { store, fragments } = await page(experimentFragment(swept));
    expect(store.getState().shareUrl()).toBe(`${PAGE}${experimentFragment(swept)}`);
    expect(fragments.at(-1)).toBe(experimentFragment(swept));
  });

  it('is the sweep once started, then the run opened from it', async () => {
    const { store, sweeps, fragments } = await page(experimentFragment(SMALL));
    expect(opened(store.getState().shareUrl()).sweep).toBeUndefined();
    expect(await sweeps.getState().start(SWEEP)).toEqual([]);
    // The sweep over the main view's experiment, as its own link opens it (steps included: not the main view's progress).
    expect(opened(store.getState().shareUrl())).toEqual(parseExperiment({ ...SMALL, sweep: SWEEP }));
    expect(fragments.at(-1)).toBe(store.getState().shareUrl().slice(PAGE.length));

    // Run 0 has the base's own lr (0.01): opening it still makes the link that run, not the sweep.
    expect(SMALL.optimizer.lr).toBe(0.01);
    sweeps.getState().openRun(0);
    const run = opened(store.getState().shareUrl());
    expect(run.sweep).toBeUndefined();
    expect(run).toEqual(store.getState().trainedExperiment());
    expect(fragments.at(-1)).toBe(experimentFragment(store.getState().experiment));

    sweeps.getState().openRun(1);
    expect(opened(store.getState().shareUrl())).toMatchObject({ optimizer: { lr: 0.03 } });
  });

  it('ends the sweep link at an edit of the main view even with no run opened', async () => {
    const { store, sweeps } = await page(experimentFragment(SMALL));
    expect(await sweeps.getState().start(SWEEP)).toEqual([]);
    const problems = store.getState().edit((draft) => {
      draft.seed = 7;
    });
    expect(problems).toEqual([]);
    const link = opened(store.getState().shareUrl());
    expect(link.sweep).toBeUndefined();
    expect(link.seed).toBe(7);
  });
});
