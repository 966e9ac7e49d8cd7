// Which changes to an experiment a running session takes live, and which need a fresh run. The
// optimizer, batch size (within the trainer's buffers), class weights, smoothing, reduction,
// temperature and augmentation change between steps; data, preparation, model, seed, loss mode,
// target kind and projection width change what is trained, so they restart it.
import type { Experiment } from '../experiment/schema';

export type UpdatePlan = { kind: 'live'; changed: string[] } | { kind: 'reset'; reason: string };

const LOSS_FIELD_NAMES: Record<string, string> = {
  classWeights: 'class weights',
  labelSmoothing: 'label smoothing',
};

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** Plans going from `current` to `next`; `capacity` is the most samples per step the trainer holds. */
export function planUpdate(current: Experiment, next: Experiment, capacity: number): UpdatePlan {
  const restarts: [keyof Experiment, string][] = [
    ['seed', 'the seed changed'],
    ['data', 'the data changed'],
    ['preparation', 'the data preparation changed'],
    ['model', 'the model changed'],
  ];
  for (const [key, reason] of restarts) if (!same(current[key], next[key])) return { kind: 'reset', reason };
  const [a, b] = [current.loss, next.loss];
  if (a.mode !== b.mode) return { kind: 'reset', reason: `the loss changed to ${b.mode}` };
  if (a.mode === 'cross-entropy' && b.mode === 'cross-entropy' && !same(a.targets, b.targets)) {
    return { kind: 'reset', reason: 'the targets changed' };
  }
  if (a.mode === 'nt-xent' && b.mode === 'nt-xent' && a.projection !== b.projection) {
    return { kind: 'reset', reason: 'the projection width changed' };
  }
  if (next.training.batchSize > capacity) {
    return { kind: 'reset', reason: `batch size ${next.training.batchSize} is more than this run's buffers hold (${capacity})` };
  }
  const changed: string[] = [];
  if (!same(current.optimizer, next.optimizer)) changed.push('optimizer');
  if (current.training.batchSize !== next.training.batchSize) changed.push('batch size');
  const [before, after] = [a as Record<string, unknown>, b as Record<string, unknown>];
  for (const key of Object.keys(after)) if (!same(before[key], after[key])) changed.push(LOSS_FIELD_NAMES[key] ?? key);
  return { kind: 'live', changed };
}
