// The trainers a sweep runs on for an engine: its batched trainer where it has one, else one trainer
// per run, run after run. The notice says so, since a sequential sweep takes runs × the time of one.
import type { Engine } from '../types';
import type { SweepTrainers } from './runSweep';
import { sequentialSweepFactory } from './sequentialSweepTrainer';

export interface EngineSweep {
  trainers: SweepTrainers;
  /** Why the runs train one after another, or null when they train together. */
  notice: string | null;
}

export async function sweepTrainersFor(engine: Engine): Promise<EngineSweep> {
  const single = (setup: Parameters<Engine['createTrainer']>[0]) => engine.createTrainer(setup);
  const batched = await engine.loadBatchedTrainer?.();
  if (batched) return { trainers: { batched, single }, notice: null };
  const notice = 'The CPU backend trains the sweep run by run: it takes about as long as all its runs one after another.';
  return { trainers: { batched: sequentialSweepFactory(single), single }, notice };
}
