// K interleaved spiral arms, after CS231n's classic: along each arm the radius grows linearly from
// the centre to 1 while the angle winds, and arm k starts at angle 2πk/K so the arms interleave.
import { linspace, type Shape } from './shape';

/** Radians each arm winds from centre to rim: CS231n's 4 (about 0.64 of a turn). */
const ARM_WINDING = 4;

export const spirals: Shape = {
  classes: { min: 2, max: 10, default: 3 },
  className: (k) => `arm ${k}`,
  point: (k, j, count, classes) => {
    const radius = linspace(0, 1, j, count);
    const angle = (2 * Math.PI * k) / classes + ARM_WINDING * radius;
    return [radius * Math.cos(angle), radius * Math.sin(angle)];
  },
};
