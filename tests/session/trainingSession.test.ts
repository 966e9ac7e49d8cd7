// The session the page steps: it learns, takes live changes without restarting, asks for a restart
// when the data or model change, rewinds, and measures both modes.
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_EXPERIMENT } from '../../src/engine/experiment/defaults';
import { type Experiment, parseExperiment } from '../../src/engine/experiment/schema';
import { planUpdate } from '../../src/engine/session/liveUpdate';
import { TrainingSession } from '../../src/engine/session/trainingSession';
import { CpuMlp } from '../../src/engine/train/cpuMlp';
import { readPublicFile } from '../support/publicFiles';

const files = { fetchBytes: readPublicFile };
const cpu = (setup: ConstructorParameters<typeof CpuMlp>[0]) => new CpuMlp(setup);
const changed = (base: Experiment, change: (e: Experiment) => void): Experiment => {
  const e = structuredClone(base);
  change(e);
  return parseExperiment(e);
};

const contrastive = changed(DEFAULT_EXPERIMENT, (e) => {
  e.loss = { mode: 'nt-xent', temperature: 0.5, projection: 8, augmentation: { kind: 'points', rotation: 0.3, scale: 0.1, jitter: 0.05 } };
  e.training.batchSize = 32;
});

let session: TrainingSession | null = null;
afterEach(() => session?.destroy());

describe('TrainingSession (cross-entropy)', () => {
  it('learns the default spiral a few steps at a time', async () => {
    session = await TrainingSession.create(DEFAULT_EXPERIMENT, cpu, files);
    const before = await session.snapshot();
    for (let frame = 0; frame < 30; frame++) session.advance(20);
    const after = await session.snapshot();
    expect(after.step).toBe(600);
    if (before.mode !== 'cross-entropy' || after.mode !== 'cross-entropy') throw new Error('expected cross-entropy snapshots');
    expect(after.train.loss).toBeLessThan(before.train.loss / 3);
    expect(after.validation.accuracy).toBeGreaterThan(0.85);
  });

  it('takes the learning rate, batch size, class weights and smoothing live, keeping the step count', async () => {
    session = await TrainingSession.create(DEFAULT_EXPERIMENT, cpu, files);
    session.advance(10);
    const next = changed(DEFAULT_EXPERIMENT, (e) => {
      e.optimizer.lr = 0.002;
      e.training.batchSize = 128;
      e.loss = { ...DEFAULT_EXPERIMENT.loss, classWeights: { kind: 'custom', weights: [1, 5, 1] }, labelSmoothing: 0.1 };
    });
    const plan = session.update(next);
    expect(plan).toEqual({ kind: 'live', changed: ['optimizer', 'batch size', 'class weights', 'label smoothing'] });
    expect(Array.from(session.classWeights)).toEqual([1, 5, 1]);
    expect(session.lossSettings.labelSmoothing).toBe(0.1);
    session.advance(5);
    expect(session.step).toBe(15);
    expect(Number.isFinite(await session.lastBatchLoss())).toBe(true);
  });

  it('asks for a restart, and applies nothing, when the data, model or seed change', async () => {
    session = await TrainingSession.create(DEFAULT_EXPERIMENT, cpu, files);
    const plan = session.update(changed(DEFAULT_EXPERIMENT, (e) => (e.model.hidden = [8])));
    expect(plan).toEqual({ kind: 'reset', reason: 'the model changed' });
    expect(session.experiment).toBe(DEFAULT_EXPERIMENT);
    expect(
      planUpdate(
        DEFAULT_EXPERIMENT,
        changed(DEFAULT_EXPERIMENT, (e) => (e.seed = 9)),
        1024,
      ).kind,
    ).toBe('reset');
    expect(
      planUpdate(
        DEFAULT_EXPERIMENT,
        changed(DEFAULT_EXPERIMENT, (e) => (e.training.batchSize = 2000)),
        1024,
      ),
    ).toEqual({
      kind: 'reset',
      reason: "batch size 2000 is more than this run's buffers hold (1024)",
    });
  });

  it('refuses a batch larger than the training split, by name', async () => {
    const tooBig = changed(DEFAULT_EXPERIMENT, (e) => (e.training.batchSize = 600));
    await expect(TrainingSession.create(tooBig, cpu, files)).rejects.toThrow(
      /^training\.batchSize: must be at most the 480 training rows, got 600/,
    );
  });

  it('rewinds to a checkpoint', async () => {
    session = await TrainingSession.create(DEFAULT_EXPERIMENT, cpu, files);
    session.advance(5);
    const checkpoint = await session.checkpoint();
    session.advance(50);
    session.restore(checkpoint);
    expect(session.step).toBe(5);
    expect(session.epoch).toBe(1);
    expect(await session.checkpoint()).toEqual(checkpoint);
    // Into another session, as after a lost device: the counts come along too.
    const other = await TrainingSession.create(DEFAULT_EXPERIMENT, cpu, files);
    other.restore({ ...checkpoint, step: 70, epoch: 10 });
    expect([other.step, other.epoch]).toEqual([70, 10]);
    other.destroy();
  });

  it('evaluates a decision grid over 2-D data, and none for Iris (4-D)', async () => {
    session = await TrainingSession.create(DEFAULT_EXPERIMENT, cpu, files);
    session.advance(300);
    const grid = await session.decisionGrid(100);
    expect(grid?.classes.length).toBe(10_000);
    expect(new Set(grid?.classes)).toEqual(new Set([0, 1, 2]));
    expect(grid?.confidence.every((p) => p >= 1 / 3 - 1e-6 && p <= 1)).toBe(true);
    session.destroy();
    session = await TrainingSession.create(
      changed(DEFAULT_EXPERIMENT, (e) => (e.data = { source: 'iris' })),
      cpu,
      files,
    );
    expect(await session.decisionGrid(100)).toBeNull();
  });
});

describe('TrainingSession (NT-Xent)', () => {
  it('measures the probe batches, and a lower temperature, taken live, changes the loss of the same embeddings', async () => {
    session = await TrainingSession.create(contrastive, cpu, files);
    session.advance(100);
    const warm = await session.snapshot();
    if (warm.mode !== 'nt-xent') throw new Error('expected a contrastive snapshot');
    expect(warm.rows).toBe(64);
    expect(warm.similarity.length).toBe(64 * 64);
    expect(warm.scatter.length).toBe(2 * session.data.validation.n);
    expect(warm.stats.positiveSimilarity).toBeGreaterThan(warm.stats.negativeSimilarity);
    const plan = session.update(
      changed(contrastive, (e) => {
        if (e.loss.mode === 'nt-xent') e.loss.temperature = 0.1;
      }),
    );
    expect(plan).toEqual({ kind: 'live', changed: ['temperature'] });
    expect(session.lossSettings.temperature).toBe(0.1);
    const cold = await session.snapshot();
    if (cold.mode !== 'nt-xent') throw new Error('expected a contrastive snapshot');
    expect(cold.step).toBe(100);
    expect(cold.trainLoss).not.toBe(warm.trainLoss);
    expect(await session.probeAccuracy()).toBeGreaterThan(0.5); // 3 arms: chance is 1/3
  });
});
