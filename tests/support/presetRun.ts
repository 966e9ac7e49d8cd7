// Runs a preset as the page does: a TrainingSession stepped from outside, live changes through its
// update method at given steps, and measurements at the page's early steps then every evalEvery.
// The CPU backend: for these small models it is faster in Node than WebGPU on SwiftShader.
import type { Experiment } from '../../src/engine/experiment/schema';
import { type HistoryPoint, historyPoint } from '../../src/engine/session/history';
import { EARLY_MEASURE_STEPS } from '../../src/engine/session/pacing';
import { type Snapshot, TrainingSession } from '../../src/engine/session/trainingSession';
import { CpuMlp } from '../../src/engine/train/cpuMlp';
import { readPublicFile } from './publicFiles';

const files = { fetchBytes: readPublicFile };
const cpu = (setup: ConstructorParameters<typeof CpuMlp>[0]) => new CpuMlp(setup);

export interface LiveChange {
  /** Applied after this many steps, before the measurement of that step. */
  at: number;
  change: (experiment: Experiment) => Experiment;
}

export interface PresetRun {
  points: HistoryPoint[];
  snapshots: Snapshot[];
  session: TrainingSession;
}

/** Steps measured: 0, the early steps, then every evalEvery up to `steps`, and every change's step. */
export function measureSteps(steps: number, evalEvery: number, changes: readonly LiveChange[] = []): number[] {
  const at = new Set([0, ...EARLY_MEASURE_STEPS.filter((s) => s <= steps), ...changes.map((c) => c.at)]);
  for (let s = evalEvery; s <= steps; s += evalEvery) at.add(s);
  at.add(steps);
  return [...at].sort((a, b) => a - b);
}

/** Points measured from step `from` to `to`, both included. */
export const between = (points: readonly HistoryPoint[], from: number, to: number) => points.filter((p) => p.step >= from && p.step <= to);

/** Trains `experiment` for its steps (or `steps`), keeping the session open for more (the caller destroys it). */
export async function runPreset(
  experiment: Experiment,
  changes: readonly LiveChange[] = [],
  steps = experiment.training.steps,
): Promise<PresetRun> {
  const session = await TrainingSession.create(experiment, cpu, files);
  const points: HistoryPoint[] = [];
  const snapshots: Snapshot[] = [];
  const measure = async () => {
    const snapshot = await session.snapshot();
    snapshots.push(snapshot);
    points.push(historyPoint(snapshot, session.step > 0 ? await session.lastBatchLoss() : Number.NaN));
  };
  for (const step of measureSteps(steps, experiment.training.evalEvery, changes)) {
    session.advance(step - session.step);
    await measure();
    const due = changes.filter((c) => c.at === step);
    for (const c of due) session.update(c.change(session.experiment));
    // Measured again after a change, on the same parameters: what the change alone moved.
    if (due.length > 0) await measure();
  }
  return { points, snapshots, session };
}

/** The point measured at `step`; at a live change, the one before it (`after` for the one after). */
export function at(points: readonly HistoryPoint[], step: number, after = false): HistoryPoint {
  const point = after ? points.findLast((p) => p.step === step) : points.find((p) => p.step === step);
  if (!point) throw new Error(`no measurement at step ${step}`);
  return point;
}

export const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
