// The page's sweep store, wired to the lab store's engine and the training store's experiment.
import { create } from 'zustand';
import { useLabStore } from './labStore';
import { browserFiles } from './runSupport';
import { createSweepSlice, type SweepSlice } from './sweepSlice';
import { useTrainingStore } from './trainingStore';

export type { SweepCell, SweepSlice } from './sweepSlice';

export const useSweepStore = create<SweepSlice>()(
  createSweepSlice({
    engine: () => useLabStore.getState().engine,
    experiment: () => useTrainingStore.getState().experiment,
    files: () => browserFiles(() => useTrainingStore.getState().csv),
    pauseTraining: () => useTrainingStore.getState().pause(),
    openExperiment: (experiment, label) => {
      const training = useTrainingStore.getState();
      training.openExperiment(experiment, label);
      training.play();
    },
    share: (swept) => useTrainingStore.getState().shareSweep(swept),
    nextFrame: () => new Promise((resolve) => setTimeout(resolve, 0)),
  }),
);
