// The seeded Beta sampler (two Gamma draws, Marsaglia–Tsang): its mean, its range, its determinism.
import { describe, expect, it } from 'vitest';
import { sampleBeta } from '../../src/engine/data';
import { seededRandom } from '../../src/engine/random';

const DRAWS = 20_000;

function draws(a: number, b: number, seed: number): number[] {
  const random = seededRandom(seed);
  return Array.from({ length: DRAWS }, () => sampleBeta(random, a, b));
}

describe('sampleBeta', () => {
  // Shapes below 1 take the boost path, shapes ≥ 1 the direct Marsaglia–Tsang path.
  it.each([
    [0.4, 0.4],
    [0.2, 1.5],
    [2, 5],
    [30, 10],
  ])('Beta(%f, %f) has mean a/(a + b)', (a, b) => {
    const samples = draws(a, b, 11);
    const mean = samples.reduce((s, x) => s + x, 0) / DRAWS;
    // Var = ab / ((a + b)² (a + b + 1)); the sample mean of 20k draws has standard error √(Var / 20k).
    // 4 standard errors: a correct sampler fails this for fewer than 1 seed in 15 000.
    const standardError = Math.sqrt((a * b) / ((a + b) ** 2 * (a + b + 1)) / DRAWS);
    expect(Math.abs(mean - a / (a + b))).toBeLessThan(4 * standardError);
  });

  it('has the variance of Beta(0.4, 0.4), not just its mean', () => {
    const samples = draws(0.4, 0.4, 12);
    const variance = samples.reduce((s, x) => s + (x - 0.5) ** 2, 0) / DRAWS;
    // Var = 0.16 / (0.64 · 1.8) = 0.13889. (λ − 0.5)² lies in [0, 0.25], so its variance is at most
    // 0.25²/4 (Popoviciu) and the standard error of its mean over 20k draws at most 0.00088; 4 of them.
    expect(Math.abs(variance - 0.16 / (0.64 * 1.8))).toBeLessThan(0.0036);
  });

  it('stays in [0, 1] and never gives NaN, even for a tiny shape whose Gamma draws underflow', () => {
    for (const x of draws(0.005, 0.005, 13)) expect(x >= 0 && x <= 1).toBe(true);
  });

  it('is deterministic per seed', () => {
    expect(draws(0.7, 0.7, 14)).toEqual(draws(0.7, 0.7, 14));
  });
});
