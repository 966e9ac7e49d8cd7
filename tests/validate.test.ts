// Every argument rule, on both backends: bad input is refused before any GPU work, with a message
// that names the argument and the allowed values.
import { describe, expect, it } from 'vitest';
import type { CrossEntropyArgs, NtXentArgs } from '../src';
import { describeEachBackend, engineFor, WEBGPU_MISSING } from './support/backends';

const ce = (over: Partial<CrossEntropyArgs> & Record<string, unknown>): CrossEntropyArgs => ({
  logits: new Float32Array(6),
  n: 2,
  c: 3,
  target: Int32Array.from([0, 2]),
  ...over,
});
const nt = (over: Partial<NtXentArgs> & Record<string, unknown>): NtXentArgs => ({
  z: Float32Array.from([1, 0, 0, 1]),
  rows: 2,
  dim: 2,
  temperature: 0.5,
  ...over,
});

const crossEntropyRules: [string, CrossEntropyArgs, RegExp][] = [
  ['n not an integer', ce({ n: 1.5 }), /^n: must be an integer ≥ 1, got 1.5/],
  ['n zero', ce({ n: 0, logits: new Float32Array(0), target: new Int32Array(0) }), /^n: must be an integer ≥ 1/],
  ['c zero', ce({ c: 0 }), /^c: must be an integer ≥ 1/],
  ['logits of the wrong type', ce({ logits: [0, 0, 0, 0, 0, 0] as unknown as Float32Array }), /^logits: must be a Float32Array \[n, c\]/],
  ['logits of the wrong length', ce({ logits: new Float32Array(5) }), /^logits: must have \[n, c\] = 6 entries, got 5/],
  ['index targets of the wrong length', ce({ target: Int32Array.from([0]) }), /^target: class indices must have \[n\] = 2 entries, got 1/],
  [
    'an index out of range',
    ce({ target: Int32Array.from([0, 3]) }),
    /^target\[1\]: must be a class index in \[0, 3\) or ignoreIndex \(-100\), got 3/,
  ],
  ['a negative index that is not ignoreIndex', ce({ target: Int32Array.from([-1, 0]) }), /^target\[0\]: .*got -1/],
  [
    'probabilities of the wrong length',
    ce({ target: new Float32Array(2) }),
    /^target: class probabilities must have \[n, c\] = 6 entries, got 2/,
  ],
  [
    'a probability above 1',
    ce({ target: Float32Array.from([0, 1.5, 0, 1, 0, 0]) }),
    /^target\[1\]: must be a probability in \[0, 1\], got 1.5/,
  ],
  [
    'a NaN probability',
    ce({ target: Float32Array.from([0, 1, 0, Number.NaN, 0, 1]) }),
    /^target\[3\]: must be a probability in \[0, 1\], got NaN/,
  ],
  [
    'ignoreIndex ≥ 0 with probabilities',
    ce({ target: new Float32Array(6), ignoreIndex: 1 }),
    /^ignoreIndex: must be < 0 with probability targets/,
  ],
  [
    'a target of another type',
    ce({ target: [0, 1] as unknown as Int32Array }),
    /^target: must be an Int32Array \[n\] of class indices or a Float32Array \[n, c\]/,
  ],
  ['weight of the wrong length', ce({ weight: new Float32Array(2) }), /^weight: must have \[c\] = 3 entries, got 2/],
  ['an infinite weight', ce({ weight: Float32Array.from([1, 1, Infinity]) }), /^weight\[2\]: must be a finite number, got Infinity/],
  ['a −inf weight', ce({ weight: Float32Array.from([1, -Infinity, 1]) }), /^weight\[1\]: must be a finite number, got -Infinity/],
  ['a NaN weight', ce({ weight: Float32Array.from([Number.NaN, 1, 1]) }), /^weight\[0\]: must be a finite number, got NaN/],
  ['labelSmoothing above 1', ce({ labelSmoothing: 1.01 }), /^labelSmoothing: must be a number in \[0, 1\], got 1.01/],
  ['labelSmoothing negative', ce({ labelSmoothing: -0.1 }), /^labelSmoothing: must be a number in \[0, 1\], got -0.1/],
  ['labelSmoothing NaN', ce({ labelSmoothing: Number.NaN }), /^labelSmoothing: must be a number in \[0, 1\], got NaN/],
  ['an unknown reduction', ce({ reduction: 'avg' as never }), /^reduction: must be one of 'mean', 'sum', 'none', got the string "avg"/],
  [
    'ignoreIndex not an integer',
    ce({ ignoreIndex: 0.5 }),
    /^ignoreIndex: must be an integer in \[-2147483648, 2147483647\] \(a 32-bit integer\), got 0.5/,
  ],
  [
    'ignoreIndex beyond 32 bits',
    ce({ ignoreIndex: 2 ** 40 }),
    /^ignoreIndex: must be an integer in \[-2147483648, 2147483647\] \(a 32-bit integer\), got 1099511627776/,
  ],
];

const ntXentRules: [string, NtXentArgs, RegExp][] = [
  ['odd rows', nt({ rows: 3, z: new Float32Array(6) }), /^rows: must be even and ≥ 2 \(two views of N samples\), got 3/],
  ['rows not an integer', nt({ rows: 2.5 }), /^rows: must be an integer ≥ 1, got 2.5/],
  ['dim zero', nt({ dim: 0 }), /^dim: must be an integer ≥ 1, got 0/],
  ['z of the wrong length', nt({ z: new Float32Array(3) }), /^z: must have \[rows, dim\] = 4 entries, got 3/],
  ['a NaN in z', nt({ z: Float32Array.from([1, Number.NaN, 0, 1]) }), /^z\[1\]: must be a finite number, got NaN/],
  ['temperature zero', nt({ temperature: 0 }), /^temperature: must be a finite number ≥ 1e-30 \(τ > 0\), got 0/],
  ['temperature negative', nt({ temperature: -1 }), /^temperature: .*got -1/],
  ['temperature infinite', nt({ temperature: Infinity }), /^temperature: .*got Infinity/],
  ['an unknown reduction', nt({ reduction: 'max' as never }), /^reduction: must be one of 'mean', 'sum', 'none', got the string "max"/],
];

describeEachBackend('argument errors', (engine) => {
  it.each(crossEntropyRules)('crossEntropy refuses %s', async (_name, args, message) => {
    await expect(engine().crossEntropy(args)).rejects.toThrow(message);
  });
  it.each(ntXentRules)('ntXent refuses %s', async (_name, args, message) => {
    await expect(engine().ntXent(args)).rejects.toThrow(message);
  });
  it('logSoftmax refuses logits of the wrong length', async () => {
    await expect(engine().logSoftmax({ logits: new Float32Array(5), n: 2, c: 3 })).rejects.toThrow(
      /^logits: must have \[n, c\] = 6 entries/,
    );
  });
  it('accepts the edge of every range', async () => {
    const edge = ce({ target: Int32Array.from([-100, 2]), labelSmoothing: 1, weight: Float32Array.from([0, 0, 1]) });
    await expect(engine().crossEntropy(edge)).resolves.toBeDefined();
    await expect(engine().ntXent(nt({ temperature: 1e-30 }))).resolves.toBeDefined();
  });
  it('accepts negative class weights, as PyTorch does (any finite real)', async () => {
    const negative = ce({ weight: Float32Array.from([1, -2.5, -3.4e38]) });
    await expect(engine().crossEntropy(negative)).resolves.toBeDefined();
  });
});

describe.skipIf(WEBGPU_MISSING)('device limits on webgpu', () => {
  it('names the limit a shape would exceed, before any GPU work', async () => {
    const engine = await engineFor('webgpu');
    // 2^15 rows of NT-Xent need a 2^30 · 4-byte similarity matrix: over any storage binding limit.
    const rows = 2 ** 15;
    await expect(engine.ntXent(nt({ rows, dim: 1, z: new Float32Array(rows).fill(1) }))).rejects.toThrow(
      /^rows: the \[rows, rows\] similarity matrix needs 4294967296 bytes, over this device's max(StorageBufferBindingSize|BufferSize) of \d+ bytes/,
    );
    engine.destroy();
  });
});
