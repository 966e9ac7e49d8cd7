// Two interleaving half-circles, exactly as sklearn's make_moons places them: the upper moon is
// the unit half-circle around (0, 0), the lower one the mirrored half-circle around (1, 0.5).
import { linspace, type Shape } from './shape';

export const moons: Shape = {
  classes: { min: 2, max: 2, default: 2 },
  className: (k) => (k === 0 ? 'upper moon' : 'lower moon'),
  point: (k, j, count) => {
    const angle = linspace(0, Math.PI, j, count);
    return k === 0 ? [Math.cos(angle), Math.sin(angle)] : [1 - Math.cos(angle), 0.5 - Math.sin(angle)];
  },
};
