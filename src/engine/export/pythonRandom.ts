// xent-lab's seeded randomness as Python source, for the generated PyTorch script: mulberry32
// (src/engine/random.ts), Fisher–Yates (src/engine/data/shuffle.ts), the BatchSampler
// (src/engine/train/batches.ts) and the contrastive views (src/engine/contrastive/augment.ts).
// Plain Python (no torch), so a test can run it beside the TypeScript and compare the numbers.
import type { Augmentation } from '../contrastive/augment';
import { float64Literal, section } from './pythonLiterals';

export const PYTHON_RANDOM = `${section("xent-lab's seeded randomness, ported bit for bit")}
# JavaScript computes these in 32-bit integers; Python's integers are unbounded, so every step keeps
# the low 32 bits (& MASK32). The same seed then gives the same numbers as in the browser.
MASK32 = 0xFFFFFFFF


def imul(a, b):
    """JavaScript's Math.imul: the low 32 bits of a * b."""
    return (a * b) & MASK32


class Mulberry32:
    """The small seeded PRNG behind xent-lab's data, initial weights, batches and augmentations."""

    def __init__(self, seed):
        self.state = seed & MASK32

    def next(self):
        """Uniform in [0, 1)."""
        self.state = (self.state + 0x6D2B79F5) & MASK32
        t = self.state
        t = imul(t ^ (t >> 15), t | 1)
        t ^= (t + imul(t ^ (t >> 7), t | 61)) & MASK32
        return (t ^ (t >> 14)) / 4294967296

    def normal(self):
        """Standard normal by Box-Muller (two uniforms per draw)."""
        u1 = self.next()
        u2 = self.next()
        return math.sqrt(-2 * math.log(1 - u1)) * math.cos(2 * math.pi * u2)

    def int(self, n):
        """Integer in [0, n)."""
        return math.floor(self.next() * n)


def shuffle_in_place(items, rng):
    """Fisher-Yates: every permutation equally likely, the same one for the same seed."""
    for i in range(len(items) - 1, 0, -1):
        j = rng.int(i + 1)
        items[i], items[j] = items[j], items[i]


class BatchSampler:
    """Mini-batches of a fixed size: each epoch is a fresh shuffle, and a batch that reaches the end
    of an epoch continues into the next one, so every batch is full."""

    def __init__(self, rows, batch_size, seed):
        self.rows = rows
        self.batch_size = batch_size
        self.rng = Mulberry32(seed)
        self.order = list(range(rows))
        self.cursor = rows  # the first next() shuffles
        self.epoch = 0

    def next(self):
        """The row indices of the next batch."""
        batch = []
        for _ in range(self.batch_size):
            if self.cursor == self.rows:
                shuffle_in_place(self.order, self.rng)
                self.cursor = 0
                self.epoch += 1
            batch.append(self.order[self.cursor])
            self.cursor += 1
        return batch
`;

const AUGMENT_POINTS = `def augment(row, rng):
    """One random view of a 2-D point: a rotation, a scaling and a Gaussian jitter."""
    angle = (2 * rng.next() - 1) * ROTATION
    scale = 1 + (2 * rng.next() - 1) * SCALE
    cos, sin = math.cos(angle) * scale, math.sin(angle) * scale
    x = cos * row[0] - sin * row[1] + JITTER * rng.normal()
    y = sin * row[0] + cos * row[1] + JITTER * rng.normal()
    return [x, y]
`;

const AUGMENT_PIXELS = `def augment(row, rng):
    """One random view of an image: each pixel dropped to 0, or Gaussian noise added."""
    return [0.0 if rng.next() < DROPOUT else pixel + NOISE * rng.normal() for pixel in row]
`;

const TWO_VIEWS = `def two_views(rows, indices, rng):
    """[2N, d]: two augmented views of each of the N samples. Row i and row i + N are a positive
    pair, as NT-Xent expects. rows holds the exact float32 values (tensor.tolist())."""
    return [augment(rows[i], rng) for _view in range(2) for i in indices]
`;

/** The augmentation's settings as constants, then augment(row, rng) and two_views(rows, indices, rng). */
export function pythonAugmentation(augmentation: Augmentation): string {
  const f = (x: number) => float64Literal(x, 'augmentation');
  const settings =
    augmentation.kind === 'points'
      ? [
          `ROTATION = ${f(augmentation.rotation)}  # largest rotation, radians (uniform in ±ROTATION)`,
          `SCALE = ${f(augmentation.scale)}  # largest relative scale change (uniform in 1 ± SCALE)`,
          `JITTER = ${f(augmentation.jitter)}  # std of the Gaussian added to each coordinate`,
        ]
      : [
          `NOISE = ${f(augmentation.noise)}  # std of the Gaussian added to each pixel`,
          `DROPOUT = ${f(augmentation.dropout)}  # chance that a pixel is set to 0`,
        ];
  const body = augmentation.kind === 'points' ? AUGMENT_POINTS : AUGMENT_PIXELS;
  return `${section("The two views of each sample (xent-lab's augmentations, same PRNG, same order)")}
${settings.join('\n')}


${body}

${TWO_VIEWS}`;
}
