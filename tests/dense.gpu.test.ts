// The WGSL dense layer against the float64 reference: randomized shapes, every activation, forward
// and backward; parameters packed into shared buffers; short batches; determinism; the f32 erf.
// (The reference itself is checked against PyTorch in dense.torch.test.ts.)
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import source from '../shaders/dense.wgsl?raw';
import { ArgumentError } from '../src';
import { ACTIVATIONS, type Activation, type DenseShape } from '../src/core/types';
import { normalArray, seededRandom } from '../src/engine/random';
import { createStorageBuffer, type Readback, readBack, uploadBuffer } from '../src/gpu/buffers';
import { DENSE_VARIANTS, Dense, type DenseBuffers, denseVariantFor, denseWorkgroupSize } from '../src/gpu/kernels/dense';
import { bindGroup, computePipeline } from '../src/gpu/pipelines';
import { denseBackward, denseForward, erf } from '../src/reference/dense';
import { testDevice } from './setup/gpu';
import { WEBGPU_MISSING } from './support/backends';
import { expectClose, type Tolerance } from './support/compare';

const U = 2 ** -24; // f32 unit roundoff
const maxAbs = (values: ArrayLike<number>) => Array.from(values).reduce((m, v) => Math.max(m, Math.abs(v)), 0);
// An f32 sum of n terms rounds n times, each time by ≤ u of a partial sum, and the partial sums of
// these zero-mean terms stay within about max|result|: |error| ≤ n·u·max|expected| (observed 15–35×
// below that). tanh, exp and our erf add ≤ 2 ulp of 1 (measured), covered by 8u more.
function sumTolerance(n: number, scale: ArrayLike<number>): Tolerance {
  return { atol: (n + 8) * U * maxAbs(scale), rtol: 8 * U };
}

// erf_f32 from dense.wgsl, exposed to the test by an entry point appended to the module.
const ERF_PROBE = `
@group(0) @binding(20) var<storage, read> erf_input: array<f32>;
@group(0) @binding(21) var<storage, read_write> erf_output: array<f32>;
@compute @workgroup_size(64)
fn erf_probe(@builtin(global_invocation_id) gid: vec3u) { erf_output[gid.x] = erf_f32(erf_input[gid.x]); }
`;

interface LayerData {
  x: Float32Array;
  weight: Float32Array;
  bias: Float32Array;
  dy: Float32Array;
}

/** x and dy standard normal; weight and bias from nn.Linear's default init, U(−1/√I, 1/√I). */
function layerData(seed: number, { batch, inputs, outputs }: DenseShape): LayerData {
  const random = seededRandom(seed);
  const bound = 1 / Math.sqrt(inputs);
  const uniform = (length: number) => Float32Array.from({ length }, () => (2 * random.next() - 1) * bound);
  return {
    x: normalArray(random, batch * inputs),
    weight: uniform(outputs * inputs),
    bias: uniform(outputs),
    dy: normalArray(random, batch * outputs),
  };
}

type LayerBuffers = { [K in keyof Required<DenseBuffers>]: GPUBuffer };
type LayerResults = Record<'z' | 'y' | 'dweight' | 'dbias', Float32Array> & { dx?: Float32Array };

function expectMatchesReference(got: LayerResults, data: LayerData, shape: DenseShape): void {
  const { batch, inputs, outputs } = shape;
  const want = denseForward(data.x, data.weight, data.bias, shape);
  expectClose(got.z, want.z, sumTolerance(inputs + 1, want.z), 'z');
  expectClose(got.y, want.y, sumTolerance(inputs + 1, want.z), 'y'); // z's error through |act'| ≤ 1.13
  // The backward from the GPU's own z, so that a z within rounding of ReLU's kink takes the same side.
  const grads = denseBackward(data.dy, data.x, data.weight, got.z, shape);
  expectClose(got.dweight, grads.dweight, sumTolerance(batch, grads.dweight), 'dweight');
  expectClose(got.dbias, grads.dbias, sumTolerance(batch, grads.dbias), 'dbias');
  if (got.dx) expectClose(got.dx, grads.dx, sumTolerance(outputs, grads.dx), 'dx');
}

describe.skipIf(WEBGPU_MISSING)('dense: WebGPU equals the float64 reference', () => {
  let device: GPUDevice;
  beforeAll(async () => {
    device = await testDevice();
  });
  afterAll(() => device.destroy());

  function upload(data: LayerData, shape: DenseShape): LayerBuffers {
    const { batch, inputs, outputs } = shape;
    return {
      input: uploadBuffer(device, 'test.x', data.x),
      weight: uploadBuffer(device, 'test.weight', data.weight),
      bias: uploadBuffer(device, 'test.bias', data.bias),
      output: createStorageBuffer(device, 'test.y', batch * outputs * 4),
      gradOutput: uploadBuffer(device, 'test.dy', data.dy),
      gradWeight: createStorageBuffer(device, 'test.dweight', outputs * inputs * 4),
      gradBias: createStorageBuffer(device, 'test.dbias', outputs * 4),
      gradInput: createStorageBuffer(device, 'test.dx', batch * inputs * 4),
    };
  }

  /** One forward + backward step, then a read-back of `sources`. */
  function step(dense: Dense, sources: Readback[]): Promise<Float32Array[]> {
    const encoder = device.createCommandEncoder({ label: 'test.encoder' });
    const pass = encoder.beginComputePass({ label: 'test.pass' });
    dense.encodeForward(pass);
    dense.encodeBackward(pass);
    pass.end();
    return readBack(device, 'test', sources, encoder);
  }

  async function stepAndReadAll(dense: Dense, buffers: LayerBuffers): Promise<Required<LayerResults>> {
    const { batch, inputs, outputs } = dense.shape;
    const [z, y, dweight, dbias, dx] = await step(dense, [
      { source: dense.preActivation, length: batch * outputs },
      { source: buffers.output, length: batch * outputs },
      { source: buffers.gradWeight, length: outputs * inputs },
      { source: buffers.gradBias, length: outputs },
      { source: buffers.gradInput, length: batch * inputs },
    ]);
    return { z, y, dweight, dbias, dx };
  }

  const SHAPES = [
    [1, 1, 1],
    [37, 13, 7], // none a multiple of the 8×8 tile or its 4×4 blocks
    [1, 20, 12],
    [9, 6, 1],
    [3, 1, 9],
    [37, 12, 20], // the *_vec4 entry points (I, O multiples of 4), a tile overhanging each edge
    [37, 20, 7], // I alone a multiple of 4: dx reads weight rows as vec4 (*_w_vec4), tiles overhanging
    [5, 4, 4],
    [256, 2, 64], // the MLP's layers
    [256, 64, 64],
    [256, 64, 10],
  ];
  // The 16×16 tiles exist for the vec4 entry points only (I a multiple of 4); [40, 20, 36] overhangs them.
  const TILE16_SHAPES = [...SHAPES.filter(([, inputs]) => inputs % 4 === 0), [40, 20, 36]];
  const cases = DENSE_VARIANTS.flatMap((variant) =>
    (variant === 'tile16' ? TILE16_SHAPES : SHAPES).flatMap(([batch, inputs, outputs], s) =>
      ACTIVATIONS.map((activation, a) => ({ shape: { batch, inputs, outputs, activation }, seed: 10 * s + a, variant })),
    ),
  );
  it.each(cases.map((c) => [`${c.variant} ${JSON.stringify(c.shape)}`, c] as const))('%s', async (_name, { shape, seed, variant }) => {
    const data = layerData(seed, shape);
    const buffers = upload(data, shape);
    const dense = new Dense(device, shape, buffers, 'Dense', {}, variant);
    expectMatchesReference(await stepAndReadAll(dense, buffers), data, shape);
    dense.destroy();
    for (const buffer of Object.values(buffers)) buffer.destroy();
  });

  it.each([
    [256, 64, 64],
    [40, 20, 36],
    [37, 12, 20],
    [37, 20, 7],
    [37, 13, 7],
  ])('gives the same bits on 4×4, 8×8 and 16×16 tiles, in workgroups of 4 and of 64: [%i, %i, %i]', async (batch, inputs, outputs) => {
    const shape: DenseShape = { batch, inputs, outputs, activation: 'gelu' };
    const data = layerData(8, shape);
    const configurations = DENSE_VARIANTS.flatMap((variant) => [4, 64].map((workgroupSize) => [variant, workgroupSize] as const));
    const [first, ...others] = await Promise.all(
      configurations.map(async ([variant, workgroupSize]) => {
        const buffers = upload(data, shape);
        return stepAndReadAll(new Dense(device, shape, buffers, 'Dense', {}, variant, workgroupSize), buffers);
      }),
    );
    for (const [i, other] of others.entries()) {
      for (const key of ['z', 'y', 'dweight', 'dbias', 'dx'] as const)
        expect(other[key], `${configurations[i + 1]} ${key}`).toEqual(first[key]);
    }
  });

  it('picks 16×16 tiles in 4-lane workgroups on a CPU adapter (SwiftShader here) and refuses an unknown variant', () => {
    const swiftShader = device.adapterInfo.architecture === 'swiftshader'; // the adapter of every test run here and in CI
    expect(denseVariantFor(device)).toBe(swiftShader ? 'tile16' : 'tile8');
    expect(denseWorkgroupSize(device)).toBe(swiftShader ? 4 : 64);
    const shape: DenseShape = { batch: 4, inputs: 4, outputs: 4, activation: 'relu' };
    const buffers = upload(layerData(9, shape), shape);
    expect(() => new Dense(device, shape, buffers, 'Dense', {}, 'tile32' as never)).toThrow(/variant: must be one of tile4, tile8, tile16/);
  });

  it('reads and writes ranges of shared parameter and gradient buffers (a first layer, no dx)', async () => {
    const shape: DenseShape = { batch: 37, inputs: 13, outputs: 7, activation: 'tanh' };
    const { batch, inputs, outputs } = shape;
    const data = layerData(3, shape);
    // The trainer's packing: each tensor at its own offset, aligned to 256 bytes, none at 0.
    const align = device.limits.minStorageBufferOffsetAlignment;
    const aligned = (bytes: number) => Math.ceil(bytes / align) * align;
    const weightRange = { offset: align, size: outputs * inputs * 4 };
    const biasRange = { offset: aligned(weightRange.offset + weightRange.size), size: outputs * 4 };
    const packedFloats = (biasRange.offset + aligned(biasRange.size)) / 4;
    const params = uploadBuffer(device, 'test.params', new Float32Array(packedFloats));
    device.queue.writeBuffer(params, weightRange.offset, data.weight);
    device.queue.writeBuffer(params, biasRange.offset, data.bias);
    const grads = uploadBuffer(device, 'test.grads', new Float32Array(packedFloats).fill(7)); // 7: untouched
    const layer = upload(data, shape);
    const dense = new Dense(device, shape, {
      ...layer,
      weight: { buffer: params, ...weightRange },
      bias: { buffer: params, ...biasRange },
      gradWeight: { buffer: grads, ...weightRange },
      gradBias: { buffer: grads, ...biasRange },
      gradInput: undefined,
    });
    const [z, y, packed] = await step(dense, [
      { source: dense.preActivation, length: batch * outputs },
      { source: layer.output, length: batch * outputs },
      { source: grads, length: packedFloats },
    ]);
    const floatsOf = ({ offset, size }: { offset: number; size: number }) => [offset / 4, (offset + size) / 4];
    const [weightStart, weightEnd] = floatsOf(weightRange);
    const [biasStart, biasEnd] = floatsOf(biasRange);
    expectMatchesReference({ z, y, dweight: packed.slice(weightStart, weightEnd), dbias: packed.slice(biasStart, biasEnd) }, data, shape);
    const outside = packed.filter((_, k) => !((k >= weightStart && k < weightEnd) || (k >= biasStart && k < biasEnd)));
    expect(outside.every((v) => v === 7)).toBe(true);
  });

  it('runs a short last batch with setBatch, leaving the other rows alone', async () => {
    const shape: DenseShape = { batch: 37, inputs: 13, outputs: 7, activation: 'relu' };
    const { inputs, outputs } = shape;
    const data = layerData(4, shape);
    const buffers = upload(data, shape);
    const dense = new Dense(device, shape, buffers);
    const rows = 10;
    dense.setBatch(rows);
    const short = await stepAndReadAll(dense, buffers);
    const firstRows = (values: Float32Array, width: number) => values.slice(0, rows * width);
    expectMatchesReference(
      { ...short, z: firstRows(short.z, outputs), y: firstRows(short.y, outputs), dx: firstRows(short.dx, inputs) },
      { ...data, x: firstRows(data.x, inputs), dy: firstRows(data.dy, outputs) },
      { ...shape, batch: rows },
    );
    expect(short.y.slice(rows * outputs).every((v) => v === 0)).toBe(true);
    expect(short.dx.slice(rows * inputs).every((v) => v === 0)).toBe(true);
    dense.setBatch(shape.batch);
    expectMatchesReference(await stepAndReadAll(dense, buffers), data, shape);
  });

  it("takes ReLU's derivative at exactly 0 to be 0, as PyTorch does", async () => {
    const shape: DenseShape = { batch: 5, inputs: 3, outputs: 6, activation: 'relu' };
    const data = { ...layerData(5, shape), x: new Float32Array(15), bias: new Float32Array(6) }; // z = 0 exactly
    const buffers = upload(data, shape);
    const got = await stepAndReadAll(new Dense(device, shape, buffers), buffers);
    expect(got.z.every((v) => v === 0)).toBe(true);
    expect(Array.from(got.dbias)).toEqual(new Array(6).fill(0)); // Σ dy if the derivative were 1
    expect(Array.from(got.dx)).toEqual(new Array(15).fill(0));
  });

  it('refuses a bad shape, batch or buffer, naming it', () => {
    const shape: DenseShape = { batch: 4, inputs: 3, outputs: 2, activation: 'gelu' };
    const buffers = upload(layerData(6, shape), shape);
    expect(() => new Dense(device, { ...shape, activation: 'swish' as Activation }, buffers)).toThrow(ArgumentError);
    expect(() => new Dense(device, { ...shape, inputs: 0 }, buffers)).toThrow('shape.inputs: must be an integer ≥ 1, got 0');
    expect(() => new Dense(device, { ...shape, batch: 5 }, buffers)).toThrow('buffers.input: needs 15 float32 (60 bytes), got 48 bytes');
    expect(() => new Dense(device, shape, buffers).setBatch(5)).toThrow('rows: must be an integer in [1, 4]');
  });

  // The f32 result alone rounds by up to 3e-8 near ±1, and exp (of arguments near −2) adds its own
  // few ulp: 9.6e-8 measured on SwiftShader over 2²¹ points in [0.3, 3.3]. 2 ulp of values just under 1:
  it('computes erf in f32 to within 1.2e-7 of the float64 erf', async () => {
    const count = 1 << 18;
    const points = Float32Array.from({ length: count }, (_, k) => -6 + (12 * k) / count);
    points.set([0, 1e-30, -1e-30, 0.921875, Math.fround(0.921875 - 2 ** -24), 4, Math.fround(4 - 2 ** -21)]);
    const pipeline = computePipeline(device, { family: 'dense_erf_probe', source: source + ERF_PROBE, entryPoint: 'erf_probe' });
    const input = uploadBuffer(device, 'test.erfInput', points);
    const output = createStorageBuffer(device, 'test.erfOutput', count * 4);
    const encoder = device.createCommandEncoder({ label: 'test.encoder' });
    const pass = encoder.beginComputePass({ label: 'test.pass' });
    pass.setPipeline(pipeline);
    pass.setBindGroup(0, bindGroup(device, 'test.erfProbe', pipeline, { 20: input, 21: output }));
    pass.dispatchWorkgroups(count / 64);
    pass.end();
    const [got] = await readBack(device, 'test', [{ source: output, length: count }], encoder);
    const worst = got.reduce((m, v, k) => Math.max(m, Math.abs(v - erf(points[k]))), 0);
    expect(worst).toBeLessThan(1.2e-7);
  });

  it('is deterministic: the same step gives the same bits', async () => {
    const shape: DenseShape = { batch: 256, inputs: 64, outputs: 64, activation: 'gelu' };
    const buffers = upload(layerData(7, shape), shape);
    const dense = new Dense(device, shape, buffers);
    const [a, b] = [await stepAndReadAll(dense, buffers), await stepAndReadAll(dense, buffers)];
    for (const key of Object.keys(a) as (keyof typeof a)[]) expect(Array.from(b[key]), key).toEqual(Array.from(a[key]));
  });
});
