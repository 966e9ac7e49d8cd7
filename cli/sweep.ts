// `npm run train -- --sweep …`: trains a sweep headless and prints one row per run (its settings and
// final metrics), then with --json a summary of every run as the last line.
import type { DataFiles } from '../src/engine/experiment/prepare';
import type { TrainerFactory } from '../src/engine/experiment/run';
import type { Experiment } from '../src/engine/experiment/schema';
import { axisName, planSweep } from '../src/engine/sweep/plan';
import { runSweep, type SweepRunResult } from '../src/engine/sweep/runSweep';
import type { BatchedTrainerFactory } from '../src/engine/sweep/sequentialSweepTrainer';
import { METRIC_NAMES } from '../src/engine/sweep/sweepMetric';

const cell = (x: number | undefined, digits = 4) => (x === undefined || !Number.isFinite(x) ? '—' : x.toFixed(digits));

/** A fixed-width table: a header, a rule, then rows. */
function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c].length)));
  const line = (r: string[]) =>
    r
      .map((text, c) => text.padEnd(widths[c]))
      .join('  ')
      .trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

export async function sweepCommand(
  experiment: Experiment,
  trainers: { batched: BatchedTrainerFactory; single: TrainerFactory },
  files: DataFiles,
  sequential: boolean,
) {
  const plan = planSweep(experiment);
  const sweep = plan.sweep;
  process.stdout.write(
    `sweep: ${plan.runs.length} runs (${sweep.axes.map((a) => `${axisName(a)} × ${a.values.length}`).join(', ')}), ` +
      `${plan.groups.length} group${plan.groups.length === 1 ? '' : 's'}${sequential ? ', run by run' : ', batched'}\n`,
  );
  const result = await runSweep(plan, trainers, files);
  const contrastive = experiment.loss.mode === 'nt-xent';
  const metrics = (r: SweepRunResult) => {
    if (contrastive) return [cell(r.metric, 3)];
    const v = r.final?.validation;
    const minority = sweep.metric === 'minority-recall' ? cell(r.metric, 3) : '';
    return [cell(v?.loss), cell(v?.accuracy, 3), ...(minority ? [minority] : []), cell(v?.ece, 3)];
  };
  const header = [
    'run',
    ...sweep.axes.map(axisName),
    'steps',
    ...(contrastive
      ? ['probe accuracy']
      : ['val loss', 'val accuracy', ...(sweep.metric === 'minority-recall' ? ['minority recall'] : []), 'val ECE']),
    'diverged',
  ];
  const rows = plan.runs.map((run) => {
    const r = result.runs[run.index];
    const settings = sweep.axes.map((axis, a) => String(axis.values[run.cell[a]]));
    const steps = String(r.diverged?.step ?? run.experiment.training.steps);
    return [String(run.index), ...settings, steps, ...metrics(r), r.diverged ? `at step ${r.diverged.step}` : 'no'];
  });
  process.stdout.write(`${table(header, rows)}\n`);
  process.stdout.write(`${METRIC_NAMES[sweep.metric]} shown in the grid; ${result.modelStepsPerSecond.toFixed(1)} model-steps/s\n`);
  return {
    sweep,
    modelStepsPerSecond: Number(result.modelStepsPerSecond.toFixed(1)),
    runs: plan.runs.map((run) => {
      const r = result.runs[run.index];
      const v = r.final?.validation;
      return {
        index: run.index,
        label: run.label,
        settings: Object.fromEntries(sweep.axes.map((axis, a) => [axisName(axis), axis.values[run.cell[a]]])),
        steps: r.diverged?.step ?? run.experiment.training.steps,
        diverged: r.diverged,
        metric: Number.isFinite(r.metric) ? r.metric : null,
        validation: v ? { loss: v.loss, weightedLoss: v.weightedLoss, accuracy: v.accuracy, recall: v.recall, ece: v.ece } : null,
      };
    }),
  };
}
