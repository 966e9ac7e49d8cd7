// The settings before each committed change, newest last, so that "Undo" can step back. Bounded:
// past MAX_UNDO the oldest go first (an experiment is a few kB; the stack never grows with a session).
import type { Experiment } from '../engine/experiment/schema';

export const MAX_UNDO = 30;

/** A new stack with `previous` on top; unchanged when `previous` is the top already (a no-op commit). */
export function pushUndo(stack: readonly Experiment[], previous: Experiment, capacity = MAX_UNDO): Experiment[] {
  if (stack.at(-1) === previous) return stack.slice();
  const next = [...stack, previous];
  return next.length > capacity ? next.slice(next.length - capacity) : next;
}
