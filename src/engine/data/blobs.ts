// K Gaussian blobs whose centres sit evenly on the unit circle; the noise is each blob's standard
// deviation, so with noise 0 every point of a class lies on its centre.
import type { Shape } from './shape';

export const blobs: Shape = {
  classes: { min: 2, max: 10, default: 3 },
  className: (k) => `blob ${k}`,
  point: (k, _j, _count, classes) => {
    const angle = (2 * Math.PI * k) / classes;
    return [Math.cos(angle), Math.sin(angle)];
  },
};
