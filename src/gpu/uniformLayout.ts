// A uniform struct's fields named on the host, in the order the WGSL struct declares them, so a
// kernel writes `{ rows, classes, labelSmoothing }` instead of `u32[0] = …; f32[4] = …`.
// Every field is a 4-byte scalar; `_pad` names a slot kept at 0; the size rounds up to 16 bytes,
// as WGSL's uniform address space lays a struct of scalars out.
export type UniformScalar = 'u32' | 'i32' | 'f32' | '_pad';

export type UniformValues<F extends readonly (readonly [string, UniformScalar])[]> = {
  [K in F[number] as K[1] extends '_pad' ? never : K[0]]: number;
};

export interface UniformLayout<F extends readonly (readonly [string, UniformScalar])[]> {
  /** Bytes the uniform buffer needs (a multiple of 16). */
  readonly size: number;
  /** The bytes for these values; the same ArrayBuffer on every call (write it before the next). */
  pack(values: UniformValues<F>): ArrayBuffer;
}

/** `fields` as the WGSL struct lists them, e.g. `[['rows', 'u32'], ['_pad0', '_pad'], ['scale', 'f32']]`. */
export function uniformLayout<const F extends readonly (readonly [string, UniformScalar])[]>(fields: F): UniformLayout<F> {
  const size = Math.max(16, Math.ceil((fields.length * 4) / 16) * 16);
  const bytes = new ArrayBuffer(size);
  const u32 = new Uint32Array(bytes);
  const i32 = new Int32Array(bytes);
  const f32 = new Float32Array(bytes);
  return {
    size,
    pack(values) {
      const named = values as Record<string, number>;
      fields.forEach(([name, type], slot) => {
        if (type === '_pad') return;
        const value = named[name];
        if (typeof value !== 'number') throw new TypeError(`uniform field ${name}: no value given`);
        if (type === 'f32') f32[slot] = value;
        else if (type === 'i32') i32[slot] = value;
        else u32[slot] = value;
      });
      return bytes;
    },
  };
}
