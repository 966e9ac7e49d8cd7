import { describe, expect, it } from 'vitest';
import { nearestCorner, simplexCorners, simplexPoint, simplexSummary } from '../../src/ui/views/simplexGeometry';

const corners = simplexCorners(300, 260, 20);

describe('simplex geometry', () => {
  it('draws an equilateral triangle inside the box, class 0 on top', () => {
    const [a, b, c] = corners;
    const side = (p: { x: number; y: number }, q: { x: number; y: number }) => Math.hypot(p.x - q.x, p.y - q.y);
    // Equal sides up to float rounding of √3 (relative 1e-12).
    expect(side(a, b)).toBeCloseTo(side(b, c), 9);
    expect(side(a, c)).toBeCloseTo(side(b, c), 9);
    expect(a.y).toBeLessThan(b.y);
    for (const p of corners) {
      expect(p.x).toBeGreaterThanOrEqual(20);
      expect(p.x).toBeLessThanOrEqual(280);
      expect(p.y).toBeGreaterThanOrEqual(20);
      expect(p.y).toBeLessThanOrEqual(240);
    }
  });

  it('maps a certain prediction to its corner and the uniform one to the centroid', () => {
    for (let k = 0; k < 3; k++) {
      const p = [0, 0, 0];
      p[k] = 1;
      const point = simplexPoint(p, 0, corners);
      expect(point.x).toBeCloseTo(corners[k].x, 9);
      expect(point.y).toBeCloseTo(corners[k].y, 9);
    }
    const centre = simplexPoint([1 / 3, 1 / 3, 1 / 3], 0, corners);
    expect(centre.x).toBeCloseTo((corners[0].x + corners[1].x + corners[2].x) / 3, 9);
    expect(centre.y).toBeCloseTo((corners[0].y + corners[1].y + corners[2].y) / 3, 9);
  });

  it('puts a 50/50 prediction at the middle of its edge, reading the row at base', () => {
    const point = simplexPoint([9, 9, 9, 0.5, 0, 0.5], 3, corners);
    expect(point.x).toBeCloseTo((corners[0].x + corners[2].x) / 2, 9);
    expect(point.y).toBeCloseTo((corners[0].y + corners[2].y) / 2, 9);
  });

  it('counts the points nearest their own corner in the summary', () => {
    // Rows: right (class 0), right (class 2), wrong (class 1 predicted 0), right (class 1).
    const p = [0.8, 0.1, 0.1, 0.2, 0.2, 0.6, 0.5, 0.4, 0.1, 0.1, 0.7, 0.2];
    expect(nearestCorner(p, 6)).toBe(0);
    expect(simplexSummary(p, [0, 2, 1, 1])).toBe(
      "Of 4 validation points, 3 lie nearest their own class's corner; the mean probability of the true class is 0.63.",
    );
  });
});
