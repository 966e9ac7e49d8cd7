// An A/B comparison: run B, the experiment with one change, trained in lockstep beside the run.
import type { StateCreator } from 'zustand';
import type { TrainingLoop } from '../engine/session/trainingLoop';
import { applyChange } from './experimentSlice';
import type { CompareSlice, TrainingState } from './trainingTypes';

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

export const createCompareSlice =
  (loop: TrainingLoop): StateCreator<TrainingState, [], [], CompareSlice> =>
  (_set, get) => ({
    compare: null,

    async startCompare(change, label) {
      if (!loop.engine) return ['the engine is not ready'];
      const b = applyChange(get().experiment, change);
      if (Array.isArray(b)) return b;
      try {
        await loop.startCompare(b, label);
        return [];
      } catch (error) {
        return [message(error)];
      }
    },

    stopCompare: () => loop.stopCompare(),
  });
