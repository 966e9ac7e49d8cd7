// The warm start: steps on the CPU reference until the GPU trainer is ready, then the GPU takes over
// with the parameters, the optimizer state and the settings in force, so that the run equals one
// taken on the float64 reference throughout (up to the GPU's f32 rounding).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OptimizerConfig, OptimizerState } from '../../src/core/optimizerConfig';
import { initialParameters } from '../../src/engine/model/init';
import { type MlpConfig, mlpLayout } from '../../src/engine/model/layout';
import { CpuMlp } from '../../src/engine/train/cpuMlp';
import { GpuMlp, TrainerDestroyedError } from '../../src/engine/train/gpuMlp';
import type { MlpTrainingSetup } from '../../src/engine/train/types';
import { type HandoffTarget, setupStepMacs, WARM_START_STEP_MACS, WarmStartTrainer } from '../../src/engine/train/warmStartTrainer';
import { gpuEngine, testDevice } from '../setup/gpu';
import { WEBGPU_MISSING } from '../support/backends';
import { expectClose } from '../support/compare';
import { seededRandom } from '../support/random';

const CONFIG: MlpConfig = { inputs: 2, hidden: [16, 12], classes: 3, activation: 'relu' };
const BATCH = 24;

function setupFor(optimizer: OptimizerConfig): MlpTrainingSetup {
  const layout = mlpLayout(CONFIG);
  return {
    layout,
    batch: BATCH,
    targetKind: 'index',
    initialParameters: initialParameters(layout, 'kaiming', 3),
    optimizer,
    loss: { labelSmoothing: 0.1, reduction: 'mean', ignoreIndex: -100 },
  };
}

function batches(count: number) {
  const random = seededRandom(5);
  return Array.from({ length: count }, () => ({
    x: Float32Array.from({ length: BATCH * CONFIG.inputs }, () => random.normal()),
    y: Int32Array.from({ length: BATCH }, () => random.int(CONFIG.classes)),
  }));
}

// 3 CPU steps in float64, then 3 on the GPU in f32 from the rounded state: the GPU's own rounding
// over 3 steps (≤ 1.2e-7 per step, tests/train/mlp.test.ts) plus the one rounding of the handoff; 10× headroom.
// An optimizer state that restarted at the handoff misses by ~1e-3 (Adam's t = 1 step is lr-sized).
const PARAMS_TOL = { atol: 1e-6, rtol: 1e-5 };

const OPTIMIZERS: [string, OptimizerConfig][] = [
  ['Adam', { kind: 'adam', lr: 0.01 }],
  ['SGD with momentum', { kind: 'sgd', lr: 0.1, momentum: 0.9 }],
];

describe.skipIf(WEBGPU_MISSING)('WarmStartTrainer hands the run from the CPU to the GPU', () => {
  let device: GPUDevice;
  beforeAll(async () => {
    device = await testDevice();
  });
  afterAll(() => device.destroy());

  it.each(OPTIMIZERS)('%s: 3 CPU steps, the handoff, 3 GPU steps equal 6 steps of the reference', async (_name, optimizer) => {
    const setup = setupFor(optimizer);
    const warm = new WarmStartTrainer(setup, async () => new GpuMlp(device, setup, 'warm'));
    const reference = new CpuMlp(setup);
    const data = batches(6);
    expect(warm.stepping).toBe('cpu-warmup');
    for (const { x, y } of data.slice(0, 3)) {
      warm.step(x, y);
      reference.step(x, y);
    }
    await warm.warmedUp;
    expect(warm.stepping).toBe('cpu-warmup'); // the GPU takes over at the next step, not between reads
    expect(await warm.parameters()).toEqual(await reference.parameters());
    for (const { x, y } of data.slice(3)) {
      warm.step(x, y);
      reference.step(x, y);
    }
    expect(warm.stepping).toBe('webgpu');
    expectClose(await warm.parameters(), await reference.parameters(), PARAMS_TOL, 'parameters after the handoff');
    expect(await warm.lastLoss()).toBeCloseTo(await reference.lastLoss(), 5);
    await warm.destroy();
  });

  it('the GPU gets exactly the CPU trainer parameters and optimizer state, and the settings changed during the warm-up', async () => {
    const setup = setupFor({ kind: 'adam', lr: 0.01 });
    const loaded: { parameters?: Float32Array; state?: OptimizerState; optimizer?: OptimizerConfig; rows?: number } = {};
    let gpu: GpuMlp | null = null;
    const warm = new WarmStartTrainer(setup, async () => {
      gpu = new GpuMlp(device, setup, 'recorded');
      const target = gpu as HandoffTarget;
      return Object.assign(Object.create(target) as HandoffTarget, {
        loadParameters: (p: Float32Array) => {
          loaded.parameters = Float32Array.from(p);
          target.loadParameters(p);
        },
        loadOptimizerState: (s: OptimizerState) => {
          loaded.state = s;
          target.loadOptimizerState(s);
        },
        setOptimizer: (o: OptimizerConfig) => {
          loaded.optimizer = o;
          target.setOptimizer(o);
        },
        setBatchSize: (rows: number) => {
          loaded.rows = rows;
          target.setBatchSize(rows);
        },
        destroy: () => target.destroy(),
      });
    });
    const data = batches(3);
    warm.step(data[0].x, data[0].y);
    warm.setOptimizer({ kind: 'adam', lr: 0.002 });
    warm.setBatchSize(20);
    warm.step(data[1].x.subarray(0, 40), data[1].y.subarray(0, 20));
    const before = await warm.parameters();
    await warm.warmedUp;
    warm.step(data[2].x.subarray(0, 40), data[2].y.subarray(0, 20));
    expect(warm.stepping).toBe('webgpu');
    expect(loaded.parameters).toEqual(before);
    expect(loaded.optimizer).toEqual({ kind: 'adam', lr: 0.002 });
    expect(loaded.rows).toBe(20);
    expect(loaded.state?.kind).toBe('adam');
    expect(loaded.state?.kind === 'adam' && loaded.state.step).toBe(2);
    await warm.destroy();
    expect(() => (gpu as unknown as GpuMlp).step(data[0].x)).toThrow(TrainerDestroyedError);
  });

  it('destroyed during the warm-up: the GPU trainer made afterwards is destroyed and never steps', async () => {
    const setup = setupFor({ kind: 'adam', lr: 0.01 });
    let gpu: GpuMlp | null = null;
    const warm = new WarmStartTrainer(setup, async () => {
      await new Promise((resolve) => setTimeout(resolve, 20));
      gpu = new GpuMlp(device, setup, 'late');
      return gpu;
    });
    const [{ x, y }] = batches(1);
    warm.step(x, y);
    await warm.destroy();
    await warm.warmedUp;
    expect(gpu).not.toBeNull();
    expect(() => (gpu as unknown as GpuMlp).step(x, y)).toThrow(TrainerDestroyedError);
    expect(warm.stepping).toBe('cpu-warmup');
    expect(warm.warmUpError).toBeNull();
  });

  it('a failed warm-up keeps the run on the CPU and says why', async () => {
    const setup = setupFor({ kind: 'sgd', lr: 0.1 });
    const warm = new WarmStartTrainer(setup, async () => {
      throw new Error('pipeline compile failed');
    });
    const reference = new CpuMlp(setup);
    await warm.warmedUp;
    expect(warm.stepping).toBe('cpu');
    expect(warm.warmUpError).toBe('pipeline compile failed');
    for (const { x, y } of batches(2)) {
      warm.step(x, y);
      reference.step(x, y);
    }
    expect(await warm.parameters()).toEqual(await reference.parameters());
  });

  it('the engine warm-starts only a step the CPU takes within a frame, judged by the batch size the run starts with', async () => {
    const engine = await gpuEngine();
    const setup = { ...setupFor({ kind: 'adam', lr: 0.01 }), batch: 1024 }; // capacity 1024, as a session makes it
    const small = 64;
    // 2→16→12→3: 3·(32 + 192 + 36) = 780 multiply-adds per row.
    const large = Math.ceil(WARM_START_STEP_MACS / 780) + 1;
    expect(setupStepMacs(setup, small)).toBe(780 * small);
    expect(setupStepMacs(setup, large)).toBeGreaterThan(WARM_START_STEP_MACS);
    const create = engine.createWarmStartTrainer as NonNullable<typeof engine.createWarmStartTrainer>;
    const warm = create(setup, small);
    const direct = create(setup, large);
    expect(warm).toBeInstanceOf(WarmStartTrainer);
    expect(direct).toBeInstanceOf(GpuMlp);
    await (warm as WarmStartTrainer).warmedUp;
    await warm.destroy();
    await direct.destroy();
    engine.destroy();
  });
});
