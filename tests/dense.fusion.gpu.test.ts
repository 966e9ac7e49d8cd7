// Two stacked dense layers fused (DenseFusion): the upper layer writes the lower layer's dz as it
// stores dx, and the lower layer skips its own dz pass; the upper layer reads the lower one's z as
// act(z), and the lower layer stores no y. The fused stack
// must give the same bits as the unfused one (same f32 operations, one dispatch fewer), the same
// bits on 4×4 tiles as on 8×8 (the engine starts on 4×4), and match the float64 reference.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACTIVATIONS, type Activation } from '../src/core/types';
import { normalArray, seededRandom } from '../src/engine/random';
import { createStorageBuffer, readBack, uploadBuffer } from '../src/gpu/buffers';
import { Dense, type DenseVariant } from '../src/gpu/kernels/dense';
import { ACTIVATION_FUNCTIONS, denseBackward, denseForward } from '../src/reference/dense';
import { testDevice } from './setup/gpu';
import { WEBGPU_MISSING } from './support/backends';
import { expectClose } from './support/compare';

const U = 2 ** -24; // f32 unit roundoff
const maxAbs = (values: ArrayLike<number>) => Array.from(values).reduce((m, v) => Math.max(m, Math.abs(v)), 0);

/** B rows through I → H (activation) → O (linear), the shape of a hidden layer under an output layer. */
interface StackShape {
  batch: number;
  inputs: number;
  hidden: number;
  outputs: number;
  activation: Activation;
}

describe.skipIf(WEBGPU_MISSING)('dense: the fused activation backward of a layer stack', () => {
  let device: GPUDevice;
  beforeAll(async () => {
    device = await testDevice();
  });
  afterAll(() => device.destroy());

  /** Forward and backward through the stack; returns the lower layer's z, dweight, dbias and dz. */
  async function runStack(
    { batch, inputs, hidden, outputs, activation }: StackShape,
    fused: boolean,
    seed: number,
    variant: DenseVariant = 'tile8',
  ) {
    const random = seededRandom(seed);
    const uniform = (length: number, fanIn: number) => Float32Array.from({ length }, () => (2 * random.next() - 1) / Math.sqrt(fanIn));
    const data = {
      x: normalArray(random, batch * inputs),
      w1: uniform(hidden * inputs, inputs),
      b1: uniform(hidden, inputs),
      w2: uniform(outputs * hidden, hidden),
      b2: uniform(outputs, hidden),
      dy: normalArray(random, batch * outputs),
    };
    const storage = (name: string, floats: number) => createStorageBuffer(device, `test.${name}`, floats * 4);
    const lowerShape = { batch, inputs, outputs: hidden, activation };
    const upperShape = { batch, inputs: hidden, outputs, activation: 'linear' } as const;
    const hiddenOut = storage('hidden', batch * hidden);
    const hiddenGrad = storage('hiddenGrad', batch * hidden); // dz when fused, dy when not
    const lowerGrads = { gradWeight: storage('dw1', hidden * inputs), gradBias: storage('db1', hidden) };
    const lower = new Dense(
      device,
      lowerShape,
      {
        input: uploadBuffer(device, 'test.x', data.x),
        weight: uploadBuffer(device, 'test.w1', data.w1),
        bias: uploadBuffer(device, 'test.b1', data.b1),
        output: hiddenOut,
        gradOutput: hiddenGrad,
        ...lowerGrads,
      },
      'test.lower',
      { gradOutputIsPreActivation: fused, skipOutput: fused },
      variant,
    );
    const upperOut = { output: storage('out', batch * outputs), gradWeight: storage('dw2', outputs * hidden) };
    const upper = new Dense(
      device,
      upperShape,
      {
        input: hiddenOut,
        weight: uploadBuffer(device, 'test.w2', data.w2),
        bias: uploadBuffer(device, 'test.b2', data.b2),
        output: upperOut.output,
        gradOutput: uploadBuffer(device, 'test.dy', data.dy),
        gradWeight: upperOut.gradWeight,
        gradBias: storage('db2', outputs),
        gradInput: hiddenGrad,
      },
      'test.upper',
      fused ? { inputActivation: { activation, preActivation: lower.preActivation }, inputFromPreActivation: true } : {},
      variant,
    );

    const encoder = device.createCommandEncoder({ label: 'test.encoder' });
    const pass = encoder.beginComputePass({ label: 'test.pass' });
    lower.encodeForward(pass);
    upper.encodeForward(pass);
    upper.encodeBackward(pass);
    lower.encodeBackward(pass);
    pass.end();
    const [z1, dweight, dbias, hiddenGradient, out, upperDweight] = await readBack(
      device,
      'test',
      [
        { source: lower.preActivation, length: batch * hidden },
        { source: lowerGrads.gradWeight, length: hidden * inputs },
        { source: lowerGrads.gradBias, length: hidden },
        { source: hiddenGrad, length: batch * hidden },
        { source: upperOut.output, length: batch * outputs },
        { source: upperOut.gradWeight, length: outputs * hidden },
      ],
      encoder,
    );
    lower.destroy();
    upper.destroy();
    return { data, z1, dweight, dbias, hiddenGradient, out, upperDweight };
  }

  const SHAPES: Omit<StackShape, 'activation'>[] = [
    { batch: 37, inputs: 13, hidden: 7, outputs: 5 }, // no dimension a multiple of 4 or 8
    { batch: 3, inputs: 1, hidden: 9, outputs: 2 },
    { batch: 37, inputs: 6, hidden: 12, outputs: 8 }, // the upper layer's dx on its vec4 path
    { batch: 37, inputs: 6, hidden: 12, outputs: 5 }, // its dx on the *_w_vec4 path (O not a multiple of 4)
    { batch: 256, inputs: 64, hidden: 64, outputs: 10 },
  ];
  const cases = SHAPES.flatMap((shape, s) => ACTIVATIONS.map((activation, a) => ({ ...shape, activation, seed: 10 * s + a })));

  it.each(cases.map((c) => [JSON.stringify(c), c] as const))('%s', async (_name, { seed, ...shape }) => {
    const fused = await runStack(shape, true, seed);
    const unfused = await runStack(shape, false, seed);
    // Same operations in the same order: identical bits, dz included, only one pass fewer.
    expect(Array.from(fused.z1)).toEqual(Array.from(unfused.z1));
    expect(Array.from(fused.dweight)).toEqual(Array.from(unfused.dweight));
    expect(Array.from(fused.dbias)).toEqual(Array.from(unfused.dbias));
    // act(z1) recomputed as the upper layer reads it equals the y the lower layer stored unfused.
    expect(Array.from(fused.out)).toEqual(Array.from(unfused.out));
    expect(Array.from(fused.upperDweight)).toEqual(Array.from(unfused.upperDweight));
    // The fused stack on 4×4 tiles: each element sums the same products in the same order.
    const tile4 = await runStack(shape, true, seed, 'tile4');
    for (const key of ['z1', 'dweight', 'dbias', 'hiddenGradient', 'out', 'upperDweight'] as const) {
      expect(Array.from(tile4[key]), `4×4 ${key}`).toEqual(Array.from(fused[key]));
    }

    // The fused dz against float64: dz = (dy W2) ⊙ act'(z1), from the GPU's own z1 (as in dense.gpu.test.ts).
    const { batch, inputs, hidden, outputs, activation } = shape;
    const { data, z1 } = fused;
    const y1 = denseForward(data.x, data.w1, data.b1, { batch, inputs, outputs: hidden, activation }).y;
    const upper = denseBackward(data.dy, y1, data.w2, new Float64Array(batch * outputs), {
      batch,
      inputs: hidden,
      outputs,
      activation: 'linear',
    });
    const { derivative } = ACTIVATION_FUNCTIONS[activation];
    const dz = upper.dx.map((g, k) => g * derivative(z1[k]));
    // dx sums O terms (dense.gpu.test.ts's bound, (n + 8)·u·max|dx|); act' ≤ 1.13 scales it.
    expectClose(fused.hiddenGradient, dz, { atol: 1.13 * (outputs + 8) * U * maxAbs(upper.dx), rtol: 8 * U }, 'dz');
  });
});
