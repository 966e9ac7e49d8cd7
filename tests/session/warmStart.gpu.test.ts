// The page's loop on the real WebGPU engine (Dawn): the run steps on the CPU reference while the GPU
// warms up, then on WebGPU, and the run goes on as one (steps, curve); a reset or a dataset change
// during the warm-up leaves exactly one live trainer.
import { afterEach, describe, expect, it } from 'vitest';
import { createEngine } from '../../src/engine/createEngine';
import { DEFAULT_EXPERIMENT } from '../../src/engine/experiment/defaults';
import { parseExperiment } from '../../src/engine/experiment/schema';
import { TrainingLoop } from '../../src/engine/session/trainingLoop';
import { WarmStartTrainer } from '../../src/engine/train/warmStartTrainer';
import type { Engine } from '../../src/engine/types';
import { gpuEngine } from '../setup/gpu';
import { WEBGPU_MISSING } from '../support/backends';
import { deferred, FakeFrames, recordingListener } from '../support/fakeFrames';
import { readPublicFile } from '../support/publicFiles';

const EXPERIMENT = parseExperiment({ ...structuredClone(DEFAULT_EXPERIMENT), model: { ...DEFAULT_EXPERIMENT.model, hidden: [8] } });

let loop: TrainingLoop | null = null;
let engine: Engine | null = null;
afterEach(() => {
  loop?.stop();
  engine?.destroy();
});

/** The WebGPU engine, with every warm-start trainer it makes kept for the test to inspect. */
async function countingEngine() {
  const real = await gpuEngine();
  engine = real;
  const made: WarmStartTrainer[] = [];
  const counted: Engine = {
    ...real,
    createWarmStartTrainer: (setup, rows) => {
      const trainer = (real.createWarmStartTrainer as NonNullable<Engine['createWarmStartTrainer']>)(setup, rows) as WarmStartTrainer;
      made.push(trainer);
      return trainer;
    },
  };
  return { engine: counted, made };
}

/** Frames until `done`, with real time between them: Dawn's reads resolve in real time, not on the fake clock. */
async function framesUntil(frames: FakeFrames, done: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 200 && !done(); i++) {
    await frames.frames(5);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  if (!done()) throw new Error(`timed out waiting for ${what}`);
}

async function startLoop(e: Engine, replaceEngine: () => Promise<Engine> = async () => e) {
  const frames = new FakeFrames();
  const { record, listener } = recordingListener();
  loop = new TrainingLoop({ scheduler: frames, files: { fetchBytes: readPublicFile }, listener, replaceEngine });
  await loop.start(e, EXPERIMENT);
  return { loop, frames, record };
}

describe.skipIf(WEBGPU_MISSING)('TrainingLoop with a warm start on WebGPU', () => {
  it('steps on the CPU first, then on WebGPU, with the step count and the curve going on', async () => {
    const { engine: e, made } = await countingEngine();
    const { loop, frames, record } = await startLoop(e);
    expect(loop.run.stepping).toBe('cpu-warmup');
    loop.play();
    await frames.frames(5);
    const onCpu = loop.run.step;
    expect(onCpu).toBeGreaterThan(0);
    await made[0].warmedUp;
    await framesUntil(frames, () => loop.run.history.some((p) => p.step > onCpu + 20), 'measurements after the handoff');
    expect(loop.run.stepping).toBe('webgpu');
    expect(loop.run.step).toBeGreaterThan(onCpu);
    const stepping = record.patches.flatMap((p) => (p.stepping === undefined ? [] : [p.stepping]));
    expect(stepping.filter((s) => s !== null)).toEqual(['cpu-warmup', 'webgpu']);
    // One curve: its steps rise across the handoff, and its losses stay finite.
    const steps = loop.run.history.map((p) => p.step);
    expect(steps).toEqual([...steps].sort((a, b) => a - b));
    expect(new Set(steps).size).toBe(steps.length);
    expect(steps.some((s) => s <= onCpu)).toBe(true);
    expect(steps.some((s) => s > onCpu)).toBe(true);
    expect(loop.run.history.every((p) => Number.isFinite(p.trainLoss))).toBe(true);
    expect(record.notices).toEqual([]);
  });

  it('paused at step 0, the decision grid the first measurement left out comes without a step', async () => {
    const { engine: e } = await countingEngine();
    const { loop, frames } = await startLoop(e);
    loop.pause(); // as a restart while paused leaves it (a dataset changed), not the opening preview
    expect(loop.run.stepping).toBe('cpu-warmup');
    expect(loop.run.snapshot?.step).toBe(0);
    expect(loop.run.grid).toBeNull(); // left out, so that the first step comes sooner
    await framesUntil(frames, () => loop.run.grid !== null, 'the grid at step 0');
    expect(loop.run.step).toBe(0);
    expect(loop.run.snapshot?.step).toBe(0);
  });

  it('a reset and a dataset change during the warm-up leave one live trainer, which takes over', async () => {
    const { engine: e, made } = await countingEngine();
    const { loop, frames } = await startLoop(e);
    loop.play();
    await frames.frames(2);
    await loop.reset();
    await loop.replace(parseExperiment({ ...structuredClone(EXPERIMENT), data: { ...EXPERIMENT.data, noise: 0.1 } }), 'new data');
    await frames.frames(2);
    await Promise.all(made.map((t) => t.warmedUp));
    loop.play();
    await framesUntil(frames, () => loop.run.stepping === 'webgpu', 'the handoff');
    expect(made.length).toBe(3);
    expect(made.map((t) => t.isDestroyed)).toEqual([true, true, false]);
    // The abandoned ones never took over; the live one did.
    expect(made.map((t) => t.stepping)).toEqual(['cpu-warmup', 'cpu-warmup', 'webgpu']);
    expect(loop.run.stepping).toBe('webgpu');
  });
});

describe('TrainingLoop when the warm start cannot reach the GPU', () => {
  /** A CPU engine whose warm start's GPU trainer fails to build; `lost` as given. */
  async function failingEngine(lost: Promise<string>) {
    const cpu = await createEngine({ backend: 'cpu' });
    const e: Engine = {
      ...cpu,
      lost,
      createWarmStartTrainer: (setup) =>
        new WarmStartTrainer(setup, async () => {
          throw new Error('createComputePipelineAsync: the device is lost');
        }),
    };
    return e;
  }

  const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

  it('continues on the CPU, says so in the status, and gives one notice', async () => {
    const { loop, frames, record } = await startLoop(await failingEngine(new Promise<string>(() => {})));
    loop.play();
    await frames.frames(5);
    await wait(400); // past the loop's wait to learn whether the device was lost (250 ms)
    expect(loop.run.stepping).toBe('cpu');
    expect(record.notices).toEqual(['The GPU trainer could not start; this run continues on the CPU reference.']);
    const step = loop.run.step;
    await frames.frames(5);
    expect(loop.run.step).toBeGreaterThan(step);
  });

  it('says nothing of its own when the device was lost (the loss notice explains it)', async () => {
    const lost = deferred<string>();
    const { loop, frames, record } = await startLoop(await failingEngine(lost.promise), () => createEngine({ backend: 'cpu' }));
    loop.play();
    await frames.frames(1);
    lost.resolve('lost for the test');
    await frames.frames(5);
    await wait(400);
    await frames.frames(5);
    expect(record.notices.filter((n) => n.includes('could not start'))).toEqual([]);
    expect(record.engines.length).toBe(1); // the loop moved to a new engine, as on any loss
    expect(loop.run.stepping).toBeNull(); // the CPU engine's trainer has one backend
  });
});
