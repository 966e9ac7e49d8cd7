// XOR: points uniform in the four quadrants of [−1, 1]²; class 0 holds the two quadrants where x
// and y share a sign, class 1 the two where they differ. Drawing the quadrant from the class
// (rather than the class from the point) is what lets the imbalance option set exact counts.
import type { Shape } from './shape';

export const xor: Shape = {
  classes: { min: 2, max: 2, default: 2 },
  className: (k) => (k === 0 ? 'same sign (x·y > 0)' : 'opposite signs (x·y < 0)'),
  point: (k, _j, _count, _classes, random) => {
    const xSign = random.next() < 0.5 ? 1 : -1;
    const ySign = k === 0 ? xSign : -xSign;
    // 1 − U lies in (0, 1]: never on an axis, so the quadrant, and the label, is always defined.
    return [xSign * (1 - random.next()), ySign * (1 - random.next())];
  },
};
