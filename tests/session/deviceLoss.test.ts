// Device loss, as a flaky GPU does it: reads in flight fail with raw "mapAsync" errors as the device
// goes, and it may go again during the recovery. Those failures say nothing of their own (the loss
// notice explains them), and the run ends as it was, playing or paused.
import { afterEach, describe, expect, it } from 'vitest';
import { createEngine } from '../../src/engine/createEngine';
import { DEFAULT_EXPERIMENT } from '../../src/engine/experiment/defaults';
import { parseExperiment } from '../../src/engine/experiment/schema';
import type { SessionFactory } from '../../src/engine/session/loopTypes';
import { TrainingLoop } from '../../src/engine/session/trainingLoop';
import { TrainingSession } from '../../src/engine/session/trainingSession';
import type { Engine } from '../../src/engine/types';
import { deferred, FakeFrames, recordingListener, settle } from '../support/fakeFrames';
import { readPublicFile } from '../support/publicFiles';

const EXPERIMENT = parseExperiment({ ...structuredClone(DEFAULT_EXPERIMENT), model: { ...DEFAULT_EXPERIMENT.model, hidden: [8] } });
/** Longer than the loop's wait to learn whether a failure's device was lost (LOSS_SETTLE_MS, 250 ms). */
const PAST_SETTLE_MS = 400;
const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let loop: TrainingLoop | null = null;
afterEach(() => loop?.stop());

async function lostEngine() {
  const lost = deferred<string>();
  const engine: Engine = { ...(await createEngine({ backend: 'cpu' })), lost: lost.promise };
  return { engine, lost };
}

/** A loop whose sessions' batch-loss reads fail (as mapAsync does on a lost device) while `failing.on`. */
async function startLoop(engine: Engine, replaceEngine: () => Promise<Engine>) {
  const failing = { on: false };
  const factory: SessionFactory = async (experiment, e, files) => {
    const session = await TrainingSession.create(experiment, e.createTrainer, files);
    const sample = session.sampleBatchLoss.bind(session);
    session.sampleBatchLoss = () => (failing.on ? Promise.reject(new Error('mapAsync: [Device] is lost')) : sample());
    return session;
  };
  const frames = new FakeFrames();
  const { record, listener } = recordingListener();
  loop = new TrainingLoop({ scheduler: frames, files: { fetchBytes: readPublicFile }, listener, createSession: factory, replaceEngine });
  await loop.start(engine, EXPERIMENT);
  loop.play();
  await frames.frames(30);
  return { loop, frames, record, failing };
}

describe('TrainingLoop on a lost device', () => {
  it('reports a failed read whose device is fine, and pauses', async () => {
    const { engine } = await lostEngine();
    const { loop, frames, record, failing } = await startLoop(engine, () => createEngine({ backend: 'cpu' }));
    failing.on = true;
    await frames.frames(2);
    await wait(PAST_SETTLE_MS);
    expect(record.notices).toContain('A training step failed: mapAsync: [Device] is lost');
    expect(loop.run.playing).toBe(false);
  });

  it('says nothing of the reads the loss failed, and keeps playing', async () => {
    const { engine, lost } = await lostEngine();
    const { loop, frames, record, failing } = await startLoop(engine, () => createEngine({ backend: 'cpu' }));
    failing.on = true;
    await frames.frames(2);
    failing.on = false;
    lost.resolve('the GPU was reset');
    await wait(PAST_SETTLE_MS);
    for (let i = 0; i < 5; i++) await settle();
    expect(record.notices.filter((n) => /failed/.test(n))).toEqual([]);
    expect(record.notices.filter((n) => /device was lost/.test(n))).toHaveLength(1);
    expect(loop.run.playing).toBe(true);
  });

  it('lost again during the recovery: ends on the third engine, playing as before the first loss', async () => {
    const first = await lostEngine();
    const second = await lostEngine();
    const third = await createEngine({ backend: 'cpu' });
    const replacements = [second.engine, third];
    const { loop, record } = await startLoop(first.engine, async () => {
      const next = replacements.shift() as Engine;
      // The second device goes as soon as it is handed out, before the first recovery finished.
      if (next === second.engine) queueMicrotask(() => second.lost.resolve('lost again'));
      return next;
    });
    first.lost.resolve('lost once');
    for (let i = 0; i < 20; i++) await settle();
    await wait(PAST_SETTLE_MS);
    expect(loop.engine).toBe(third);
    expect(loop.run.playing).toBe(true);
    expect(record.notices.filter((n) => /device was lost/.test(n))).toHaveLength(2);
  });
});
