import { describe, expect, it } from 'vitest';
import { uniformLayout } from '../src/gpu/uniformLayout';

describe('uniformLayout', () => {
  const layout = uniformLayout([
    ['rows', 'u32'],
    ['ignoreIndex', 'i32'],
    ['_pad0', '_pad'],
    ['smoothing', 'f32'],
    ['chunk', 'u32'],
  ] as const);

  it('rounds the size up to 16 bytes, as a WGSL uniform struct of scalars', () => {
    expect(layout.size).toBe(32);
    expect(uniformLayout([['a', 'u32']] as const).size).toBe(16);
  });

  it('writes each field at its slot with its type, pads left at 0', () => {
    const bytes = layout.pack({ rows: 7, ignoreIndex: -100, smoothing: 0.1, chunk: 256 });
    expect(new Uint32Array(bytes)[0]).toBe(7);
    expect(new Int32Array(bytes)[1]).toBe(-100);
    expect(new Uint32Array(bytes)[2]).toBe(0);
    expect(new Float32Array(bytes)[3]).toBe(Math.fround(0.1));
    expect(new Uint32Array(bytes)[4]).toBe(256);
  });

  it('names a missing field', () => {
    expect(() => layout.pack({ rows: 1, ignoreIndex: 0, smoothing: 0 } as never)).toThrow('uniform field chunk');
  });
});
