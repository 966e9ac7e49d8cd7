// Runs kept under a name (IndexedDB, src/store/savedRunsDb.ts), and which of them the charts
// overlay on the current run. The records are built and validated by the engine's savedRun module.
import type { StateCreator } from 'zustand';
import type { SavedRun } from '../engine/session/savedRun';
import type { SavedRunsDb } from './savedRunsDb';
import type { SavedRunsSlice, TrainingState } from './trainingTypes';

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));
const newId = () => globalThis.crypto.randomUUID();
// The record's schema loads with the first save, import or export, not with the page.
const savedRunModule = () => import('../engine/session/savedRun');

export const createSavedRunsSlice =
  (db: SavedRunsDb): StateCreator<TrainingState, [], [], SavedRunsSlice> =>
  (set, get) => ({
    savedRuns: [],
    savedRunsLoaded: false,
    overlaid: [],

    async loadSavedRuns() {
      try {
        const { runs, problems } = await db.load();
        set({ savedRuns: runs, savedRunsLoaded: true });
        for (const problem of problems) get().notify(`A saved run was skipped: ${problem}.`, 'warning');
      } catch (error) {
        set({ savedRunsLoaded: true });
        get().notify(`Saved runs could not be read: ${message(error)}.`, 'warning');
      }
    },

    async saveRun(name) {
      const { history, snapshot } = get();
      const { buildSavedRun } = await savedRunModule();
      let run: SavedRun;
      try {
        run = buildSavedRun({ id: newId(), name, savedAt: new Date(), experiment: get().trainedExperiment(), history, snapshot });
      } catch (error) {
        return [message(error)];
      }
      if (get().savedRuns.some((r) => r.name === run.name)) return [`run name: "${run.name}" is taken; pick another or delete that run`];
      try {
        await db.put(run);
      } catch (error) {
        return [`the run could not be kept: ${message(error)}`];
      }
      set({ savedRuns: [...get().savedRuns, run] });
      return [];
    },

    async deleteRun(id) {
      try {
        await db.remove(id);
      } catch (error) {
        return [`the run could not be deleted: ${message(error)}`];
      }
      set({ savedRuns: get().savedRuns.filter((r) => r.id !== id), overlaid: get().overlaid.filter((o) => o !== id) });
      return [];
    },

    async importRun(text, fileName) {
      const { parseSavedRunJson } = await savedRunModule();
      let run: SavedRun;
      try {
        run = parseSavedRunJson(text, fileName);
      } catch (error) {
        return [message(error)];
      }
      // An import is a new entry: it never overwrites a kept run, whatever id the file carries.
      const taken = new Set(get().savedRuns.map((r) => r.name));
      let name = run.name;
      for (let i = 2; taken.has(name); i++) name = `${run.name} (${i})`;
      const imported = { ...run, id: newId(), name };
      try {
        await db.put(imported);
      } catch (error) {
        return [`the run could not be kept: ${message(error)}`];
      }
      set({ savedRuns: [...get().savedRuns, imported] });
      return [];
    },

    async runJson(id) {
      const run = get().savedRuns.find((r) => r.id === id);
      if (!run) throw new Error(`no saved run has id ${JSON.stringify(id)}`);
      return `${(await savedRunModule()).savedRunJson(run)}\n`;
    },

    setOverlay(id, on) {
      const rest = get().overlaid.filter((o) => o !== id);
      set({ overlaid: on ? [...rest, id] : rest });
    },
  });
