import { describe, expect, it } from 'vitest';
import { nearestInDirection, nearestTo } from '../../src/ui/views/pointNavigation';

// A plus sign around the centre (index 0), with a far point on the right's row and one off-axis.
const points = [
  { x: 0, y: 0 },
  { x: 10, y: 0 }, // right
  { x: -10, y: 0 }, // left
  { x: 0, y: -10 }, // up (canvas y grows down)
  { x: 0, y: 10 }, // down
  { x: 30, y: 0 }, // farther right, same row
  { x: 6, y: 5 }, // nearer but off to the lower right
];

describe('nearestInDirection', () => {
  it('moves to the nearest point along each arrow', () => {
    expect(nearestInDirection(points, 0, 'ArrowRight')).toBe(1);
    expect(nearestInDirection(points, 0, 'ArrowLeft')).toBe(2);
    expect(nearestInDirection(points, 0, 'ArrowUp')).toBe(3);
    expect(nearestInDirection(points, 0, 'ArrowDown')).toBe(4);
    expect(nearestInDirection(points, 1, 'ArrowRight')).toBe(5);
  });

  it('prefers a point on the row to a nearer one off to the side', () => {
    // (6, 5) is 7.8 away, (10, 0) 10: the off-axis one scores 6 + 2·5 = 16 > 10.
    expect(nearestInDirection(points, 0, 'ArrowRight')).toBe(1);
    // Going down from the centre, (6, 5) is outside the cone (across 6 > along 5).
    expect(nearestInDirection(points, 0, 'ArrowDown')).toBe(4);
  });

  it('stays put when nothing lies in that direction', () => {
    expect(nearestInDirection(points, 5, 'ArrowRight')).toBe(5);
    expect(nearestInDirection([{ x: 1, y: 1 }], 0, 'ArrowUp')).toBe(0);
  });
});

describe('nearestTo', () => {
  it('finds the point nearest a position, and -1 for no points', () => {
    expect(nearestTo(points, 29, 1)).toBe(5);
    expect(nearestTo([], 0, 0)).toBe(-1);
  });
});
