// The page's kernel self-check: the same inputs through the active backend and the float64 CPU
// reference, compared with stated tolerances. It proves, in the user's own browser, that the GPU
// numbers are right (and in e2e, that WebGPU works end to end).
import { createCpuEngine } from './cpuEngine';
import { normalArray, seededRandom } from './random';
import type { Engine } from './types';

export interface CheckResult {
  name: string;
  /** Largest |active − reference| over the finite outputs. */
  largestDifference: number;
  /** Every output within ATOL + RTOL·|reference|, and every NaN/±inf where the reference has it. */
  passed: boolean;
}

// f32 kernels against float64 on values of order 1..10 (tests/*.torch.test.ts give the reasons).
export const SELF_CHECK_TOLERANCE = { atol: 1e-4, rtol: 1e-4 };

function compare(actual: Float32Array, expected: Float32Array): { largest: number; passed: boolean } {
  const { atol, rtol } = SELF_CHECK_TOLERANCE;
  let largest = 0;
  let passed = actual.length === expected.length;
  for (let i = 0; i < expected.length; i++) {
    const [a, e] = [actual[i], expected[i]];
    if (!Number.isFinite(a) || !Number.isFinite(e)) {
      passed &&= Object.is(a, e) || (Number.isNaN(a) && Number.isNaN(e));
      continue;
    }
    const difference = Math.abs(a - e);
    largest = Math.max(largest, difference);
    passed &&= difference <= atol + rtol * Math.abs(e);
  }
  return { largest, passed };
}

function check(name: string, pairs: [Float32Array, Float32Array][]): CheckResult {
  const results = pairs.map(([a, e]) => compare(a, e));
  return {
    name,
    largestDifference: results.reduce((largest, r) => Math.max(largest, r.largest), Number.NEGATIVE_INFINITY),
    passed: results.every((r) => r.passed),
  };
}

export async function runSelfCheck(engine: Engine, seed = 7): Promise<CheckResult[]> {
  const reference = createCpuEngine();
  const random = seededRandom(seed);
  const n = 64;
  const c = 10;
  const logits = normalArray(random, n * c, 3);
  logits[3] = -Infinity; // a masked class
  const target = Int32Array.from({ length: n }, (_, i) => (i % 9 === 0 ? -100 : random.int(c)));
  const weight = Float32Array.from({ length: c }, () => 0.25 + 2 * random.next());
  const ceArgs = { logits, n, c, target, weight, labelSmoothing: 0.1, reduction: 'mean' as const };
  const z = normalArray(random, 32 * 16);
  const ntArgs = { z, rows: 32, dim: 16, temperature: 0.2 };

  const [ls, lsRef] = await Promise.all([engine.logSoftmax({ logits, n, c }), reference.logSoftmax({ logits, n, c })]);
  const [ce, ceRef] = await Promise.all([engine.crossEntropy(ceArgs), reference.crossEntropy(ceArgs)]);
  const [nt, ntRef] = await Promise.all([engine.ntXent(ntArgs), reference.ntXent(ntArgs)]);
  return [
    check('log-softmax 64×10', [[ls, lsRef]]),
    check('cross-entropy 64×10 (weights, smoothing, ignored rows, a masked class)', [
      [ce.loss, ceRef.loss],
      [ce.grad, ceRef.grad],
    ]),
    check('NT-Xent 2N=32, D=16, τ=0.2', [
      [nt.loss, ntRef.loss],
      [nt.grad, ntRef.grad],
      [nt.similarity, ntRef.similarity],
    ]),
  ];
}
