// What a 2-D generator contributes: where the j-th point of class k lies before noise, and the
// class range it supports. generateDataset does the rest (validation, counts, noise, layout).
import type { Random } from '../random';

export interface ClassRange {
  min: number;
  max: number;
  default: number;
}

export interface Shape {
  classes: ClassRange;
  className(k: number): string;
  /** Point j of the `count` points of class k (of `classes`), noise-free, in roughly [−1, 2]². */
  point(k: number, j: number, count: number, classes: number, random: Random): [number, number];
}

/** linspace(from, to, count)[j], as NumPy would give it; a single point sits at `from`. */
export function linspace(from: number, to: number, j: number, count: number): number {
  return count > 1 ? from + ((to - from) * j) / (count - 1) : from;
}
