// Seeded random inputs for the GPU-vs-reference tests.
import type { CrossEntropyArgs, Reduction } from '../../src';
import { normalArray, type Random, seededRandom } from '../../src/engine/random';

export { seededRandom };

export const REDUCTIONS: Reduction[] = ['mean', 'sum', 'none'];

/** Softmax rows: valid class probabilities. */
export function probabilityRows(random: Random, n: number, c: number): Float32Array {
  const out = new Float32Array(n * c);
  for (let i = 0; i < n; i++) {
    let total = 0;
    for (let j = 0; j < c; j++) total += out[i * c + j] = Math.exp(random.normal());
    for (let j = 0; j < c; j++) out[i * c + j] /= total;
  }
  return out;
}

export interface CaseSpec {
  n: number;
  c: number;
  probs?: boolean;
  weighted?: boolean;
  labelSmoothing?: number;
  ignoreFraction?: number;
  reduction?: Reduction;
  /** Share of non-target logits set to −inf (masked classes). */
  maskFraction?: number;
}

export function crossEntropyCase(seed: number, spec: CaseSpec): CrossEntropyArgs {
  const random = seededRandom(seed);
  const { n, c } = spec;
  const logits = normalArray(random, n * c, 2);
  const weight = spec.weighted ? Float32Array.from({ length: c }, () => 0.1 + 3 * random.next()) : undefined;
  const base = { logits, n, c, weight, labelSmoothing: spec.labelSmoothing ?? 0, reduction: spec.reduction ?? 'mean' };
  if (spec.probs) return { ...base, target: probabilityRows(random, n, c) };
  const target = Int32Array.from({ length: n }, () => (random.next() < (spec.ignoreFraction ?? 0) ? -100 : random.int(c)));
  if (spec.maskFraction) {
    for (let i = 0; i < n * c; i++) {
      if (i % c !== target[Math.floor(i / c)] && random.next() < spec.maskFraction) logits[i] = -Infinity;
    }
  }
  return { ...base, target };
}
