// The page's record of a run's live changes: each with the step it took effect at (the first step
// trained with it), so that the run can be exported, shared and replayed as it happened. It also
// holds the changes an opened experiment still has to replay (a shared link's), due at their steps.
import { liveChangeBetween, mergeLiveChanges, startSettings } from '../experiment/changes';
import type { Experiment, LiveChange } from '../experiment/schema';

export class ChangeLog {
  private start: Experiment;
  private readonly changes: LiveChange[] = [];
  /** Changes of the opened experiment not reached yet, by increasing step. */
  private readonly pending: LiveChange[];
  private record_: Experiment;

  constructor(experiment: Experiment) {
    this.start = startSettings(experiment);
    this.pending = structuredClone(experiment.changes ?? []);
    this.record_ = this.start;
  }

  /** The step-0 settings with `changes` (absent when there are none); a new object after each change. */
  get trained(): Experiment {
    return this.record_;
  }

  /** The pending changes that take effect before step `stepsDone + 1`, removed from the queue. */
  due(stepsDone: number): LiveChange[] {
    const due: LiveChange[] = [];
    while (this.pending.length > 0 && this.pending[0].step <= stepsDone + 1) due.push(this.pending.shift() as LiveChange);
    return due;
  }

  /** The settings went from `before` to `after` with `stepsDone` steps trained: before any step, they are the start. */
  record(before: Experiment, after: Experiment, stepsDone: number): void {
    if (stepsDone === 0) {
      this.start = after;
      this.publish();
      return;
    }
    const change = liveChangeBetween(before, after, stepsDone + 1);
    if (!change) return;
    const last = this.changes.at(-1);
    if (last?.step === change.step) this.changes[this.changes.length - 1] = mergeLiveChanges(last, change);
    else this.changes.push(change);
    this.publish();
  }

  /**
   * Back to `step` (a checkpoint): the changes made after it stay in force, so they now take effect
   * from the next step trained, as one change.
   */
  rewind(step: number): void {
    const kept = this.changes.filter((c) => c.step <= step + 1);
    const later = this.changes.slice(kept.length);
    if (later.length === 0) return;
    const merged = later.reduce(mergeLiveChanges);
    const last = kept.at(-1);
    const next = last?.step === step + 1 ? mergeLiveChanges(kept.pop() as LiveChange, merged) : merged;
    this.changes.splice(0, this.changes.length, ...kept, { ...next, step: step + 1 });
    this.publish();
  }

  private publish(): void {
    this.record_ = this.changes.length > 0 ? { ...this.start, changes: structuredClone(this.changes) } : this.start;
  }
}
