// What the training store needs from its surroundings: frames and a clock, the data files, a new
// engine after a device loss, and the address bar. The page passes the browser's; tests their own.
import { createEngine } from '../engine/createEngine';
import type { DataFiles } from '../engine/experiment/prepare';
import type { FrameScheduler, SessionFactory } from '../engine/session/loopTypes';
import type { Engine } from '../engine/types';
import { useLabStore } from './labStore';
import { browserFiles } from './runSupport';
import type { SavedRunsDb } from './savedRunsDb';
import type { CsvUpload } from './trainingTypes';

export interface StoreEnv {
  scheduler: FrameScheduler;
  files(csv: () => CsvUpload | null): DataFiles;
  replaceEngine(): Promise<Engine>;
  /** The GPU device was lost and training moved to `engine`. */
  engineReplaced(engine: Engine, reason: string): void;
  url: {
    /** The address's fragment, '' where there is none. */
    hash(): string;
    /** Replaces the fragment without a new history entry. */
    replace(fragment: string): void;
    /** The page's address without its fragment. */
    page(): string;
  };
  createSession?: SessionFactory;
  /** Where saved runs are kept; the browser's IndexedDB where left out. */
  savedRuns?: SavedRunsDb;
}

export function browserEnv(): StoreEnv {
  return {
    scheduler: { requestFrame: (callback) => requestAnimationFrame(() => callback()), now: () => performance.now() },
    files: browserFiles,
    replaceEngine: () => createEngine(),
    engineReplaced: (engine, reason) => useLabStore.setState({ engine, lostReason: reason }),
    url: {
      hash: () => (typeof location === 'undefined' ? '' : location.hash),
      replace: (fragment) => {
        if (typeof history !== 'undefined') history.replaceState(null, '', fragment);
      },
      page: () => `${location.origin}${location.pathname}${location.search}`,
    },
  };
}
