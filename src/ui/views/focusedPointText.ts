// What the decision boundary's keyboard focus announces: which sample, its class, and what the
// model predicts for it with how sure it is.
import type { SampleRef, Snapshot } from '../../store/trainingTypes';

/** A class as the legend names it: "class 2", or "2 (cat)" when the class has a name of its own. */
export function className(names: readonly string[], k: number): string {
  return names[k] === undefined || names[k] === String(k) ? `class ${k}` : `${k} (${names[k]})`;
}

export function focusedPointText(
  sample: SampleRef,
  set: { labels: ArrayLike<number>; classNames: readonly string[] },
  snapshot: Extract<Snapshot, { mode: 'cross-entropy' }> | null,
): string {
  const split = sample.split === 'train' ? 'Training' : 'Validation';
  const head = `${split} sample ${sample.index}: ${className(set.classNames, set.labels[sample.index])}`;
  if (!snapshot) return `${head}, not yet predicted.`;
  const [predicted, confidence] =
    sample.split === 'train'
      ? [snapshot.trainPredicted, snapshot.trainConfidence]
      : [snapshot.validationPredicted, snapshot.validationConfidence];
  const k = predicted[sample.index];
  return `${head}, predicted ${className(set.classNames, k)} with probability ${confidence[sample.index].toFixed(2)}.`;
}
