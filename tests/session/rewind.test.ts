// A rewind after a divergence clears the diverged step's batch loss (NaN) until the next step's.
import { afterEach, describe, expect, it } from 'vitest';
import { createEngine } from '../../src/engine/createEngine';
import { DEFAULT_EXPERIMENT } from '../../src/engine/experiment/defaults';
import { parseExperiment } from '../../src/engine/experiment/schema';
import type { SessionFactory } from '../../src/engine/session/loopTypes';
import { TrainingLoop } from '../../src/engine/session/trainingLoop';
import { TrainingSession } from '../../src/engine/session/trainingSession';
import { FakeFrames, recordingListener } from '../support/fakeFrames';
import { readPublicFile } from '../support/publicFiles';

let loop: TrainingLoop | null = null;
afterEach(() => loop?.stop());

describe('TrainingLoop.rewind', () => {
  it('shows no batch loss after rewinding a diverged run', async () => {
    const experiment = parseExperiment({ ...structuredClone(DEFAULT_EXPERIMENT), model: { ...DEFAULT_EXPERIMENT.model, hidden: [8] } });
    // The batch loss reads NaN once `diverged` is set, as a step that overflowed would.
    const state = { diverged: false };
    const createSession: SessionFactory = async (e, engine, files) => {
      const session = await TrainingSession.create(e, engine.createTrainer, files);
      const sample = session.sampleBatchLoss.bind(session);
      session.sampleBatchLoss = () => (state.diverged ? Promise.resolve(Number.NaN) : sample());
      return session;
    };
    const frames = new FakeFrames();
    const { listener } = recordingListener();
    loop = new TrainingLoop({
      scheduler: frames,
      files: { fetchBytes: readPublicFile },
      listener,
      createSession,
      replaceEngine: () => createEngine({ backend: 'cpu' }),
    });
    await loop.start(await createEngine({ backend: 'cpu' }), experiment);
    loop.play();
    await frames.frames(20);
    state.diverged = true;
    await frames.frames(3);
    expect(loop.run.divergence).not.toBeNull();
    expect(loop.run.batchLoss).toBeNaN();
    state.diverged = false;
    loop.rewind();
    expect(loop.run.batchLoss).toBeNull();
  });
});
