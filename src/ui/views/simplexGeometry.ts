// The probability triangle of a 3-class softmax, apart from drawing: a distribution (p₀, p₁, p₂) is
// the point Σ pₖ·vₖ of the triangle whose corners vₖ are the certain predictions (barycentric
// coordinates), so a uniform output sits at the centroid and a confident one at its class's corner.

export interface Point {
  x: number;
  y: number;
}

/** An equilateral triangle in a width × height box (y down): class 0 at the top, 1 bottom left, 2 bottom right. */
export function simplexCorners(width: number, height: number, margin: number): [Point, Point, Point] {
  const side = Math.min(width - 2 * margin, ((height - 2 * margin) * 2) / Math.sqrt(3));
  const tall = (side * Math.sqrt(3)) / 2;
  const [left, top] = [(width - side) / 2, (height - tall) / 2];
  return [
    { x: width / 2, y: top },
    { x: left, y: top + tall },
    { x: left + side, y: top + tall },
  ];
}

/** The point of the probabilities at `base` (3 of them) in the triangle; they are renormalised, so float rounding stays inside. */
export function simplexPoint(probabilities: ArrayLike<number>, base: number, corners: readonly [Point, Point, Point]): Point {
  const p = [probabilities[base], probabilities[base + 1], probabilities[base + 2]];
  const total = p[0] + p[1] + p[2];
  return {
    x: (p[0] * corners[0].x + p[1] * corners[1].x + p[2] * corners[2].x) / total,
    y: (p[0] * corners[0].y + p[1] * corners[1].y + p[2] * corners[2].y) / total,
  };
}

/** The corner a point lies nearest: in an equilateral triangle, the largest barycentric coordinate. */
export function nearestCorner(probabilities: ArrayLike<number>, base: number): number {
  let best = 0;
  for (let k = 1; k < 3; k++) if (probabilities[base + k] > probabilities[base + best]) best = k;
  return best;
}

/** The view's summary in words: how many points sit nearest their own class's corner, and the mean probability of the true class. */
export function simplexSummary(probabilities: ArrayLike<number>, labels: ArrayLike<number>): string {
  const n = labels.length;
  if (n === 0) return 'Probability simplex: no validation points.';
  let own = 0;
  let trueProbability = 0;
  for (let i = 0; i < n; i++) {
    if (nearestCorner(probabilities, 3 * i) === labels[i]) own++;
    trueProbability += probabilities[3 * i + labels[i]];
  }
  const count = (x: number) => x.toLocaleString('en');
  return `Of ${count(n)} validation points, ${count(own)} lie nearest their own class's corner; the mean probability of the true class is ${(trueProbability / n).toFixed(2)}.`;
}
