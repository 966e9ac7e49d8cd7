// Live changes as an experiment records them: the settings a run has after a change, and the change
// between two settings. The headless runner, the page's session and the PyTorch export all replay
// `changes` through here, so they agree on what a change means.
import type { Experiment, LiveChange } from './schema';

/** The experiment's live settings after `change`, without the change log (the settings in force). */
export function applyLiveChange(experiment: Experiment, change: LiveChange): Experiment {
  const { changes: _log, ...settings } = experiment;
  const next = structuredClone(settings) as Experiment;
  if (change.optimizer) next.optimizer = structuredClone(change.optimizer);
  if (change.batchSize !== undefined) next.training.batchSize = change.batchSize;
  if (change.loss) Object.assign(next.loss, structuredClone(change.loss));
  return next;
}

/** The step-0 settings: the experiment without its change log (the same object when it has none). */
export function startSettings(experiment: Experiment): Experiment {
  return experiment.changes === undefined ? experiment : applyLiveChange(experiment, { step: 1 });
}

/** The settings in force at each change, in order: [change, settings from change.step on]. */
export function settingsByChange(experiment: Experiment): { change: LiveChange; settings: Experiment }[] {
  let settings = startSettings(experiment);
  return (experiment.changes ?? []).map((change) => {
    settings = applyLiveChange(settings, change);
    return { change, settings };
  });
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** The live change from `before` to `after` taking effect at `step`, or null when no live setting differs. */
export function liveChangeBetween(before: Experiment, after: Experiment, step: number): LiveChange | null {
  const change: LiveChange = { step };
  if (!same(before.optimizer, after.optimizer)) change.optimizer = structuredClone(after.optimizer);
  if (before.training.batchSize !== after.training.batchSize) change.batchSize = after.training.batchSize;
  const [a, b] = [before.loss as Record<string, unknown>, after.loss as Record<string, unknown>];
  const keys = after.loss.mode === 'cross-entropy' ? ['classWeights', 'labelSmoothing', 'reduction'] : ['temperature', 'augmentation'];
  const loss = Object.fromEntries(keys.filter((key) => !same(a[key], b[key])).map((key) => [key, structuredClone(b[key])]));
  if (Object.keys(loss).length > 0) change.loss = loss;
  return Object.keys(change).length > 1 ? change : null;
}

/** Two changes at the same step as one: the later one's fields win. */
export function mergeLiveChanges(first: LiveChange, second: LiveChange): LiveChange {
  const merged: LiveChange = { ...first, ...second };
  if (first.loss || second.loss) merged.loss = { ...first.loss, ...second.loss };
  return merged;
}

/** The largest batch size the run reaches: the trainer's buffers are sized for it once. */
export function largestBatchSize(experiment: Experiment): number {
  return Math.max(experiment.training.batchSize, ...(experiment.changes ?? []).map((c) => c.batchSize ?? 0));
}
