// Saved runs: a run trained on the CPU reference is kept in IndexedDB (fake-indexeddb here) with its
// curves and final metrics, survives a new store (a reload), round-trips through its JSON export,
// and a corrupt, older or foreign record is refused by name without hiding the others.
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { createStore, set } from 'idb-keyval';
import { beforeEach, describe, expect, it } from 'vitest';
import { parseSavedRunJson, SavedRunError, savedRunJson } from '../../src/engine/session/savedRun';
import { indexedDbRuns, SAVED_RUNS_DB, SAVED_RUNS_STORE } from '../../src/store/savedRunsDb';
import { startCpuStore } from '../support/storeHarness';

beforeEach(() => {
  // A fresh, empty IndexedDB per test.
  globalThis.indexedDB = new IDBFactory();
});

async function trainedStore() {
  const harness = await startCpuStore({ savedRuns: indexedDbRuns() });
  harness.store.getState().play();
  await harness.frames.frames(20);
  harness.store.getState().pause();
  await harness.frames.frames(2);
  return harness;
}

describe('saved runs', () => {
  it('keeps a run with its curves and final metrics, and a new store lists it', async () => {
    const { store } = await trainedStore();
    const { history, snapshot, step } = store.getState();
    expect(step).toBeGreaterThan(0);
    expect(history.length).toBeGreaterThan(1);
    expect(await store.getState().saveRun('  run A ')).toEqual([]);
    const [run] = store.getState().savedRuns;
    expect(run.name).toBe('run A');
    expect(run.experiment.training.steps).toBe(step);
    expect(run.history.map((p) => p.step)).toEqual(history.map((p) => p.step));
    if (snapshot?.mode !== 'cross-entropy') throw new Error('the default experiment is cross-entropy');
    expect(run.metrics?.plainCrossEntropy).toBe(snapshot.validation.loss);
    expect(run.metrics?.accuracy).toBe(snapshot.validation.accuracy);
    expect(run.metrics?.recall).toEqual(snapshot.validation.recall);
    expect(run.metrics?.confusion).toEqual(snapshot.validation.confusion);
    const classes = run.metrics?.classes ?? 0;
    expect(run.metrics?.confusion).toHaveLength(classes * classes);

    const reloaded = await startCpuStore({ savedRuns: indexedDbRuns() });
    await reloaded.store.getState().loadSavedRuns();
    expect(reloaded.store.getState().savedRuns).toEqual([run]);
  });

  it('refuses an empty or taken name, saying which', async () => {
    const { store } = await trainedStore();
    expect(await store.getState().saveRun('   ')).toEqual(['run name: must be 1 to 60 characters, got 0']);
    await store.getState().saveRun('run A');
    expect(await store.getState().saveRun('run A')).toEqual(['run name: "run A" is taken; pick another or delete that run']);
    expect(store.getState().savedRuns).toHaveLength(1);
  });

  it('skips a corrupt or older record with a notice, and loads the rest', async () => {
    const { store } = await trainedStore();
    await store.getState().saveRun('good');
    const raw = createStore(SAVED_RUNS_DB, SAVED_RUNS_STORE);
    await set('broken', { version: 1, id: 'broken', name: 'broken' }, raw);
    await set('old', { version: 0, id: 'old' }, raw);
    const reloaded = await startCpuStore({ savedRuns: indexedDbRuns() });
    await reloaded.store.getState().loadSavedRuns();
    expect(reloaded.store.getState().savedRuns.map((r) => r.name)).toEqual(['good']);
    const notices = reloaded.store.getState().notices.map((n) => n.text);
    expect(notices).toContain(
      'A saved run was skipped: saved run "old": saved-run version 0 is not supported (this page reads version 1).',
    );
    expect(notices.some((t) => t.startsWith('A saved run was skipped: saved run "broken" is not a saved run: savedAt:'))).toBe(true);
  });

  it('round-trips through its JSON export, NaN included, and imports it under a free name', async () => {
    const { store } = await trainedStore();
    await store.getState().saveRun('run A');
    const run = store.getState().savedRuns[0];
    const withNaN = { ...run, history: run.history.map((p, i) => (i === 0 ? { ...p, validationRecall: [Number.NaN, 0.5] } : p)) };
    const text = savedRunJson(withNaN);
    expect(parseSavedRunJson(text, 'a.json')).toEqual(withNaN);

    expect(await store.getState().importRun(text, 'run-a.json')).toEqual([]);
    const imported = store.getState().savedRuns[1];
    expect(imported.name).toBe('run A (2)');
    expect(imported.id).not.toBe(run.id);
    expect(await store.getState().importRun('{"name": 3', 'bad.json')).toEqual(['bad.json is not JSON']);
    expect(await store.getState().importRun('{"version": 1, "name": ""}', 'empty.json')).toEqual([
      expect.stringMatching(/^empty\.json is not a saved run: /),
    ]);
    expect(() => parseSavedRunJson('[]', 'list.json')).toThrow(SavedRunError);
  });

  it('deletes a run from the store, the database and the overlay', async () => {
    const { store } = await trainedStore();
    await store.getState().saveRun('run A');
    await store.getState().saveRun('run B');
    const [a, b] = store.getState().savedRuns;
    store.getState().setOverlay(a.id, true);
    store.getState().setOverlay(b.id, true);
    expect(store.getState().overlaid).toEqual([a.id, b.id]);
    expect(await store.getState().deleteRun(a.id)).toEqual([]);
    expect(store.getState().overlaid).toEqual([b.id]);
    const reloaded = await startCpuStore({ savedRuns: indexedDbRuns() });
    await reloaded.store.getState().loadSavedRuns();
    expect(reloaded.store.getState().savedRuns.map((r) => r.name)).toEqual(['run B']);
  });
});
