// A contrastive experiment (loss.mode 'nt-xent'): SimCLR pre-training of the model's hidden layers
// with a linear projection head, then a linear probe on the frozen embeddings.
import { type ContrastiveResult, pretrainContrastive, type Trainers } from '../contrastive/pretrain';
import { settingsByChange } from './changes';
import { type DataFiles, prepareData } from './prepare';
import { optimizerConfig } from './run';
import type { ContrastiveExperiment } from './schema';

export interface ContrastiveRun extends ContrastiveResult {
  stepsPerSecond: number;
}

export async function runContrastiveExperiment(
  experiment: ContrastiveExperiment,
  createTrainer: Trainers,
  files: DataFiles,
): Promise<ContrastiveRun> {
  const { train, validation } = await prepareData(experiment, files);
  const { seed, model, loss, training } = experiment;
  const started = performance.now();
  const result = await pretrainContrastive(
    train,
    validation,
    {
      seed,
      hidden: model.hidden,
      activation: model.activation,
      init: model.init,
      projection: loss.projection,
      optimizer: optimizerConfig(experiment.optimizer),
      temperature: loss.temperature,
      batchSize: training.batchSize,
      steps: training.steps,
      augmentation: loss.augmentation,
      changes: settingsByChange(experiment).map(({ change, settings }) => ({
        step: change.step,
        optimizer: change.optimizer && optimizerConfig(settings.optimizer),
        batchSize: change.batchSize,
        temperature: change.loss?.temperature,
        augmentation: change.loss?.augmentation,
      })),
    },
    createTrainer,
  );
  return { ...result, stepsPerSecond: training.steps / ((performance.now() - started) / 1000) };
}
