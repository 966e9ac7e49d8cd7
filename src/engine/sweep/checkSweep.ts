// The checks of a sweep that need the rest of the experiment: the grid's size, settings the loss
// mode has, a class index the data has, and no live changes (every run of a sweep keeps its settings).
import type { z } from 'zod';
import { type Sweep, sweepRunCount } from './sweepSchema';
import { MAX_SWEEP_RUNS } from './types';

interface SweptExperiment {
  data: { source: string; classes?: number };
  loss: { mode: 'cross-entropy' | 'nt-xent' };
  changes?: unknown[];
  sweep?: Sweep;
}

const CROSS_ENTROPY_ONLY = new Set(['classWeights', 'classWeight', 'labelSmoothing']);

export function checkSweep(e: SweptExperiment, context: z.RefinementCtx): void {
  const sweep = e.sweep;
  if (!sweep) return;
  const issue = (path: (string | number)[], message: string) => context.addIssue({ code: 'custom', path: ['sweep', ...path], message });
  const runs = sweepRunCount(sweep);
  if (runs > MAX_SWEEP_RUNS) {
    issue([], `has ${sweep.axes.map((a) => a.values.length).join(' × ')} = ${runs} runs; at most ${MAX_SWEEP_RUNS} runs in all`);
  }
  if ((e.changes?.length ?? 0) > 0) issue([], 'cannot be combined with live changes: every run of a sweep keeps its settings');
  if (sweep.axes.length === 2 && sweep.axes[0].setting === sweep.axes[1].setting) {
    issue(['axes', 1, 'setting'], `is the same setting as axis 1 ('${sweep.axes[0].setting}'); sweep two different settings`);
  }
  sweep.axes.forEach((axis, i) => {
    if (e.loss.mode === 'nt-xent' && CROSS_ENTROPY_ONLY.has(axis.setting)) {
      issue(['axes', i, 'setting'], `'${axis.setting}' is a cross-entropy setting; this experiment's loss is nt-xent`);
    }
    if (e.loss.mode === 'cross-entropy' && axis.setting === 'temperature') {
      issue(['axes', i, 'setting'], "'temperature' is NT-Xent's τ; this experiment's loss is cross-entropy");
    }
    if (axis.setting === 'classWeight' && e.data.classes !== undefined && axis.classIndex >= e.data.classes) {
      issue(['axes', i, 'classIndex'], `must be a class of the data: 0 to ${e.data.classes - 1}, got ${axis.classIndex}`);
    }
  });
  const probe = sweep.metric === 'probe-accuracy';
  if (probe !== (e.loss.mode === 'nt-xent')) {
    issue(
      ['metric'],
      probe ? "'probe-accuracy' is NT-Xent's metric; this experiment's loss is cross-entropy" : "an NT-Xent sweep shows 'probe-accuracy'",
    );
  }
}
