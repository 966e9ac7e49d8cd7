// The page's training loop stepped frame by frame in Node, on the CPU backend's real sessions: how
// often it measures, how much work it keeps in flight, how it survives a lost device, and that a
// refused change leaves the run as it was.
import { afterEach, describe, expect, it } from 'vitest';
import { createEngine } from '../../src/engine/createEngine';
import { DEFAULT_EXPERIMENT } from '../../src/engine/experiment/defaults';
import { type Experiment, parseExperiment } from '../../src/engine/experiment/schema';
import { EMPTY_BATCH_NOTICE } from '../../src/engine/session/divergence';
import type { LoopSession, SessionFactory } from '../../src/engine/session/loopTypes';
import { MERGE_MARKERS_MS } from '../../src/engine/session/markers';
import { EARLY_MEASURE_STEPS, MAX_FRAMES_IN_FLIGHT, MAX_MEASURE_EVERY_MS, TRAIN_TO_MEASURE_RATIO } from '../../src/engine/session/pacing';
import { TrainingLoop } from '../../src/engine/session/trainingLoop';
import { TrainingSession } from '../../src/engine/session/trainingSession';
import type { Engine } from '../../src/engine/types';
import { type Deferred, deferred, FakeFrames, recordingListener, settle } from '../support/fakeFrames';
import { readPublicFile } from '../support/publicFiles';

const files = { fetchBytes: readPublicFile };
// A small model keeps the CPU measurements (and their 100×100 decision grid) quick.
const EXPERIMENT: Experiment = parseExperiment({
  ...structuredClone(DEFAULT_EXPERIMENT),
  model: { ...DEFAULT_EXPERIMENT.model, hidden: [8] },
});

/** Real CPU sessions, each handed to `adjust` (to slow it down, or hold its reads) before the loop sees it. */
function sessions(adjust: (session: TrainingSession) => void = () => {}): { factory: SessionFactory; created: TrainingSession[] } {
  const created: TrainingSession[] = [];
  const factory: SessionFactory = async (experiment, engine, dataFiles) => {
    const session = await TrainingSession.create(experiment, engine.createTrainer, dataFiles);
    adjust(session);
    created.push(session);
    return session;
  };
  return { factory, created };
}

let loop: TrainingLoop | null = null;
afterEach(() => loop?.stop());

async function startLoop(adjust?: (session: TrainingSession) => void, engine?: Engine, experiment: Experiment = EXPERIMENT) {
  const frames = new FakeFrames();
  const { record, listener } = recordingListener();
  const { factory, created } = sessions(adjust);
  const replacements: Engine[] = [];
  loop = new TrainingLoop({
    scheduler: frames,
    files,
    listener,
    createSession: factory,
    replaceEngine: async () => {
      replacements.push(await createEngine({ backend: 'cpu' }));
      return replacements[replacements.length - 1];
    },
  });
  await loop.start(engine ?? (await createEngine({ backend: 'cpu' })), experiment);
  return { loop, frames, record, created, replacements };
}

describe('TrainingLoop pacing', () => {
  // The fake clock moves only inside snapshot(): each measurement costs `cost` ms, the grid nothing.
  const measuredEvery = async (cost: number) => {
    const starts: number[] = [];
    const steps: number[] = [];
    const { loop, frames } = await startLoop((session) => {
      const snapshot = session.snapshot.bind(session);
      session.snapshot = async () => {
        starts.push(frames.time);
        steps.push(session.step);
        frames.time += cost;
        return snapshot();
      };
    });
    loop.play();
    await frames.frames(600);
    // The early steps are measured whatever the cost; pacing starts after the last of them.
    const paced = steps.indexOf(EARLY_MEASURE_STEPS[EARLY_MEASURE_STEPS.length - 1]);
    expect(steps.slice(0, paced + 1).filter((step) => step > 0)).toEqual(EARLY_MEASURE_STEPS);
    return starts.slice(paced + 1).map((start, i) => start - starts[paced + i] - cost);
  };

  it('spaces measurements by what they cost: 4× the cost between them', async () => {
    const gaps = await measuredEvery(300);
    expect(gaps.length).toBeGreaterThan(4);
    for (const gap of gaps) {
      expect(gap).toBeGreaterThan(TRAIN_TO_MEASURE_RATIO * 300);
      expect(gap).toBeLessThanOrEqual(TRAIN_TO_MEASURE_RATIO * 300 + 2 * 16); // the next frame, or the one after
    }
  });

  it('measures a slow backend at least every 1.5 s', async () => {
    const gaps = await measuredEvery(1000);
    expect(gaps.length).toBeGreaterThan(2);
    for (const gap of gaps) {
      expect(gap).toBeGreaterThan(MAX_MEASURE_EVERY_MS);
      expect(gap).toBeLessThanOrEqual(MAX_MEASURE_EVERY_MS + 2 * 16);
    }
  });
});

describe('TrainingLoop in-flight limit', () => {
  it(`never encodes more than ${MAX_FRAMES_IN_FLIGHT} frames of steps ahead of the losses read back`, async () => {
    const reads: Deferred<number>[] = [];
    const hold = (session: TrainingSession) => {
      const read = () => {
        const loss = deferred<number>();
        reads.push(loss);
        return loss.promise;
      };
      session.sampleBatchLoss = read;
      session.lastBatchLoss = read;
    };
    // Past the early steps, which are measured whatever the pacing: from there frames are full.
    const early = EARLY_MEASURE_STEPS[EARLY_MEASURE_STEPS.length - 1];
    const { loop, frames, created } = await startLoop((session) => {
      session.advance(early);
      hold(session);
    });
    loop.play();
    const perFrame = loop.run.stepsPerFrame;
    // 1 ms frames: no measurement falls due meanwhile.
    await frames.frames(20, 1);
    expect(created[0].step).toBe(early + MAX_FRAMES_IN_FLIGHT * perFrame);
    expect(loop.framesInFlight).toBe(MAX_FRAMES_IN_FLIGHT);
    // One loss lands: one more frame of steps, and no more.
    reads[0].resolve(1.5);
    await settle();
    await frames.frames(20, 1);
    expect(created[0].step).toBe(early + (MAX_FRAMES_IN_FLIGHT + 1) * perFrame);
    expect(loop.run.batchLoss).toBe(1.5);
    expect(loop.framesInFlight).toBe(MAX_FRAMES_IN_FLIGHT);
    // A measurement falls due: it waits for the frames in flight, and no step starts meanwhile, so
    // the metrics shown for step n are those of step n's parameters.
    await frames.frames(20, 50);
    expect(created[0].step).toBe(early + (MAX_FRAMES_IN_FLIGHT + 1) * perFrame);
    expect(loop.run.snapshot?.step).toBe(early);
    for (const read of reads) read.resolve(1);
    await settle();
    await frames.frame();
    expect(loop.run.snapshot?.step).toBe(early + (MAX_FRAMES_IN_FLIGHT + 1) * perFrame);
  });
});

describe('TrainingLoop device loss', () => {
  const lostEngine = async () => {
    const lost = deferred<string>();
    const engine: Engine = { ...(await createEngine({ backend: 'cpu' })), lost: lost.promise };
    return { engine, lost };
  };

  for (const playing of [true, false]) {
    it(`moves to a new engine and restores the run from its checkpoint, ${playing ? 'still playing' : 'still paused'}`, async () => {
      const { engine, lost } = await lostEngine();
      const checkpoints: number[] = [];
      const { loop, frames, record, replacements } = await startLoop((session) => {
        const checkpoint = session.checkpoint.bind(session);
        session.checkpoint = async () => {
          const taken = await checkpoint();
          checkpoints.push(taken.step);
          return taken;
        };
      }, engine);
      loop.play();
      await frames.frames(60);
      if (!playing) {
        loop.pause();
        await frames.frames(3); // the pause measures the last step: a checkpoint of it
      }
      const restoredTo = checkpoints[checkpoints.length - 1];
      expect(restoredTo).toBeGreaterThan(0);
      lost.resolve('test loss');
      for (let i = 0; i < 5; i++) await settle();
      expect(replacements).toHaveLength(1);
      expect(loop.engine).toBe(replacements[0]);
      expect(loop.run.step).toBe(restoredTo);
      expect(loop.run.snapshot?.step).toBe(restoredTo);
      expect(loop.run.playing).toBe(playing);
      expect(record.notices.at(-1)).toBe(`The GPU device was lost (test loss). Training continues on the CPU from step ${restoredTo}.`);
      // It trains on from there.
      if (playing) {
        await frames.frames(5);
        expect(loop.run.step).toBeGreaterThan(restoredTo);
      }
    });
  }
});

describe('TrainingLoop updates', () => {
  const withLr = (lr: number) => parseExperiment({ ...structuredClone(EXPERIMENT), optimizer: { ...EXPERIMENT.optimizer, lr } });

  it('takes a live change: the experiment moves and a marker says where', async () => {
    const { loop, frames } = await startLoop();
    await frames.frames(5);
    loop.update(withLr(0.05), 'lr 0.05');
    expect(loop.experiment?.optimizer.lr).toBe(0.05);
    expect(loop.run.markers.at(-1)?.label).toBe('lr 0.05');
  });

  it("merges a burst of changes to one field (slider arrow presses) into one marker, at the burst's first step", async () => {
    const { loop, frames } = await startLoop();
    loop.play();
    await frames.frames(5);
    const first = loop.run.step;
    for (const lr of [0.02, 0.03, 0.04]) {
      loop.update(withLr(lr), `learning rate ${lr}`);
      await frames.frames(2, 100); // presses 200 ms apart, as a held arrow key is
    }
    expect(loop.run.markers).toEqual([{ step: first, label: 'learning rate 0.04' }]);
    // After a pause longer than the merge window, a change is a new marker.
    await frames.frames(1, MERGE_MARKERS_MS);
    loop.update(withLr(0.05), 'learning rate 0.05');
    expect(loop.run.markers.map((m) => m.label)).toEqual(['learning rate 0.04', 'learning rate 0.05']);
    // Another field right after is its own marker too.
    loop.update(
      parseExperiment({ ...structuredClone(withLr(0.05)), training: { ...EXPERIMENT.training, batchSize: 32 } }),
      'batch size 32',
    );
    expect(loop.run.markers.map((m) => m.label)).toEqual(['learning rate 0.04', 'learning rate 0.05', 'batch size 32']);
  });

  it('answers null to an inspect whose session a restart destroyed meanwhile, not with its error', async () => {
    const gate = deferred<void>();
    const { loop } = await startLoop((session) => {
      const predict = session.predict.bind(session);
      // One row is the inspector's predict: held, then failing as a destroyed GPU trainer's does.
      session.predict = async (x, rows) => {
        if (rows !== 1) return predict(x, rows);
        await gate.promise;
        throw new Error('Mlp.predict: the trainer was destroyed');
      };
    });
    const answer = loop.inspect({ split: 'train', index: 0 });
    await loop.reset();
    gate.resolve();
    expect(await answer).toBeNull();
  });

  it('changes nothing when the session refuses the change', async () => {
    const { loop, frames, created } = await startLoop((session: LoopSession) => {
      session.update = () => {
        throw new Error('training.batchSize: refused');
      };
    });
    await frames.frames(5);
    expect(() => loop.update(withLr(0.05), 'lr 0.05')).toThrow('refused');
    expect(loop.experiment).toBe(EXPERIMENT);
    expect(loop.run.markers).toEqual([]);
    expect(created).toHaveLength(1); // no restart either
  });
});

describe('TrainingLoop divergence guard', () => {
  it('skips a batch whose rows are all ignored (NaN mean loss, as in PyTorch) and says so once, without blaming the learning rate', async () => {
    // Issue 20, item 3: 90% unlabelled, batches of 8: about 0.9⁸ ≈ 43% of the frames' last batches are empty.
    const sparse = parseExperiment({
      ...structuredClone(EXPERIMENT),
      preparation: { ...EXPERIMENT.preparation, unlabelledFraction: 0.9 },
      training: { ...EXPERIMENT.training, batchSize: 8 },
    });
    const { loop, frames, record, created } = await startLoop(undefined, undefined, sparse);
    loop.play();
    const nanLosses: number[] = [];
    // Past the early measurements (steps 1–100, measured densely), so the frames reach full speed.
    for (let frame = 0; frame < 300 && created[0].step <= 100; frame++) {
      await frames.frame(1);
      await settle();
      if (loop.run.batchLoss !== null && Number.isNaN(loop.run.batchLoss)) nanLosses.push(loop.run.step);
    }
    expect(created[0].step).toBeGreaterThan(100);
    expect(nanLosses.length).toBeGreaterThan(0); // the case happened
    expect(loop.run.divergence).toBeNull();
    expect(record.notices.filter((n) => n === EMPTY_BATCH_NOTICE)).toHaveLength(1);
    expect(record.notices.some((n) => /learning rate/.test(n))).toBe(false);
  });

  it('still stops a run whose loss overflows, blaming the learning rate', async () => {
    const wild = parseExperiment({
      ...structuredClone(EXPERIMENT),
      model: { hidden: [64, 64, 64], activation: 'gelu', init: 'kaiming' },
      optimizer: { kind: 'sgd', lr: 10, momentum: 0.99, nesterov: false, weightDecay: 0 },
    });
    const { loop, frames } = await startLoop(undefined, undefined, wild);
    loop.play();
    for (let frame = 0; frame < 200 && !loop.run.divergence; frame++) {
      await frames.frame(1);
      await settle();
    }
    expect(loop.run.divergence?.cause).toMatch(/learning rate of 10 is probably too large/);
  });
});
