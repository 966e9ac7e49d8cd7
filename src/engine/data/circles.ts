// K concentric rings: ring k has radius (k + 1)/K, its points evenly spaced around it (sklearn's
// make_circles spacing, generalised from 2 rings to K).
import type { Shape } from './shape';

export const circles: Shape = {
  classes: { min: 2, max: 10, default: 2 },
  className: (k) => `ring ${k}`,
  point: (k, j, count, classes) => {
    const radius = (k + 1) / classes;
    // endpoint excluded: the last point must not repeat the first
    const angle = (2 * Math.PI * j) / count;
    return [radius * Math.cos(angle), radius * Math.sin(angle)];
  },
};
