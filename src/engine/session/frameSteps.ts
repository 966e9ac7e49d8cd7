// One frame's work: encode the steps of run A (and B of a comparison, in lockstep), then read the
// frame's batch loss back without stalling the next frames.
import type { LoopSession } from './loopTypes';
import { CPU_FRAME_BUDGET_MS } from './pacing';

/**
 * Encodes up to `wanted` steps of each session. On the CPU backend the steps run right here, so a
 * time budget stops them and the page stays responsive; on WebGPU they only queue work.
 */
export function encodeSteps(sessions: LoopSession[], wanted: number, cpu: boolean, now: () => number): number {
  const started = now();
  let done = 0;
  while (done < wanted && (!cpu || now() - started < CPU_FRAME_BUDGET_MS)) {
    for (const session of sessions) session.advance(1);
    done++;
  }
  return done;
}

/** A's last batch loss, settled once every session's steps have run. */
export function frameLoss(sessions: LoopSession[]): Promise<number> {
  const losses = sessions.map((session) => session.sampleBatchLoss() ?? session.lastBatchLoss());
  return losses.length === 1 ? losses[0] : Promise.all(losses).then(([a]) => a);
}
