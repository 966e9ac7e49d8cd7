// The row variant's fast path (index targets with and without label smoothing, and probability
// targets): ordinary rows in a kernel with no per-entry branch, every other row deferred to the
// general kernel by an indirect dispatch. Rows of
// every IEEE kind, mixed in one call, must give the float64 reference's results, and exactly the
// rows that are not ordinary (a logit that is ±inf, NaN or of magnitude ≥ 2^126) are deferred.
// C ≤ 32 runs the straight-line kernel (unrolled_rows.ts), scalar or vec4; larger C the loops,
// whose blocks of 16 classes, quads and partial last quad each get a shape here.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateCrossEntropy } from '../src/core/validate';
import { createCpuEngine } from '../src/engine/cpuEngine';
import type { CrossEntropyArgs, Reduction } from '../src/engine/types';
import { createStorageBuffer, readBack } from '../src/gpu/buffers';
import { CrossEntropy } from '../src/gpu/kernels/cross_entropy';
import { UNROLLED_MAX_CLASSES, unrolledRowSource } from '../src/gpu/kernels/unrolled_rows';
import { testDevice } from './setup/gpu';
import { WEBGPU_MISSING } from './support/backends';
import { expectClose } from './support/compare';
import { REDUCTIONS, seededRandom } from './support/random';

// As cross_entropy.gpu.test.ts (the reasons are there).
const LOSS_TOL = { atol: 1e-5, rtol: 1e-5 };
const GRAD_TOL = { atol: 2e-6, rtol: 1e-5 };

const ORDINARY_LIMIT = 2 ** 126;

/** Row kinds, cycled over the rows; `ordinary` ones stay on the fast path. */
const KINDS = ['ordinary', 'masked', 'target -inf', 'NaN', '+inf', 'all -inf', 'huge', 'just ordinary', 'ignored NaN', 'ignored'] as const;

function specialCase(seed: number, n: number, c: number, reduction: Reduction, weighted: boolean, labelSmoothing = 0): CrossEntropyArgs {
  const random = seededRandom(seed);
  const logits = Float32Array.from({ length: n * c }, () => 3 * (random.next() - 0.5));
  const target = Int32Array.from({ length: n }, () => random.int(c));
  for (let i = 0; i < n; i++) {
    const row = logits.subarray(i * c, (i + 1) * c);
    const other = (target[i] + 1) % c; // a non-target class, or the target itself when C = 1
    switch (KINDS[i % KINDS.length]) {
      case 'masked':
        if (other !== target[i]) row[other] = -Infinity;
        break;
      case 'target -inf':
        row[target[i]] = -Infinity;
        break;
      case 'NaN':
        row[other] = Number.NaN;
        break;
      case '+inf':
        row[other] = Infinity;
        break;
      case 'all -inf':
        row.fill(-Infinity);
        break;
      case 'huge': // x − max overflows f32 for the other class (p = 0); the target is the max, so its
        // −log p stays finite (a zero weight times an overflowed −log p is NaN in f32, 0 in float64)
        row[other] = -3e38;
        row[target[i]] = 3e38;
        break;
      case 'just ordinary': // the largest magnitude the fast path takes: differences still finite
        row[other] = 0.99 * ORDINARY_LIMIT;
        row[target[i]] = -0.99 * ORDINARY_LIMIT;
        break;
      case 'ignored NaN':
        row[other] = Number.NaN;
        target[i] = -100;
        break;
      case 'ignored':
        target[i] = -100;
        break;
    }
  }
  // Some zero weights: a zero-weight target with an infinite −log p is NaN, as in PyTorch.
  const weight = weighted ? Float32Array.from({ length: c }, (_, j) => (j % 3 === 1 ? 0 : 0.5 + random.next())) : undefined;
  return { logits, target, n, c, weight, labelSmoothing, reduction };
}

/**
 * The same rows with probability targets: random rows, not all summing to 1, with zeros; a zero
 * on each masked (−inf) class in every other row, where PyTorch's −inf·0 makes the loss NaN.
 */
function probsCase(seed: number, n: number, c: number, reduction: Reduction, weighted: boolean, labelSmoothing: number): CrossEntropyArgs {
  const rows = specialCase(seed, n, c, reduction, weighted, labelSmoothing);
  const random = seededRandom(seed + 1);
  const target = Float32Array.from({ length: n * c }, () => (random.next() < 0.2 ? 0 : random.next()));
  for (let i = 0; i < n; i++) {
    if (i % 2 === 1) continue;
    for (let j = 0; j < c; j++) if (rows.logits[i * c + j] === -Infinity) target[i * c + j] = 0;
  }
  return { ...rows, target, ignoreIndex: -100 };
}

/** Rows the fast path must defer: any logit not finite or of magnitude ≥ 2^126. */
function deferredCount(args: CrossEntropyArgs): number {
  let count = 0;
  for (let i = 0; i < args.n; i++) {
    const row = args.logits.subarray(i * args.c, (i + 1) * args.c);
    if (row.some((x) => !(Math.abs(x) < ORDINARY_LIMIT))) count++;
  }
  return count;
}

describe('the straight-line fast path', () => {
  it('is written for 1 ≤ C ≤ 32 and refuses other C by name', () => {
    expect(unrolledRowSource('cross_entropy', 10)).toContain('let x9 = logits[base + 9u];');
    expect(unrolledRowSource('cross_entropy_smoothed', 8)).toContain('let w1 = weight_vec4[1u];');
    expect(unrolledRowSource('log_softmax', 12)).toContain('output_vec4[base + 2u] = (v2 - m) - log_total;');
    for (const bad of [0, 33, 2.5])
      expect(() => unrolledRowSource('cross_entropy', bad)).toThrow(/^classes: must be an integer in \[1, 32\]/);
  });
});

describe.skipIf(WEBGPU_MISSING)('CrossEntropy fast path', () => {
  let device: GPUDevice;
  beforeAll(async () => {
    device = await testDevice();
  });
  afterAll(() => device.destroy());
  const reference = createCpuEngine();

  /** One kernel over `calls` (same shape), encoded and read back one after another. */
  async function runCalls(calls: CrossEntropyArgs[]) {
    const first = validateCrossEntropy(calls[0]);
    const { n, c, targetKind } = first;
    const buffers = {
      logits: createStorageBuffer(device, 'test.logits', n * c * 4),
      target: createStorageBuffer(device, 'test.target', (targetKind === 'index' ? n : n * c) * 4),
      weight: createStorageBuffer(device, 'test.weight', c * 4),
      rowLoss: createStorageBuffer(device, 'test.rowLoss', n * 4),
      grad: createStorageBuffer(device, 'test.grad', n * c * 4),
      loss: createStorageBuffer(device, 'test.loss', 4),
    };
    const kernel = new CrossEntropy(device, { rows: n, classes: c, targetKind }, buffers, first, 'test.CrossEntropy', 'row');
    const results = [];
    for (const args of calls) {
      const call = validateCrossEntropy(args);
      device.queue.writeBuffer(buffers.logits, 0, call.logits);
      device.queue.writeBuffer(buffers.target, 0, call.target);
      device.queue.writeBuffer(buffers.weight, 0, call.weight ?? new Float32Array(c).fill(1));
      kernel.setOptions(call);
      const encoder = device.createCommandEncoder({ label: 'test.encoder' });
      const pass = encoder.beginComputePass({ label: 'test.pass' });
      kernel.encode(pass);
      pass.end();
      const loss = call.reduction === 'none' ? { source: buffers.rowLoss, length: n } : { source: buffers.loss, length: 1 };
      const [gotLoss, grad, deferred] = await readBack(
        device,
        'test',
        [loss, { source: buffers.grad, length: n * c }, { source: kernel.deferredArgs as GPUBuffer, length: 4 }],
        encoder,
      );
      const [x, y, z, rows] = new Uint32Array(deferred.buffer);
      results.push({ loss: gotLoss, grad, deferred: { x, y, z, rows } });
    }
    kernel.destroy();
    for (const buffer of Object.values(buffers)) buffer.destroy();
    return results;
  }

  const shapes = [
    { n: 40, c: 10 },
    { n: 30, c: 12 },
    { n: 20, c: 1 },
    { n: 25, c: 3 },
    { n: 20, c: 31 },
    { n: 20, c: UNROLLED_MAX_CLASSES },
    { n: 20, c: 33 },
    { n: 20, c: 37 },
    { n: 20, c: 48 },
    { n: 20, c: 50 },
    { n: 12, c: 1000 },
  ];
  // Label smoothing takes the smoothed fast kernels; ε = 1 leaves only the smoothing term.
  // Probability targets take theirs, with and without smoothing.
  const smoothings = [0, 0.2, 1];
  const cases = shapes.flatMap(({ n, c }, s) =>
    REDUCTIONS.flatMap((reduction, r) =>
      [false, true].flatMap((weighted) => {
        const common = { n, c, reduction, weighted };
        return [
          ...smoothings.map((labelSmoothing, e) => ({
            targets: 'index' as const,
            ...common,
            labelSmoothing,
            seed: 20 * s + 6 * r + 3 * Number(weighted) + e,
          })),
          { targets: 'probs' as const, ...common, labelSmoothing: r === 1 ? 0.3 : 0, seed: 500 + 20 * s + 6 * r + Number(weighted) },
        ];
      }),
    ),
  );
  it.each(cases.map((k) => [JSON.stringify(k), k] as const))(
    'rows of every kind: %s',
    async (_name, { targets, n, c, reduction, weighted, labelSmoothing, seed }) => {
      const args = (targets === 'index' ? specialCase : probsCase)(seed, n, c, reduction, weighted, labelSmoothing);
      const [[got], want] = await Promise.all([runCalls([args]), reference.crossEntropy(args)]);
      expectClose(got.loss, want.loss, LOSS_TOL, 'loss');
      expectClose(got.grad, want.grad, GRAD_TOL, 'grad');
      expect(got.deferred.rows).toBe(deferredCount(args));
      expect(got.deferred.x).toBe(Math.ceil(got.deferred.rows / 64));
      expect([got.deferred.y, got.deferred.z]).toEqual([1, 1]);
    },
  );

  it('defers hundreds of rows (several workgroups) and every row when the gradient scale is not finite', async () => {
    const many = specialCase(7, 1000, 10, 'mean', true);
    expect(deferredCount(many)).toBeGreaterThan(200);
    // 'mean' whose kept targets all weigh 0: the scale 1/0 is NaN, so every row takes the general path.
    const zeroWeights = { ...specialCase(8, 300, 10, 'mean', false), weight: new Float32Array(10) };
    const [[gotMany], [gotZero], wantMany, wantZero] = await Promise.all([
      runCalls([many]),
      runCalls([zeroWeights]),
      reference.crossEntropy(many),
      reference.crossEntropy(zeroWeights),
    ]);
    expectClose(gotMany.grad, wantMany.grad, GRAD_TOL, 'many grad');
    expectClose(gotMany.loss, wantMany.loss, LOSS_TOL, 'many loss');
    expect(gotMany.deferred.rows).toBe(deferredCount(many));
    expectClose(gotZero.grad, wantZero.grad, GRAD_TOL, 'zero-weight grad');
    expectClose(gotZero.loss, wantZero.loss, LOSS_TOL, 'zero-weight loss');
    expect(gotZero.deferred.rows).toBe(300);
  });

  it('empties the deferred list on every call (sum and mean, with and without label smoothing), and follows smoothing on and off', async () => {
    const special = specialCase(11, 64, 10, 'sum', true);
    const ordinary = { ...special, logits: Float32Array.from(special.logits, (x) => (Number.isFinite(x) && Math.abs(x) < 10 ? x : 1)) };
    // 'sum' empties the list in a dispatch of its own, 'mean' in the target-weight dispatch it runs anyway.
    // Smoothing takes the smoothed fast kernel, with the same list.
    const mean = { reduction: 'mean' } as const;
    const smooth = { labelSmoothing: 0.2 };
    const calls = [
      special,
      ordinary,
      { ...ordinary, ...smooth },
      { ...special, ...smooth },
      { ...special, ...mean },
      { ...ordinary, ...mean },
      { ...special, ...mean, ...smooth },
      { ...ordinary, ...mean, ...smooth },
    ];
    const got = await runCalls(calls);
    for (const [i, args] of calls.entries()) {
      const want = await reference.crossEntropy(args);
      expectClose(got[i].loss, want.loss, LOSS_TOL, `call ${i} loss`);
      expectClose(got[i].grad, want.grad, GRAD_TOL, `call ${i} grad`);
    }
    const d = deferredCount(special);
    expect(got.map((r) => r.deferred.rows)).toEqual([d, 0, 0, d, d, 0, d, 0]);
  });
});
