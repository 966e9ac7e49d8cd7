// The Sweep panel's form: which settings it offers for an experiment, their starting values, and the
// sweep the form describes (the schema then checks it; axisText reads the values).
import type { Experiment } from '../../engine/experiment/schema';
import { parseAxisValues } from '../../engine/sweep/axisText';
import type { Sweep, SweepAxis, SweepMetric, SweepSetting } from '../../engine/sweep/sweepSchema';

/** A select's value: a setting, or `classWeight:K` for the weight of class K. */
export type SettingChoice = string;

export function settingChoices(experiment: Experiment): { value: SettingChoice; label: string }[] {
  if (experiment.loss.mode === 'nt-xent') {
    return [
      { value: 'lr', label: 'learning rate' },
      { value: 'temperature', label: 'temperature τ' },
      { value: 'batchSize', label: 'batch size' },
      { value: 'optimizer', label: 'optimizer' },
      { value: 'seed', label: 'seed' },
    ];
  }
  const classes = 'classes' in experiment.data ? experiment.data.classes : experiment.data.source === 'digits' ? 10 : 3;
  return [
    { value: 'lr', label: 'learning rate' },
    { value: 'classWeights', label: 'class-weight preset' },
    ...Array.from({ length: classes }, (_, k) => ({ value: `classWeight:${k}`, label: `weight of class ${k}` })),
    { value: 'labelSmoothing', label: 'label smoothing ε' },
    { value: 'batchSize', label: 'batch size' },
    { value: 'optimizer', label: 'optimizer' },
    { value: 'seed', label: 'seed' },
  ];
}

export function metricChoices(experiment: Experiment): { value: SweepMetric; label: string }[] {
  if (experiment.loss.mode === 'nt-xent') return [{ value: 'probe-accuracy', label: 'probe accuracy' }];
  return [
    { value: 'validation-loss', label: 'validation loss' },
    { value: 'accuracy', label: 'validation accuracy' },
    { value: 'minority-recall', label: 'minority recall' },
    { value: 'ece', label: 'validation ECE' },
  ];
}

const DEFAULT_VALUES: Record<SweepSetting, string> = {
  lr: '0.001, 0.003, 0.01, 0.03',
  classWeights: 'uniform, inverse-frequency, inverse-sqrt-frequency',
  classWeight: '1, 2, 4, 8',
  labelSmoothing: '0, 0.05, 0.1, 0.2',
  temperature: '0.1, 0.2, 0.5, 1',
  batchSize: '16, 32, 64, 128',
  optimizer: 'sgd, adam, adamw',
  seed: '1, 2, 3, 4',
};

const settingOf = (choice: SettingChoice): SweepSetting => choice.split(':')[0] as SweepSetting;

export const defaultValues = (choice: SettingChoice): string => DEFAULT_VALUES[settingOf(choice)];

/** The select's value of an axis (the inverse of axisOf's setting). */
export const choiceOf = (axis: SweepAxis): SettingChoice =>
  axis.setting === 'classWeight' ? `classWeight:${axis.classIndex}` : axis.setting;

/** One axis from the form; throws an ArgumentError naming the values box when they do not read. */
export function axisOf(choice: SettingChoice, text: string, box: string): SweepAxis {
  const setting = settingOf(choice);
  const values = parseAxisValues(setting, text, box);
  if (setting === 'classWeight') return { setting, classIndex: Number(choice.split(':')[1]), values } as SweepAxis;
  return { setting, values } as SweepAxis;
}

export function sweepOf(axes: { choice: SettingChoice; text: string }[], metric: SweepMetric): Sweep {
  return { axes: axes.map((a, i) => axisOf(a.choice, a.text, `Values ${i + 1}`)), metric };
}
