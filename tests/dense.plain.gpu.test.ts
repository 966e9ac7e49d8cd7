// The plain dense kernels (one output element per invocation, shaders/dense.wgsl) against the tiled
// ones: where the tiles load scalars (I, and for the backward O, not multiples of 4) every element
// sums the same products in the same order, so the bits must agree, a fused layer stack included;
// where the tiles read rows as vec4 they sum in another order, and both must match the float64 reference.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACTIVATIONS, type Activation, type DenseShape } from '../src/core/types';
import { normalArray, seededRandom } from '../src/engine/random';
import { createStorageBuffer, readBack, uploadBuffer } from '../src/gpu/buffers';
import { Dense, type DenseFusion, type DenseKernel } from '../src/gpu/kernels/dense';
import { denseBackward, denseForward } from '../src/reference/dense';
import { testDevice } from './setup/gpu';
import { WEBGPU_MISSING } from './support/backends';
import { expectClose } from './support/compare';

const U = 2 ** -24; // f32 unit roundoff
const maxAbs = (values: ArrayLike<number>) => Array.from(values).reduce((m, v) => Math.max(m, Math.abs(v)), 0);
// As dense.gpu.test.ts: an f32 sum of n zero-mean terms errs by ≤ n·u·max|result|, and the
// activations add ≤ 8u more.
const sumTolerance = (n: number, scale: ArrayLike<number>) => ({ atol: (n + 8) * U * maxAbs(scale), rtol: 8 * U });

describe.skipIf(WEBGPU_MISSING)('dense: the plain kernels agree with the tiled ones', () => {
  let device: GPUDevice;
  beforeAll(async () => {
    device = await testDevice();
  });
  afterAll(() => device.destroy());

  /**
   * x [B, I] → lower (activation) → [B, H] → upper (linear) → [B, O], forward and backward, fused as
   * the trainer fuses a stack or not; every output of both layers, read back.
   */
  async function runStack(
    batch: number,
    inputs: number,
    hidden: number,
    outputs: number,
    activation: Activation,
    fused: boolean,
    kernel: DenseKernel,
  ) {
    const random = seededRandom(batch + inputs + hidden + outputs);
    const uniform = (n: number, fanIn: number) => Float32Array.from({ length: n }, () => (2 * random.next() - 1) / Math.sqrt(fanIn));
    const data = { x: normalArray(random, batch * inputs), w1: uniform(hidden * inputs, inputs), b1: uniform(hidden, inputs) };
    const storage = (name: string, floats: number) => createStorageBuffer(device, `test.${name}`, floats * 4);
    const hiddenOut = storage('hidden', batch * hidden);
    const hiddenGrad = storage('hiddenGrad', batch * hidden);
    const lowerGrads = {
      gradWeight: storage('dw1', hidden * inputs),
      gradBias: storage('db1', hidden),
      gradInput: storage('dx', batch * inputs),
    };
    const lowerFusion: DenseFusion = fused ? { gradOutputIsPreActivation: true, skipOutput: true } : {};
    const lowerShape: DenseShape = { batch, inputs, outputs: hidden, activation };
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
      lowerFusion,
      kernel,
    );
    const upperFusion: DenseFusion = fused
      ? { inputActivation: { activation, preActivation: lower.preActivation }, inputFromPreActivation: true }
      : {};
    const upperOut = {
      output: storage('out', batch * outputs),
      gradWeight: storage('dw2', outputs * hidden),
      gradBias: storage('db2', outputs),
    };
    const upper = new Dense(
      device,
      { batch, inputs: hidden, outputs, activation: 'linear' },
      {
        input: hiddenOut,
        weight: uploadBuffer(device, 'test.w2', uniform(outputs * hidden, hidden)),
        bias: uploadBuffer(device, 'test.b2', uniform(outputs, hidden)),
        gradOutput: uploadBuffer(device, 'test.dy', normalArray(random, batch * outputs)),
        gradInput: hiddenGrad,
        ...upperOut,
      },
      'test.upper',
      upperFusion,
      kernel,
    );
    const encoder = device.createCommandEncoder({ label: 'test.encoder' });
    const pass = encoder.beginComputePass({ label: 'test.pass' });
    lower.encodeForward(pass);
    upper.encodeForward(pass);
    upper.encodeBackward(pass);
    lower.encodeBackward(pass);
    pass.end();
    const [z1, dweight, dbias, dx, hiddenGradient, out, upperDweight, upperDbias] = await readBack(
      device,
      'test',
      [
        { source: lower.preActivation, length: batch * hidden },
        { source: lowerGrads.gradWeight, length: hidden * inputs },
        { source: lowerGrads.gradBias, length: hidden },
        { source: lowerGrads.gradInput, length: batch * inputs },
        { source: hiddenGrad, length: batch * hidden },
        { source: upperOut.output, length: batch * outputs },
        { source: upperOut.gradWeight, length: outputs * hidden },
        { source: upperOut.gradBias, length: outputs },
      ],
      encoder,
    );
    lower.destroy();
    upper.destroy();
    return { data, lowerShape, outputs: { z1, dweight, dbias, dx, hiddenGradient, out, upperDweight, upperDbias } };
  }

  // No I or H a multiple of 4: every tiled product loads scalars. [37, 13, 7, 5] overhangs every tile.
  const SCALAR_SHAPES = [
    [1, 1, 1, 1],
    [37, 13, 7, 5],
    [19, 6, 9, 16],
    [3, 1, 9, 2],
  ];
  const scalarCases = SCALAR_SHAPES.flatMap((shape) =>
    ACTIVATIONS.flatMap((activation) => [false, true].map((fused) => [shape, activation, fused] as const)),
  );
  it.each(scalarCases.map((c) => [`${JSON.stringify(c[0])} ${c[1]}${c[2] ? ' fused' : ''}`, c] as const))(
    'gives the bits of 4×4 and 8×8 tiles: %s',
    async (_name, [[batch, inputs, hidden, outputs], activation, fused]) => {
      const plain = await runStack(batch, inputs, hidden, outputs, activation, fused, 'plain');
      for (const variant of ['tile4', 'tile8'] as const) {
        const tiled = await runStack(batch, inputs, hidden, outputs, activation, fused, variant);
        for (const [key, values] of Object.entries(tiled.outputs)) {
          expect(Array.from(plain.outputs[key as keyof typeof plain.outputs]), `${variant} ${key}`).toEqual(Array.from(values));
        }
      }
    },
  );

  // vec4 rows in every tiled product: another summation order, so the float64 reference judges.
  it.each(ACTIVATIONS)('matches the float64 reference where the tiles read rows as vec4 (256 × 64 → 64 → 12, %s)', async (activation) => {
    const { data, lowerShape, outputs } = await runStack(256, 64, 64, 12, activation, true, 'plain');
    const want = denseForward(data.x, data.w1, data.b1, lowerShape);
    expectClose(outputs.z1, want.z, sumTolerance(lowerShape.inputs + 1, want.z), 'z');
    // The lower layer's backward from the GPU's own dz and z (dense.gpu.test.ts's convention).
    const linear = { ...lowerShape, activation: 'linear' as const };
    const grads = denseBackward(outputs.hiddenGradient, data.x, data.w1, outputs.z1, linear);
    expectClose(outputs.dweight, grads.dweight, sumTolerance(lowerShape.batch, grads.dweight), 'dweight');
    expectClose(outputs.dbias, grads.dbias, sumTolerance(lowerShape.batch, grads.dbias), 'dbias');
    expectClose(outputs.dx, grads.dx, sumTolerance(lowerShape.outputs, grads.dx), 'dx');
  });
});
