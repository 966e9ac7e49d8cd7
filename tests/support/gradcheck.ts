// Central finite differences for the float64 references' backward passes.
import { expect } from 'vitest';

// In float64 at h = 1e-5, truncation error is O(h²·f''') ≈ 1e-10 and rounding error O(ε·|f|/h) ≈
// 1e-11: agreement to 1e-7 is far tighter than any wrong derivative would allow.
export const FINITE_DIFFERENCE_STEP = 1e-5;
export const FINITE_DIFFERENCE_TOLERANCE = 1e-7;

/** Checks every entry of `analytic` against (f(x + h) − f(x − h)) / 2h. */
export function expectGradient(
  analytic: Float64Array,
  inputs: Float64Array,
  lossAt: (perturbed: Float64Array) => number,
  what = 'grad',
): void {
  const h = FINITE_DIFFERENCE_STEP;
  for (let i = 0; i < inputs.length; i++) {
    const plus = Float64Array.from(inputs);
    const minus = Float64Array.from(inputs);
    plus[i] += h;
    minus[i] -= h;
    const numeric = (lossAt(plus) - lossAt(minus)) / (2 * h);
    expect(Math.abs(analytic[i] - numeric), `${what}[${i}]: analytic ${analytic[i]} vs numeric ${numeric}`).toBeLessThan(
      FINITE_DIFFERENCE_TOLERANCE,
    );
  }
}
