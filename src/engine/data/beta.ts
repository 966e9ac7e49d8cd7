// A seeded Beta(a, b) sampler from two Gamma draws: X ~ Gamma(a), Y ~ Gamma(b), X / (X + Y) ~ Beta(a, b).
import type { Random } from '../random';

/** λ ~ Beta(a, b), a and b > 0. Never NaN: the ratio is taken in log space (see logGammaDraw). */
export function sampleBeta(random: Random, a: number, b: number): number {
  const logX = logGammaDraw(random, a);
  const logY = logGammaDraw(random, b);
  return 1 / (1 + Math.exp(logY - logX));
}

/**
 * log of a Gamma(shape, 1) draw. For shape < 1, Marsaglia & Tsang's boost, Gamma(shape + 1) · U^(1/shape);
 * in log space because U^(1/shape) underflows to 0 for small shapes (α = 0.01 gives U^100), and then
 * both draws could be 0 and X / (X + Y) NaN.
 */
function logGammaDraw(random: Random, shape: number): number {
  if (shape < 1) return logGammaDraw(random, shape + 1) + Math.log(1 - random.next()) / shape;
  return Math.log(marsagliaTsang(random, shape));
}

/** Marsaglia & Tsang (2000), "A simple method for generating gamma variables", for shape ≥ 1. */
function marsagliaTsang(random: Random, shape: number): number {
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x: number;
    let v: number;
    do {
      x = random.normal();
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const u = 1 - random.next(); // (0, 1], so log(u) is finite
    // The cheap squeeze test accepts most draws; the log test is the exact one.
    if (u < 1 - 0.0331 * x ** 4 || Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) return d * v;
  }
}
