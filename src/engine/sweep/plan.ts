// A sweep's grid expanded into runs: each run is a plain experiment (no `sweep`) with the axes'
// values applied, trained exactly as that experiment alone would be. Runs that differ in batch size
// or seed need other buffer shapes or another data order and initial weights, so they form separate
// groups; the runs of one group share batches and initial weights. Pure: no data, no trainer.
import { ArgumentError } from '../../core/checks';
import type { Experiment } from '../experiment/schema';
import type { Sweep, SweepAxis } from './sweepSchema';

export interface SweepRun {
  /** Row-major position in the grid: axis 1's value index × axis 2's length + axis 2's value index. */
  index: number;
  /** Each axis's value index, one per axis. */
  cell: number[];
  /** 'lr 0.01, weight of class 2 = 4': the settings that make this run, for the grid and the table. */
  label: string;
  experiment: Experiment;
}

export interface SweepPlan {
  sweep: Sweep;
  runs: SweepRun[];
  /** Run indices trained together (same batch size and seed), in grid order. */
  groups: number[][];
}

/** `count` values from `min` to `max` evenly spaced in log space, each rounded to 3 significant digits. */
export function logGrid(min: number, max: number, count: number): number[] {
  if (!(Number.isFinite(min) && min > 0)) throw new ArgumentError('min', `must be a finite number > 0, got ${min}`);
  if (!(Number.isFinite(max) && max >= min)) throw new ArgumentError('max', `must be a finite number ≥ min (${min}), got ${max}`);
  if (!Number.isInteger(count) || count < 1 || count > 64)
    throw new ArgumentError('count', `must be an integer from 1 to 64, got ${count}`);
  if (count === 1) return [min];
  const ratio = Math.log(max / min) / (count - 1);
  return Array.from({ length: count }, (_, i) => Number((min * Math.exp(ratio * i)).toPrecision(3)));
}

/** How an axis's setting is named in labels and tables. */
export function axisName(axis: SweepAxis): string {
  switch (axis.setting) {
    case 'lr':
      return 'lr';
    case 'classWeights':
      return 'class weights';
    case 'classWeight':
      return `weight of class ${axis.classIndex}`;
    case 'labelSmoothing':
      return 'label smoothing';
    case 'temperature':
      return 'temperature';
    case 'batchSize':
      return 'batch size';
    case 'optimizer':
      return 'optimizer';
    case 'seed':
      return 'seed';
  }
}

/** 'lr 0.01' or 'weight of class 2 = 4': an axis at one of its values. */
export function axisValueLabel(axis: SweepAxis, value: number | string): string {
  return axis.setting === 'classWeight' ? `${axisName(axis)} = ${value}` : `${axisName(axis)} ${value}`;
}

/** The classes a class-weight axis needs; the experiment's data names them, or the caller (a CSV file's). */
function classCount(experiment: Experiment, classes: number | undefined): number {
  if (classes !== undefined) return classes;
  const { data, loss } = experiment;
  if ('classes' in data) return data.classes;
  if (data.source === 'digits') return 10;
  if (data.source === 'iris') return 3;
  if (loss.mode === 'cross-entropy' && loss.classWeights.kind === 'custom') return loss.classWeights.weights.length;
  throw new ArgumentError('sweep.axes', "a 'classWeight' axis on a CSV file needs the file's classes (load it first)");
}

/** Sets one axis's value on a run's experiment (a clone). */
function applyAxis(draft: Experiment, axis: SweepAxis, value: number | string, classes: () => number): void {
  switch (axis.setting) {
    case 'lr':
      draft.optimizer.lr = value as number;
      return;
    case 'optimizer':
      draft.optimizer = switchOptimizer(draft.optimizer, value as 'sgd' | 'adam' | 'adamw');
      return;
    case 'batchSize':
      draft.training.batchSize = value as number;
      return;
    case 'seed':
      draft.seed = value as number;
      return;
    case 'temperature':
      if (draft.loss.mode === 'nt-xent') draft.loss.temperature = value as number;
      return;
  }
  if (draft.loss.mode !== 'cross-entropy') return;
  if (axis.setting === 'labelSmoothing') draft.loss.labelSmoothing = value as number;
  else if (axis.setting === 'classWeights') draft.loss.classWeights = { kind: value as 'uniform' };
  else {
    const base = draft.loss.classWeights;
    const weights = base.kind === 'custom' ? [...base.weights] : new Array<number>(classes()).fill(1);
    if (axis.classIndex >= weights.length) {
      throw new ArgumentError('sweep.axes.classIndex', `must be a class of the data: 0 to ${weights.length - 1}, got ${axis.classIndex}`);
    }
    weights[axis.classIndex] = value as number;
    draft.loss.classWeights = { kind: 'custom', weights };
  }
}

/** The optimizer of another kind with the same lr and weight decay, and the usual defaults for the rest. */
function switchOptimizer(optimizer: Experiment['optimizer'], kind: 'sgd' | 'adam' | 'adamw'): Experiment['optimizer'] {
  if (optimizer.kind === kind) return optimizer;
  const { lr, weightDecay } = optimizer;
  if (kind === 'sgd') return { kind, lr, momentum: 0.9, nesterov: false, weightDecay };
  const betas = optimizer.kind === 'sgd' ? { beta1: 0.9, beta2: 0.999 } : { beta1: optimizer.beta1, beta2: optimizer.beta2 };
  return { kind, lr, ...betas, weightDecay };
}

/** The grid of a swept experiment (a parsed one: the schema checked the sweep). */
export function planSweep(experiment: Experiment, options: { classes?: number } = {}): SweepPlan {
  const sweep = experiment.sweep;
  if (!sweep) throw new ArgumentError('sweep', 'is missing: the experiment has no sweep to plan');
  const { sweep: _, ...single } = experiment;
  const axes = sweep.axes;
  const cells: number[][] = axes.reduce<number[][]>((grid, axis) => grid.flatMap((cell) => axis.values.map((_, v) => [...cell, v])), [[]]);
  const classes = () => classCount(experiment, options.classes);
  const runs = cells.map((cell, index) => {
    const draft = structuredClone(single) as Experiment;
    axes.forEach((axis, a) => {
      applyAxis(draft, axis, axis.values[cell[a]], classes);
    });
    const label = axes.map((axis, a) => axisValueLabel(axis, axis.values[cell[a]])).join(', ');
    return { index, cell, label, experiment: draft };
  });
  const byKey = new Map<string, number[]>();
  for (const run of runs) {
    const key = `${run.experiment.training.batchSize}/${run.experiment.seed}`;
    byKey.set(key, [...(byKey.get(key) ?? []), run.index]);
  }
  return { sweep, runs, groups: [...byKey.values()] };
}
