// The tiled dense entry points (shaders/dense_tiled.wgsl), written out from one template per product.
// Shapes: x [B, I], weight [O, I], dz [B, O]; a product's destination is z [B, O], dweight [O, I] or
// dx [B, I]. Math: each invocation owns a side×side tile of the destination, held as n×n 4×4 blocks
// (n = side / 4); per step k of the summed index it loads n operands along the tile's rows (row R)
// and n along its columns (column C), and adds product(row R, column C) to block (R, C).
// Why generated: the blocks must be named locals, unrolled; a private array indexed in a loop lives
// in memory, not registers, on SwiftShader. WGSL's override constants cannot unroll code, so the tile
// side and the load form are spelled out here, and the activations, the workgroup size and the
// fused-input flags stay overrides (shaders/dense.wgsl). The blocks of every side sum the same
// products in the same order, so 4×4, 8×8 and 16×16 tiles give the same bits.

export type DenseProduct = 'forward' | 'backward_weight' | 'backward_input' | 'backward_input_activation';
/** scalar: 4-vectors gathered from four rows; vec4: rows read as vec4; w_vec4: dx reading weight rows alone as vec4. */
export type DenseLoads = 'scalar' | 'vec4' | 'w_vec4';
export type TileSide = 4 | 8 | 16;

/** The sums of a product with one form of loads; `k` is the summed index, R and C a block's row and column. */
interface Sum {
  /** Lets before the loop: operand R's and C's starting indices among them. */
  setup(n: number): string[];
  count: string;
  row(R: number): string;
  column(C: number): string;
  /** What block (R, C) adds, from the loaded operands r and c. */
  product(r: string, c: string): string;
}

const range = (n: number) => Array.from({ length: n }, (_, i) => i);
const plus = (base: string, offset: number) => (offset === 0 ? base : `${base} + ${offset}u`);
/** One let per block row or column: `${name}${i} = start(i)`. */
const lets = (n: number, name: string, start: (i: number) => string) => range(n).map((i) => `let ${name}${i} = ${start(i)};`);

const SUMS: Record<'forward' | 'backward_weight' | 'backward_input', Partial<Record<DenseLoads, Sum>>> = {
  // z − bias = x weightᵀ: rows are x's rows, columns weight's rows, summed over the inputs.
  forward: {
    scalar: {
      setup: (n) => [
        ...lets(n, 'x_at', (R) => `clamped4(${plus('origin.x', 4 * R)}, params.batch) * params.inputs`),
        ...lets(n, 'w_at', (C) => `clamped4(${plus('origin.y', 4 * C)}, params.outputs) * params.inputs`),
      ],
      count: 'params.inputs',
      row: (R) => `x4(x_at${R} + k)`,
      column: (C) => `weight4(w_at${C} + k)`,
      product: (r, c) => `outer(${c}, ${r})`,
    },
    // Four inputs per step, as dot products.
    vec4: {
      setup: (n) => [
        'let steps = params.inputs / 4u;',
        ...lets(n, 'x_at', (R) => `clamped4(${plus('origin.x', 4 * R)}, params.batch) * steps`),
        ...lets(n, 'w_at', (C) => `clamped4(${plus('origin.y', 4 * C)}, params.outputs) * steps`),
      ],
      count: 'steps',
      row: (R) => `x_rows(x_at${R}, k)`,
      column: (C) => `weight_rows(w_at${C}, k)`,
      product: (r, c) => `rows_times(${r}, ${c})`,
    },
  },
  // dweight = dzᵀ x: rows are outputs, columns inputs, summed over the batch.
  backward_weight: {
    scalar: {
      setup: (n) => [
        ...lets(n, 'o', (R) => `clamped4(${plus('origin.x', 4 * R)}, params.outputs)`),
        ...lets(n, 'i', (C) => `clamped4(${plus('origin.y', 4 * C)}, params.inputs)`),
      ],
      count: 'params.batch',
      row: (R) => `dz4(k * params.outputs + o${R})`,
      column: (C) => `x4(k * params.inputs + i${C})`,
      product: (r, c) => `outer(${c}, ${r})`,
    },
    vec4: {
      setup: (n) => [
        'let o_row = params.outputs / 4u;',
        'let i_row = params.inputs / 4u;',
        ...lets(n, 'o', (R) => `vec4_column(${plus('origin.x', 4 * R)}, params.outputs)`),
        ...lets(n, 'i', (C) => `vec4_column(${plus('origin.y', 4 * C)}, params.inputs)`),
      ],
      count: 'params.batch',
      row: (R) => `dz_vec4[k * o_row + o${R}]`,
      column: (C) => `x_row(k * i_row + i${C})`,
      product: (r, c) => `outer(${c}, ${r})`,
    },
  },
  // dx = dz weight: rows are batch rows, columns inputs, summed over the outputs.
  backward_input: {
    scalar: {
      setup: (n) => [
        ...lets(n, 'dz_at', (R) => `clamped4(${plus('origin.x', 4 * R)}, params.batch) * params.outputs`),
        ...lets(n, 'i', (C) => `clamped4(${plus('origin.y', 4 * C)}, params.inputs)`),
      ],
      count: 'params.outputs',
      row: (R) => `dz4(dz_at${R} + k)`,
      column: (C) => `weight4(k * params.inputs + i${C})`,
      product: (r, c) => `outer(${c}, ${r})`,
    },
    // Any O (the 10 logits): rows of weight as vec4, dz gathered.
    w_vec4: {
      setup: (n) => [
        'let i_row = params.inputs / 4u;',
        ...lets(n, 'dz_at', (R) => `clamped4(${plus('origin.x', 4 * R)}, params.batch) * params.outputs`),
        ...lets(n, 'i', (C) => `vec4_column(${plus('origin.y', 4 * C)}, params.inputs)`),
      ],
      count: 'params.outputs',
      row: (R) => `dz4(dz_at${R} + k)`,
      column: (C) => `weight_vec4[k * i_row + i${C}]`,
      product: (r, c) => `outer(${c}, ${r})`,
    },
    // Four of the summed outputs per step: weight rows 4k .. 4k + 3 times vec4 column k of dz's rows.
    vec4: {
      setup: (n) => [
        'let o_row = params.outputs / 4u;',
        ...lets(n, 'dz_at', (R) => `clamped4(${plus('origin.x', 4 * R)}, params.batch) * o_row`),
        ...lets(n, 'i', (C) => `vec4_column(${plus('origin.y', 4 * C)}, params.inputs)`),
      ],
      count: 'o_row',
      row: (R) => `dz_rows(dz_at${R}, k)`,
      column: (C) => `weight_rows_at(k, i${C})`,
      product: (r, c) => `times_rows(${c}, ${r})`,
    },
  },
};

/** The destination's rows and columns, and the stores of block (R, C) at (r0, c0). */
const DESTINATIONS: Record<DenseProduct, { rows: string; columns: string; store(loads: DenseLoads): string }> = {
  forward: { rows: 'params.batch', columns: 'params.outputs', store: () => 'forward_block' },
  backward_weight: { rows: 'params.outputs', columns: 'params.inputs', store: () => 'dweight_block' },
  backward_input: { rows: 'params.batch', columns: 'params.inputs', store: (l) => (l === 'scalar' ? 'dx_block' : 'dx_block_vec4') },
  backward_input_activation: {
    rows: 'params.batch',
    columns: 'params.inputs',
    store: (l) => (l === 'scalar' ? 'dz_input_block' : 'dz_input_block_vec4'),
  },
};

export function tiledEntryPointName(product: DenseProduct, loads: DenseLoads, side: TileSide): string {
  return `dense_${product}${loads === 'scalar' ? '' : `_${loads}`}_tile${side}`;
}

/** One entry point: a side×side tile of `product`'s destination per invocation. */
export function tiledEntryPoint(product: DenseProduct, loads: DenseLoads, side: TileSide): string {
  const sum = SUMS[product === 'backward_input_activation' ? 'backward_input' : product][loads];
  if (!sum) throw new Error(`dense: no ${loads} loads for ${product}`);
  const { rows, columns, store } = DESTINATIONS[product];
  const n = side / 4;
  const blocks = range(n).flatMap((R) => range(n).map((C) => [R, C] as const));
  const weight = product === 'backward_weight';
  const body = [
    `let origin = tile_origin(gid, groups, ${columns}, ${side}u);`,
    `if (origin.x >= ${rows}) { return; }`,
    ...sum.setup(n),
    ...blocks.map(([R, C]) => `var acc${R}${C} = mat4x4f();`),
    ...(weight ? range(n).map((R) => `var bias_sum${R} = vec4f(); // Σ_batch dz for the tile's outputs ${4 * R} .. ${4 * R + 3}`) : []),
    `for (var k = 0u; k < ${sum.count}; k++) {`,
    ...range(n).map((R) => `  let r${R} = ${sum.row(R)};`),
    ...range(n).map((C) => `  let c${C} = ${sum.column(C)};`),
    ...blocks.map(([R, C]) => `  acc${R}${C} += ${sum.product(`r${R}`, `c${C}`)};`),
    ...(weight ? range(n).map((R) => `  bias_sum${R} += r${R};`) : []),
    '}',
    ...(product === 'forward' ? lets(n, 'b', (C) => `bias4(clamped4(${plus('origin.y', 4 * C)}, params.outputs))`) : []),
    ...blocks.map(([R, C]) => {
      const bias = product === 'forward' ? `, b${C}` : '';
      return `${store(loads)}(${plus('origin.x', 4 * R)}, ${plus('origin.y', 4 * C)}, acc${R}${C}${bias});`;
    }),
    // Only the tiles of the first input columns store dbias.
    ...(weight ? ['if (origin.y == 0u) {', ...range(n).map((R) => `  dbias_block(${plus('origin.x', 4 * R)}, bias_sum${R});`), '}'] : []),
  ];
  return [
    '@compute @workgroup_size(WORKGROUP_SIZE)',
    `fn ${tiledEntryPointName(product, loads, side)}(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) groups: vec3u) {`,
    ...body.map((line) => `  ${line}`),
    '}',
  ].join('\n');
}

/**
 * Every tiled entry point the wrapper dispatches: each product with each of its load forms on 4×4
 * and 8×8 tiles, and on 16×16 tiles with vec4 loads only (the scalar ones stay on 8×8).
 */
export function tiledEntryPoints(): string {
  const loads: Record<DenseProduct, DenseLoads[]> = {
    forward: ['scalar', 'vec4'],
    backward_weight: ['scalar', 'vec4'],
    backward_input: ['scalar', 'vec4', 'w_vec4'],
    backward_input_activation: ['scalar', 'vec4', 'w_vec4'],
  };
  const sides: TileSide[] = [4, 8, 16];
  return sides
    .flatMap((side) =>
      (Object.keys(loads) as DenseProduct[]).flatMap((product) =>
        loads[product].filter((l) => side !== 16 || l === 'vec4').map((l) => tiledEntryPoint(product, l, side)),
      ),
    )
    .join('\n\n');
}
