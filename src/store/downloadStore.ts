// The built-in data file being downloaded, for the progress bar: bytes so far against Content-Length.
// A store of its own, written at every network chunk, so the training store's readers do not re-render.
import { create } from 'zustand';

export interface Download {
  /** Under public/, e.g. 'datasets/mnist-10k.bin.gz'. */
  path: string;
  loaded: number;
  /** Content-Length; null where the server sent none (then the bar is indeterminate). */
  total: number | null;
}

export const useDownloadStore = create<{ download: Download | null }>(() => ({ download: null }));
