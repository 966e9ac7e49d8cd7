// Saved runs in the browser's IndexedDB (idb-keyval over one project-specific database and store),
// keyed by id. Loading validates every record: a corrupt or older one is reported by key and
// skipped, so that one bad record never hides the others or breaks the page.
import { createStore, del, entries, set, type UseStore } from 'idb-keyval';
import { parseSavedRun, type SavedRun } from '../engine/session/savedRun';

export const SAVED_RUNS_DB = 'xent-lab';
export const SAVED_RUNS_STORE = 'saved-runs';

export interface LoadedRuns {
  /** Oldest first. */
  runs: SavedRun[];
  /** One line per record that could not be read. */
  problems: string[];
}

export interface SavedRunsDb {
  load(): Promise<LoadedRuns>;
  put(run: SavedRun): Promise<void>;
  remove(id: string): Promise<void>;
}

export function indexedDbRuns(): SavedRunsDb {
  // Opened on first use: a page (or test) without IndexedDB fails only when it tries to keep a run.
  let store: UseStore | null = null;
  const db = () => {
    if (typeof indexedDB === 'undefined') throw new Error('this browser has no IndexedDB, so runs cannot be kept');
    store ??= createStore(SAVED_RUNS_DB, SAVED_RUNS_STORE);
    return store;
  };
  return {
    async load() {
      const runs: SavedRun[] = [];
      const problems: string[] = [];
      for (const [key, value] of await entries(db())) {
        try {
          runs.push(parseSavedRun(value, `saved run ${JSON.stringify(String(key))}`));
        } catch (error) {
          problems.push(error instanceof Error ? error.message : String(error));
        }
      }
      runs.sort((a, b) => a.savedAt.localeCompare(b.savedAt));
      return { runs, problems };
    },
    put: (run) => set(run.id, run, db()),
    remove: (id) => del(id, db()),
  };
}
