// The IndexedDB store of saved runs, loaded on first use: idb-keyval stays out of the first load.
import type { SavedRunsDb } from './savedRunsDb';

export function lazyIndexedDbRuns(): SavedRunsDb {
  let db: Promise<SavedRunsDb> | null = null;
  const open = () => {
    db ??= import('./savedRunsDb').then((module) => module.indexedDbRuns());
    return db;
  };
  return {
    load: async () => (await open()).load(),
    put: async (run) => (await open()).put(run),
    remove: async (id) => (await open()).remove(id),
  };
}
