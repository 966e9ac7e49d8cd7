// Packed arrays carry exactly our float32 bits: the packed text is zlib (RFC 1950) of the
// little-endian bytes, and the script's unpack_float32(), run by Python and torch, gives back the
// same bits, edge values included. Small arrays stay literals for the reader.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { LITERAL_LIMIT, PackedArrays, PYTHON_UNPACK_IMPORTS, packFloat32, pythonUnpack } from '../../src/engine/export/packedArrays';
import { seededRandom } from '../../src/engine/random';
import { runPythonIn } from './runPython';
import { TORCH_MISSING, TORCH_PYTHON } from './torchPython';

const workDir = mkdtempSync(join(tmpdir(), 'xent-lab-packed-'));
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

/** Edge values first (signed zero, the smallest subnormal, the largest float32), then normals of every scale. */
function awkwardValues(length: number): Float32Array {
  const random = seededRandom(7);
  const values = Float32Array.from({ length }, (_, i) => random.normal() * 10 ** ((i % 70) - 40));
  values.set([0, -0, 1.401298464324817e-45, -1.401298464324817e-45, 3.4028234663852886e38, -3.4028234663852886e38, 0.1, 1 / 3]);
  return values;
}

const bits = (values: Float32Array) => Array.from(new Uint32Array(values.buffer, values.byteOffset, values.length));

describe('packFloat32', () => {
  it('is base64 of zlib-compressed little-endian float32 bytes, 100 characters to a line', async () => {
    const values = awkwardValues(5000);
    const text = await packFloat32(values);
    const bytes = inflateSync(Buffer.from(text.replaceAll('\n', ''), 'base64'));
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const decoded = Float32Array.from({ length: bytes.byteLength / 4 }, (_, i) => view.getFloat32(i * 4, true));
    expect(bits(decoded)).toEqual(bits(values));
    expect(Math.max(...text.split('\n').map((line) => line.length))).toBe(100);
  });
});

describe('PackedArrays', () => {
  it('leaves arrays up to LITERAL_LIMIT values to literals and packs larger ones', async () => {
    const packed = new PackedArrays();
    expect(packed.expression('SMALL', new Float32Array(LITERAL_LIMIT), [LITERAL_LIMIT])).toBeNull();
    const large = packed.expression('LARGE', new Float32Array(LITERAL_LIMIT + 4), [2, LITERAL_LIMIT / 2 + 2]);
    expect(large?.startsWith('unpack_float32([2, 50002], """\n')).toBe(true); // the block comes in fill()
    expect(packed.names).toEqual(['LARGE']);
    const filled = await packed.fill(`X = ${large}`);
    expect(filled).not.toContain('\u0000');
    expect(filled).toMatch(/^X = unpack_float32\(\[2, 50002\], """\n[A-Za-z0-9+/=\n]+\n"""\)$/);
  });

  it('refuses a value that is not finite, naming the array and the index', () => {
    const values = new Float32Array(LITERAL_LIMIT + 1);
    values[12] = Number.POSITIVE_INFINITY;
    expect(() => new PackedArrays().expression('TRAIN_X', values, [values.length])).toThrow(
      /^TRAIN_X: must hold finite numbers only, got Infinity at index 12/,
    );
  });
});

describe.skipIf(TORCH_MISSING)("the script's unpack_float32, run by Python and torch", () => {
  it('gives back the exact bits, in the shape asked for', async () => {
    const values = awkwardValues(LITERAL_LIMIT + 2); // 3 rows of 33,334
    const packed = new PackedArrays();
    const expression = packed.expression('X', values, [3, values.length / 3]) as string;
    const script = await packed.fill(`${PYTHON_UNPACK_IMPORTS.map((m) => `import ${m}`).join('\n')}
import json
import torch


${pythonUnpack(packed.names)}


X = ${expression}
print(json.dumps([list(X.shape), str(X.dtype), X.flatten().view(torch.int32).tolist()]))
`);
    const path = join(workDir, 'unpack_check.py'); // a file: the script is too long for a command line
    writeFileSync(path, script);
    const [shape, dtype, signedBits] = JSON.parse(runPythonIn(workDir, TORCH_PYTHON, [path]));
    expect(shape).toEqual([3, values.length / 3]);
    expect(dtype).toBe('torch.float32');
    expect(Array.from(new Uint32Array(Int32Array.from(signedBits).buffer))).toEqual(bits(values));
  });
});
