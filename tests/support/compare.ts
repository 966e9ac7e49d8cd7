// llm.c-style checker: |actual − expected| ≤ atol + rtol·|expected| elementwise, where NaN must
// meet NaN and ±inf must meet the same infinity. On failure it lists the worst entries.
import { expect } from 'vitest';

export interface Tolerance {
  atol: number;
  rtol: number;
}

export function expectClose(actual: ArrayLike<number>, expected: ArrayLike<number>, tol: Tolerance, what: string): void {
  expect(actual.length, `${what}: length`).toBe(expected.length);
  const bad: { i: number; a: number; e: number; excess: number }[] = [];
  for (let i = 0; i < expected.length; i++) {
    const a = actual[i];
    const e = expected[i];
    if (Number.isNaN(e) || Number.isNaN(a) || !Number.isFinite(e) || !Number.isFinite(a)) {
      if (!Object.is(Number.isNaN(a), Number.isNaN(e)) || (!Number.isNaN(e) && a !== e)) bad.push({ i, a, e, excess: Infinity });
      continue;
    }
    const excess = Math.abs(a - e) - (tol.atol + tol.rtol * Math.abs(e));
    if (excess > 0) bad.push({ i, a, e, excess });
  }
  if (bad.length > 0) {
    bad.sort((x, y) => y.excess - x.excess);
    const worst = bad
      .slice(0, 5)
      .map(({ i, a, e }) => `[${i}] got ${a}, want ${e}`)
      .join('; ');
    expect.fail(`${what}: ${bad.length} of ${expected.length} entries outside atol ${tol.atol} + rtol ${tol.rtol}: ${worst}`);
  }
}
