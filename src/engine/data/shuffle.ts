// Seeded Fisher–Yates: every permutation equally likely, and the same one for the same seed.
import type { Random } from '../random';

export function shuffleInPlace(items: number[] | Int32Array, random: Random): void {
  for (let i = items.length - 1; i > 0; i--) {
    const j = random.int(i + 1);
    [items[i], items[j]] = [items[j], items[i]];
  }
}
