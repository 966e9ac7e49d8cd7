// A batched trainer's setup, checked by name before any buffer exists: the run count, and each run's
// optimizer, loss settings and initial parameters, with the run's index in the argument's name.
import { ArgumentError, integerInRange } from '../../core/checks';
import { resolveOptimizerConfig } from '../../core/optimizerConfig';
import { checkLossSettings, checkTrainingSetup, type MlpTrainingSetup } from '../train/types';
import { type BatchedTrainingSetup, MAX_SWEEP_RUNS } from './types';

/** The single-model setup of run `run`: what GpuMlp or CpuMlp would be given to train it alone. */
export function runSetup(setup: BatchedTrainingSetup, run: number): MlpTrainingSetup {
  const { runs, ...shared } = setup;
  const settings = runs[run];
  return {
    ...shared,
    optimizer: settings.optimizer,
    loss: settings.loss,
    initialParameters: settings.initialParameters ?? setup.initialParameters,
  };
}

/** Rethrows an ArgumentError of run `run` as `runs[run].<field>`, so that a grid's bad cell is found. */
function inRun<T>(run: number, part: string, check: () => T): T {
  try {
    return check();
  } catch (error) {
    if (error instanceof ArgumentError)
      throw new ArgumentError(`runs[${run}].${part}.${error.argument}`, error.message.slice(error.argument.length + 2));
    throw error;
  }
}

export function checkBatchedSetup(setup: BatchedTrainingSetup): BatchedTrainingSetup {
  if (typeof setup !== 'object' || setup === null || !Array.isArray(setup.runs)) {
    throw new ArgumentError('runs', 'must be an array of 1 to 64 run settings { optimizer, loss, initialParameters? }');
  }
  integerInRange('runs.length', setup.runs.length, 1, MAX_SWEEP_RUNS, ' (runs in one sweep)');
  setup.runs.forEach((_, run) => {
    const single = runSetup(setup, run);
    if (run === 0) checkTrainingSetup(single);
    else if (!(single.initialParameters instanceof Float32Array) || single.initialParameters.length !== setup.layout.length) {
      throw new ArgumentError(
        `runs[${run}].initialParameters`,
        `must be a Float32Array of the layout's ${setup.layout.length} floats, got length ${single.initialParameters?.length}`,
      );
    }
    inRun(run, 'optimizer', () => resolveOptimizerConfig(single.optimizer));
    inRun(run, 'loss', () => checkLossSettings(single.loss, single));
  });
  if (setup.objective === 'nt-xent') {
    throw new ArgumentError('objective', "must be 'cross-entropy' for the batched GPU trainer (an nt-xent sweep trains run by run)");
  }
  return setup;
}
