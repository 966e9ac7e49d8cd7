// The Python port of our seeded randomness (embedded in the exported PyTorch script) draws the same
// numbers, mini-batches and contrastive views as the TypeScript. Plain python3, no torch: runs everywhere.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type Augmentation, twoViews } from '../../src/engine/contrastive/augment';
import { PYTHON_RANDOM, pythonAugmentation } from '../../src/engine/export/pythonRandom';
import { seededRandom } from '../../src/engine/random';
import { BatchSampler } from '../../src/engine/train/batches';
import { expectClose } from '../support/compare';
import { runPythonIn } from './runPython';

// An empty working directory: a stray .py file beside python3 -c could shadow a module it imports.
const workDir = mkdtempSync(join(tmpdir(), 'xent-lab-prng-'));
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

describe('the Python port of the PRNG', () => {
  const program = (body: string, augmentation?: Augmentation) =>
    `import json, math, sys\n${PYTHON_RANDOM}\n${augmentation ? pythonAugmentation(augmentation) : ''}\n${body}`;

  it('draws the same uniforms and normals, and the same mini-batches as BatchSampler', () => {
    const seeds = [0, 1, 4, 123456789, 2 ** 32 - 1];
    const samplers = [
      [480, 64, 4, 40], // the default spiral's training split, seed 1 + 3: 40 batches, 5+ epochs
      [10, 3, 7, 20], // batches that straddle epochs
      [5, 5, 2 ** 32 - 1, 6],
      [1, 1, 0, 3],
    ];
    const out = JSON.parse(
      runPythonIn(
        tmpdir(),
        'python3',
        [
          '-c',
          program(`cases = json.load(sys.stdin)
uniforms = [[r.next() for _ in range(500)] for r in map(Mulberry32, cases["seeds"])]
normals = [[r.normal() for _ in range(500)] for r in map(Mulberry32, cases["seeds"])]
batches = []
for rows, size, seed, count in cases["samplers"]:
    sampler = BatchSampler(rows, size, seed)
    batches.append({"batches": [sampler.next() for _ in range(count)], "epoch": sampler.epoch})
print(json.dumps({"uniforms": uniforms, "normals": normals, "batches": batches}))`),
        ],
        JSON.stringify({ seeds, samplers }),
      ),
    );
    seeds.forEach((seed, k) => {
      const random = seededRandom(seed);
      expect(out.uniforms[k], `uniforms, seed ${seed}`).toEqual(Array.from({ length: 500 }, () => random.next()));
      const normal = seededRandom(seed);
      // Same uniforms, but Math.log/Math.cos (V8's fdlibm) and Python's libm may differ in the last bit.
      expectClose(
        out.normals[k],
        Array.from({ length: 500 }, () => normal.normal()),
        { atol: 1e-15, rtol: 1e-15 },
        `normals, seed ${seed}`,
      );
    });
    samplers.forEach(([rows, size, seed, count], k) => {
      const sampler = new BatchSampler(rows, size, seed);
      const batches = Array.from({ length: count }, () => Array.from(sampler.next()));
      expect(out.batches[k], `sampler ${[rows, size, seed]}`).toEqual({ batches, epoch: sampler.epoch });
    });
  });

  it.each<Augmentation>([
    { kind: 'points', rotation: 0.3, scale: 0.1, jitter: 0.05 },
    { kind: 'pixels', noise: 0.5, dropout: 0.2 },
  ])('makes the same two views as twoViews ($kind)', (augmentation) => {
    const d = augmentation.kind === 'points' ? 2 : 16;
    const source = seededRandom(9);
    const features = Float32Array.from({ length: 50 * d }, () => source.normal());
    const batches = [new BatchSampler(50, 32, 1).next(), new BatchSampler(50, 32, 2).next()];
    const rows = Array.from({ length: 50 }, (_, i) => Array.from(features.subarray(i * d, (i + 1) * d)));
    const out: number[][][] = JSON.parse(
      runPythonIn(
        tmpdir(),
        'python3',
        [
          '-c',
          program(
            `case = json.load(sys.stdin)
rng = Mulberry32(5)
print(json.dumps([two_views(case["rows"], batch, rng) for batch in case["batches"]]))`,
            augmentation,
          ),
        ],
        JSON.stringify({ rows, batches: batches.map((b) => Array.from(b)) }),
      ),
    );
    const random = seededRandom(5);
    batches.forEach((batch, k) => {
      const expected = twoViews(features, d, batch, augmentation, random);
      // Both round the same float64 expression to float32; only a last-bit libm difference in
      // cos/sin/log could move a value across a rounding boundary, by one float32 ulp (2^-23 relative).
      expectClose(Float32Array.from(out[k].flat()), expected, { atol: 0, rtol: 2 ** -23 }, `views of batch ${k}`);
    });
  });
});
