// Moving a keyboard focus between the points of a scatter plot: an arrow key goes to the nearest
// point in its direction. "In its direction" is a 90° cone around the arrow; a point off the axis
// counts as farther (its sideways offset weighs double), so Right stays on roughly the same row.

export interface PlotPoint {
  x: number;
  y: number;
}

export type Arrow = 'ArrowLeft' | 'ArrowRight' | 'ArrowUp' | 'ArrowDown';

/** Screen directions: y grows downwards, as on a canvas. */
const DIRECTIONS: Record<Arrow, [number, number]> = {
  ArrowLeft: [-1, 0],
  ArrowRight: [1, 0],
  ArrowUp: [0, -1],
  ArrowDown: [0, 1],
};

export const isArrow = (key: string): key is Arrow => key in DIRECTIONS;

/** The index of the point to move to from `from`, or `from` itself when nothing lies that way. */
export function nearestInDirection(points: readonly PlotPoint[], from: number, arrow: Arrow): number {
  const [dx, dy] = DIRECTIONS[arrow];
  const origin = points[from];
  let best = from;
  let bestScore = Number.POSITIVE_INFINITY;
  for (let i = 0; i < points.length; i++) {
    if (i === from) continue;
    const [ox, oy] = [points[i].x - origin.x, points[i].y - origin.y];
    const along = ox * dx + oy * dy;
    const across = Math.abs(ox * dy - oy * dx);
    if (along <= 0 || across > along) continue; // behind, or outside the cone
    const score = along + 2 * across;
    if (score < bestScore) [best, bestScore] = [i, score];
  }
  return best;
}

/** The point nearest (x, y): where the focus starts when nothing is focused yet. */
export function nearestTo(points: readonly PlotPoint[], x: number, y: number): number {
  let best = -1;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (let i = 0; i < points.length; i++) {
    const distance = Math.hypot(points[i].x - x, points[i].y - y);
    if (distance < bestDistance) [best, bestDistance] = [i, distance];
  }
  return best;
}
