// The batched sweep trainer: each run of a sweep equals the same run trained alone by GpuMlp (dense
// layers bit for bit, the loss head within an ulp) and the float64 CpuMlp (within the trainer's
// tolerance); bad setups are refused by name.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countDispatches } from '../../bench/countDispatches';
import { ArgumentError } from '../../src/core/checks';
import { initialParameters } from '../../src/engine/model/init';
import { type MlpConfig, mlpLayout } from '../../src/engine/model/layout';
import { BatchedGpuMlp } from '../../src/engine/sweep/batchedGpuMlp';
import { runSetup } from '../../src/engine/sweep/checkBatchedSetup';
import { type BatchedTrainingSetup, MAX_SWEEP_RUNS, type SweepRunSettings } from '../../src/engine/sweep/types';
import { CpuMlp } from '../../src/engine/train/cpuMlp';
import { GpuMlp, TrainerDestroyedError } from '../../src/engine/train/gpuMlp';
import { testDevice } from '../setup/gpu';
import { WEBGPU_MISSING } from '../support/backends';
import { expectClose } from '../support/compare';
import { probabilityRows, seededRandom } from '../support/random';

// Hidden widths 6 and 5, not multiples of 4: GpuMlp's tiled kernels then load scalars and sum each
// product in the plain kernels' order, the order of the batched ones. (With widths that are multiples
// of 4 they sum four products at a time: another f32 order, a few ulps apart.)
const CONFIG: MlpConfig = { inputs: 2, hidden: [6, 5], classes: 3, activation: 'relu' };
const BATCH = 24;
const STEPS = 4;
const layout = mlpLayout(CONFIG);
const start = initialParameters(layout, 'kaiming', 7);
const base = { labelSmoothing: 0, reduction: 'mean' as const, ignoreIndex: -100 };

/** Six runs differing in lr, optimizer, class weights, smoothing, reduction and start. */
const RUNS: SweepRunSettings[] = [
  { optimizer: { kind: 'adam', lr: 1e-2 }, loss: base },
  { optimizer: { kind: 'adam', lr: 1e-3 }, loss: { ...base, classWeights: Float32Array.from([1, 4, 0.5]) } },
  { optimizer: { kind: 'adamw', lr: 3e-3, weightDecay: 0.05 }, loss: { ...base, labelSmoothing: 0.1 } },
  { optimizer: { kind: 'sgd', lr: 0.1, momentum: 0.9, nesterov: true, weightDecay: 1e-3 }, loss: { ...base, reduction: 'sum' } },
  { optimizer: { kind: 'sgd', lr: 0.3 }, loss: { ...base, classWeights: Float32Array.from([2, 1, 1]), labelSmoothing: 0.2 } },
  {
    optimizer: { kind: 'adam', lr: 1e-2, beta1: 0.8 },
    loss: { ...base, classWeights: Float32Array.from([0.5, 1, 3]), labelSmoothing: 0.05 },
    initialParameters: initialParameters(layout, 'kaiming', 8),
  },
];

const setup: BatchedTrainingSetup = { layout, batch: BATCH, targetKind: 'index', initialParameters: start, runs: RUNS };

function batches(count: number) {
  const random = seededRandom(99);
  return Array.from({ length: count }, () => ({
    x: Float32Array.from({ length: BATCH * CONFIG.inputs }, () => random.normal()),
    y: Int32Array.from({ length: BATCH }, () => (random.next() < 0.1 ? -100 : random.int(CONFIG.classes))),
  }));
}

// As tests/train/mlp.test.ts: f32 rounding carried through a few steps, ≤ ~1 ulp of |θ| < 1; 10× headroom.
const PARAMS_TOL = { atol: 1e-6, rtol: 1e-5 };
// Against GpuMlp the dense layers and the optimizer compute the same bits (see the forward test
// below), but the loss head does not: GpuMlp's fast path forms ∂ℓ/∂x as exp(x − m)·(s·w_y/Σ) − s·w_y,
// the batched head as the general path's s·(p·Σa − a_j), ≤ 1 ulp apart per entry. Four steps carry
// that: measured ≤ 7.2e-7 absolute (run 3, Nesterov SGD on a 'sum' loss), ≤ 6e-8 for the others; 3× headroom.
const GPU_TOL = { atol: 1e-7, rtol: 2e-6 };

describe.skipIf(WEBGPU_MISSING)('BatchedGpuMlp', () => {
  let device: GPUDevice;
  beforeAll(async () => {
    device = await testDevice();
  });
  afterAll(() => device.destroy());

  it('trains each of 6 runs as GpuMlp and CpuMlp train it alone, within the stated tolerances', async () => {
    const sweep = new BatchedGpuMlp(device, setup);
    const singles = RUNS.map((_, run) => new GpuMlp(device, runSetup(setup, run), `single${run}`));
    const references = RUNS.map((_, run) => new CpuMlp(runSetup(setup, run)));
    for (const { x, y } of batches(STEPS)) {
      sweep.step(x, y);
      for (const trainer of [...singles, ...references]) trainer.step(x, y);
    }
    const losses = await sweep.lastLosses();
    for (let run = 0; run < RUNS.length; run++) {
      const parameters = await sweep.parameters(run);
      expectClose(parameters, await singles[run].parameters(), GPU_TOL, `run ${run} against GpuMlp`);
      expectClose([losses[run]], [await singles[run].lastLoss()], { atol: 0, rtol: 1e-6 }, `run ${run} loss against GpuMlp`);
      expectClose(parameters, await references[run].parameters(), PARAMS_TOL, `run ${run} against CpuMlp`);
      // A loss of O(1..30) summed from 24 f32 row losses: 1e-5 relative.
      expectClose([losses[run]], [await references[run].lastLoss()], { atol: 1e-6, rtol: 1e-5 }, `run ${run} loss against CpuMlp`);
    }
    // The runs really differ (a sweep that trained one model six times would pass the above only by luck).
    expect(new Set(Array.from(losses)).size).toBe(RUNS.length);
    const x = batches(1)[0].x;
    const logits = await sweep.predictAll(x, BATCH);
    expect(logits.length).toBe(RUNS.length * BATCH * CONFIG.classes);
    for (let run = 0; run < RUNS.length; run++) {
      const alone = await singles[run].predict(x, BATCH);
      const mine = logits.subarray(run * BATCH * CONFIG.classes, (run + 1) * BATCH * CONFIG.classes);
      expectClose(mine, alone, { atol: 1e-6, rtol: 1e-6 }, `run ${run} logits`);
    }
    await Promise.all([sweep.destroy(), ...singles.map((single) => single.destroy())]);
  });

  it('computes every run’s logits bit for bit as GpuMlp before training (the dense kernels sum in its order)', async () => {
    const sweep = new BatchedGpuMlp(device, setup);
    const x = batches(1)[0].x;
    const logits = await sweep.predictAll(x, BATCH);
    const per = BATCH * CONFIG.classes;
    for (let run = 0; run < RUNS.length; run++) {
      const single = new GpuMlp(device, runSetup(setup, run), `single${run}`);
      expect(logits.subarray(run * per, (run + 1) * per), `run ${run}`).toEqual(await single.predict(x, BATCH));
      await single.destroy();
    }
    await sweep.destroy();
  });

  it('keeps that on vec4 loads (widths that are multiples of 4, GELU)', async () => {
    const wide = mlpLayout({ inputs: 4, hidden: [16, 20], classes: 8, activation: 'gelu' });
    const wideSetup = {
      ...setup,
      layout: wide,
      initialParameters: initialParameters(wide, 'kaiming', 3),
      runs: RUNS.slice(0, 3).map(({ optimizer, loss }) => ({ optimizer, loss: { ...loss, classWeights: undefined } })),
    };
    // 8×8 tiles, GpuMlp's default: 16×16 ones take ~30 s to compile on SwiftShader, and sum in the same order.
    const sweep = new BatchedGpuMlp(device, wideSetup, 'wide');
    const random = seededRandom(5);
    const x = Float32Array.from({ length: BATCH * 4 }, () => random.normal());
    const y = Int32Array.from({ length: BATCH }, () => random.int(8));
    const single = new GpuMlp(device, runSetup(wideSetup, 2), 'wideSingle');
    const per = BATCH * 8;
    expect((await sweep.predictAll(x, BATCH)).subarray(2 * per, 3 * per)).toEqual(await single.predict(x, BATCH));
    sweep.step(x, y);
    single.step(x, y);
    // One step: dense layers bit for bit, the loss head within GPU_TOL.
    expectClose(await sweep.parameters(2), await single.parameters(), GPU_TOL, 'run 2 after a step');
    await Promise.all([sweep.destroy(), single.destroy()]);
  });

  it('records the same 11 dispatches per step for 1, 6 and 64 runs', () => {
    const counts = [1, 6, MAX_SWEEP_RUNS].map((count) => {
      const runs = Array.from({ length: count }, (_, run) => RUNS[run % RUNS.length]);
      const sweep = new BatchedGpuMlp(device, { ...setup, runs }, `count${count}`);
      const dispatches = countDispatches(device, (pass) => sweep.encodeStep(pass));
      sweep.destroy();
      return dispatches;
    });
    // Per layer a forward, a dweight and (above the first) a dx fused with the activation backward
    // of the layer below, as GpuMlp; two for the loss (divisors, rows); one optimizer step: 3·3 + 2.
    expect(counts).toEqual([11, 11, 11]);
  });

  it('trains with probability targets (weights, smoothing, mean and sum) as GpuMlp and CpuMlp', async () => {
    const probs: BatchedTrainingSetup = { ...setup, targetKind: 'probs', runs: [RUNS[1], RUNS[2], RUNS[3]] };
    const sweep = new BatchedGpuMlp(device, probs);
    const singles = probs.runs.map((_, run) => new GpuMlp(device, runSetup(probs, run), `single${run}`));
    const references = probs.runs.map((_, run) => new CpuMlp(runSetup(probs, run)));
    for (const [step, { x }] of batches(STEPS).entries()) {
      const y = probabilityRows(seededRandom(step), BATCH, CONFIG.classes);
      sweep.step(x, y);
      for (const trainer of [...singles, ...references]) trainer.step(x, y);
    }
    const losses = await sweep.lastLosses();
    for (let run = 0; run < probs.runs.length; run++) {
      const parameters = await sweep.parameters(run);
      expectClose(parameters, await singles[run].parameters(), GPU_TOL, `run ${run} against GpuMlp`);
      expectClose(parameters, await references[run].parameters(), PARAMS_TOL, `run ${run} against CpuMlp`);
      expectClose([losses[run]], [await references[run].lastLoss()], { atol: 1e-6, rtol: 1e-5 }, `run ${run} loss against CpuMlp`);
    }
    await Promise.all([sweep.destroy(), ...singles.map((single) => single.destroy())]);
  });

  it('predicts more rows than the batch holds, in chunks, for every run', async () => {
    const sweep = new BatchedGpuMlp(device, { ...setup, runs: RUNS.slice(0, 2) });
    const single = new GpuMlp(device, runSetup(setup, 1), 'single');
    const rows = BATCH * 2 + 5;
    const x = Float32Array.from({ length: rows * CONFIG.inputs }, (_, i) => Math.sin(i));
    const all = await sweep.predictAll(x, rows);
    const per = rows * CONFIG.classes;
    expect(all.subarray(per, 2 * per)).toEqual(await single.predict(x, rows));
    await Promise.all([sweep.destroy(), single.destroy()]);
  });

  it('changes one run’s lr by a buffer write, leaving the others as they were', async () => {
    const two = { ...setup, runs: [RUNS[0], RUNS[0]] };
    const sweep = new BatchedGpuMlp(device, two);
    const faster = new GpuMlp(device, runSetup(two, 1), 'faster');
    const [first, second] = batches(2);
    sweep.step(first.x, first.y);
    faster.step(first.x, first.y);
    sweep.setRunOptimizer(1, { kind: 'adam', lr: 5e-2 });
    faster.setOptimizer({ kind: 'adam', lr: 5e-2 });
    sweep.step(second.x, second.y);
    faster.step(second.x, second.y);
    expectClose(await sweep.parameters(1), await faster.parameters(), GPU_TOL, 'run 1 with its new lr');
    expect(await sweep.parameters(0)).not.toEqual(await sweep.parameters(1));
    await Promise.all([sweep.destroy(), faster.destroy()]);
  });

  it('frees its buffers only after the reads in flight, and refuses calls after destroy()', async () => {
    const sweep = new BatchedGpuMlp(device, { ...setup, runs: RUNS.slice(0, 2) });
    const [{ x, y }] = batches(1);
    sweep.step(x, y);
    const losses = sweep.lastLosses();
    const released = sweep.destroy();
    expect((await losses).length).toBe(2); // the read in flight still completes
    await released;
    expect(() => sweep.step(x, y)).toThrow(TrainerDestroyedError);
    await expect(sweep.parameters(0)).rejects.toThrow(TrainerDestroyedError);
  });

  it('refuses a sweep whose [R, B, O] activations exceed the device, naming the runs that fit', () => {
    const big = mlpLayout({ inputs: 2, hidden: [256], classes: 3, activation: 'relu' });
    const runs = Array.from({ length: 8 }, () => RUNS[0]);
    const bigSetup = { ...setup, layout: big, batch: 32768, initialParameters: initialParameters(big, 'kaiming', 1), runs };
    const limit = device.limits.maxStorageBufferBindingSize;
    const fits = Math.floor(limit / 4 / (32768 * 256)); // the hidden activations, B·O floats a run
    expect(() => new BatchedGpuMlp(device, bigSetup)).toThrow(new RegExp(`^runs: 8 runs need .*activations0.*use ≤ ${fits} runs`));
  });

  it('refuses bad setups by name, before any buffer exists', () => {
    const refusal = (bad: BatchedTrainingSetup) => {
      try {
        new BatchedGpuMlp(device, bad);
      } catch (error) {
        expect(error).toBeInstanceOf(ArgumentError);
        return (error as Error).message;
      }
      throw new Error('accepted');
    };
    expect(refusal({ ...setup, runs: [] })).toMatch(/^runs\.length: .*1.*64/);
    const many = Array.from({ length: MAX_SWEEP_RUNS + 1 }, () => RUNS[0]);
    expect(refusal({ ...setup, runs: many })).toMatch(/^runs\.length: .*1.*64.*got 65/);
    const wrongWeights = [RUNS[0], { ...RUNS[1], loss: { ...base, classWeights: Float32Array.from([1, 2]) } }];
    expect(refusal({ ...setup, runs: wrongWeights })).toMatch(/^runs\[1\]\.loss\.classWeights: .*3/);
    expect(refusal({ ...setup, runs: [{ ...RUNS[0], optimizer: { kind: 'adam', lr: -1 } }] })).toMatch(/^runs\[0\]\.optimizer\.lr: /);
    expect(refusal({ ...setup, objective: 'nt-xent', runs: [{ ...RUNS[0], loss: { ...base, temperature: 0.5 } }], batch: 24 })).toMatch(
      /^objective: .*cross-entropy/,
    );
  });
});
