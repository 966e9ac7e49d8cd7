// One sample of a run through the loss: its row and label looked up in the run's data, its logits
// from the model as it is now, then the term-by-term breakdown (inspect.ts).
import { inspectSample, type SampleBreakdown } from './inspect';
import type { TrainingSession } from './trainingSession';

export interface SampleRef {
  split: 'train' | 'validation';
  index: number;
}

type InspectableSession = Pick<TrainingSession, 'data' | 'lossSettings' | 'classWeights' | 'predict'>;

export async function inspectRow(session: InspectableSession, sample: SampleRef): Promise<SampleBreakdown> {
  const set = session.data[sample.split];
  const { d, classes } = set;
  const row = set.features.slice(sample.index * d, (sample.index + 1) * d);
  const targets = session.data.trainTargets;
  // Training rows are inspected against what the loss sees (hidden labels, probability targets).
  const label =
    sample.split === 'validation'
      ? set.labels[sample.index]
      : targets instanceof Int32Array
        ? targets[sample.index]
        : targets.slice(sample.index * classes, (sample.index + 1) * classes);
  const { ignoreIndex, labelSmoothing } = session.lossSettings;
  const classWeights = session.classWeights;
  const logits = await session.predict(row, 1);
  return inspectSample(logits, { label, ignoreIndex, classWeights, labelSmoothing });
}
