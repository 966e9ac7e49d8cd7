// The five 2-D generators: the same seed gives the same arrays, and each shape is where it should be.
import { describe, expect, it } from 'vitest';
import { type Dataset, GENERATORS, type GeneratorName, generateDataset } from '../../src/engine/data';

const NAMES = Object.keys(GENERATORS) as GeneratorName[];
// Float32 coordinates carry a relative rounding error of at most 2^−24 ≈ 6e-8 on values of size ≤ 2,
// so radii and distances computed from them are good to ~2e-7; 1e-6 leaves margin.
const F32_GEOMETRY = 1e-6;

function points(data: Dataset): { x: number; y: number; label: number; j: number }[] {
  let j = 0;
  return Array.from(data.labels, (label, i) => {
    j = i > 0 && data.labels[i - 1] === label ? j + 1 : 0;
    return { x: data.features[2 * i], y: data.features[2 * i + 1], label, j };
  });
}

/** Signed difference of two angles, wrapped into [−π, π). */
function angleBetween(a: number, b: number): number {
  return ((((a - b) % (2 * Math.PI)) + 3 * Math.PI) % (2 * Math.PI)) - Math.PI;
}

describe.each(NAMES)('%s', (name) => {
  const options = { seed: 7, samples: 200, noise: 0.2, imbalance: 3 };

  it('gives identical arrays for the same seed and options', () => {
    expect(generateDataset(name, options)).toEqual(generateDataset(name, options));
  });

  it('gives different points for another seed', () => {
    const other = generateDataset(name, { ...options, seed: 8 });
    expect(other.features).not.toEqual(generateDataset(name, options).features);
  });

  it('has the documented layout: [n, 2] features, rows grouped by class, one name per class', () => {
    const data = generateDataset(name, options);
    expect(data).toMatchObject({ name, n: 200, d: 2, classes: GENERATORS[name].classes.default });
    expect(data.features).toHaveLength(400);
    expect(data.classNames).toHaveLength(data.classes);
    for (let i = 1; i < data.n; i++) expect(data.labels[i]).toBeGreaterThanOrEqual(data.labels[i - 1]);
  });
});

describe('shapes without noise', () => {
  it('spirals: K arms, each starting at angle 2πk/K and winding 4 rad as the radius grows from 0 to 1', () => {
    const K = 5;
    const data = generateDataset('spirals', { seed: 1, samples: 500, noise: 0, classes: K });
    for (const { x, y, label, j } of points(data)) {
      const radius = Math.hypot(x, y);
      expect(Math.abs(radius - j / 99)).toBeLessThan(F32_GEOMETRY); // linspace(0, 1, 100): 5 arms of 100 points
      if (radius > 0) expect(Math.abs(angleBetween(Math.atan2(y, x), (2 * Math.PI * label) / K + 4 * radius))).toBeLessThan(F32_GEOMETRY);
    }
  });

  it('circles: ring k has radius (k + 1)/K', () => {
    const K = 4;
    const data = generateDataset('circles', { seed: 1, samples: 400, noise: 0, classes: K });
    for (const { x, y, label } of points(data)) expect(Math.abs(Math.hypot(x, y) - (label + 1) / K)).toBeLessThan(F32_GEOMETRY);
  });

  it('moons: class 0 on the upper unit half-circle around (0, 0), class 1 on the lower one around (1, 0.5)', () => {
    const data = generateDataset('moons', { seed: 1, samples: 200, noise: 0 });
    for (const { x, y, label } of points(data)) {
      const [cx, cy] = label === 0 ? [0, 0] : [1, 0.5];
      expect(Math.abs(Math.hypot(x - cx, y - cy) - 1)).toBeLessThan(F32_GEOMETRY);
      // The ends of each moon sit at sin(π·j/(n−1)) with j = n − 1, which rounds to ±3e-16, not 0.
      if (label === 0) expect(y).toBeGreaterThanOrEqual(-F32_GEOMETRY);
      else expect(y).toBeLessThanOrEqual(0.5 + F32_GEOMETRY);
    }
  });

  it('xor: class 0 where x and y share a sign, class 1 where they differ, all four quadrants used', () => {
    const data = generateDataset('xor', { seed: 1, samples: 400, noise: 0 });
    const quadrants = new Set<string>();
    for (const { x, y, label } of points(data)) {
      expect(x * y > 0 ? 0 : 1).toBe(label);
      expect(Math.max(Math.abs(x), Math.abs(y))).toBeLessThanOrEqual(1);
      quadrants.add(`${Math.sign(x)},${Math.sign(y)}`);
    }
    expect(quadrants.size).toBe(4);
  });
});

describe('blobs', () => {
  it('centres class k at angle 2πk/K on the unit circle, with noise as the standard deviation', () => {
    const K = 3;
    const noise = 0.3;
    const data = generateDataset('blobs', { seed: 3, samples: 3000, noise, classes: K });
    for (let k = 0; k < K; k++) {
      const own = points(data).filter((p) => p.label === k);
      const meanX = own.reduce((s, p) => s + p.x, 0) / own.length;
      const meanY = own.reduce((s, p) => s + p.y, 0) / own.length;
      const std = Math.sqrt(own.reduce((s, p) => s + (p.x - meanX) ** 2 + (p.y - meanY) ** 2, 0) / (2 * own.length));
      // 1000 points per class: the mean's standard error is 0.3/√1000 ≈ 0.0095 and the std's about
      // 0.3/√(2·2000) ≈ 0.0047; 5 standard errors.
      expect(Math.hypot(meanX - Math.cos((2 * Math.PI * k) / K), meanY - Math.sin((2 * Math.PI * k) / K))).toBeLessThan(0.048);
      expect(Math.abs(std - noise)).toBeLessThan(0.024);
    }
  });
});
