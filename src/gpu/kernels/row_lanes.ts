// Writes a row kernel once for two lane widths: one class a lane (f32 loads and stores), or four
// (vec4, for C a multiple of 4: on SwiftShader a vec4 load or store costs about what a float's does).
// WGSL has no generics, so a fast path's scalar and vec4 entry points were two hand-written copies of
// the same math; a template (a function of Lanes) now writes both, with the same operations in the
// same order as those copies had. The module binds every array twice, `logits: array<f32>` and
// `logits_vec4: array<vec4f>` at the same binding, and has its helpers for both widths named with the
// lanes' suffix (unsmoothed_grad, unsmoothed_grad_vec4). Used by cross_entropy_fast.ts and log_softmax.ts.

export interface Lanes {
  /** The entry points' and helpers' suffix, and the array views' ('' or '_vec4'). */
  suffix: '' | '_vec4';
  vec4: boolean;
  /** A row's lanes, in WGSL. */
  count: string;
  /** The fast path's first sweep over a row's lanes (lib/fast_rows.wgsl), `fn (base, count) -> RowStats4`. */
  rowStats: string;
  /** The running sum of lane values (lib/compensated_sum.wgsl): its type, new(), add(), and total. */
  sum: { type: string; create: string; add: string; total: (sum: string) => string };
  /** An f32 array seen a lane at a time: logits, or logits_vec4. */
  view(array: string): string;
  /** The f32 at class `c` of a row from lane `base` (no base: the array is one row, as weight). */
  at(array: string, c: string, base?: string): string;
}

export const SCALAR_LANES: Lanes = {
  suffix: '',
  vec4: false,
  count: 'params.classes',
  rowStats: 'fast_row_stats',
  sum: { type: 'CompensatedSum', create: 'compensated_new()', add: 'compensated_add', total: (sum) => `${sum}.sum` },
  view: (array) => array,
  at: (array, c, base) => `${array}[${base ? `${base} + ` : ''}${c}]`,
};

export const VEC4_LANES: Lanes = {
  suffix: '_vec4',
  vec4: true,
  count: 'params.classes / 4u',
  rowStats: 'fast_row_stats_vec4',
  sum: { type: 'CompensatedSum4', create: 'compensated4_new()', add: 'compensated4_add', total: (sum) => `compensated4_total(${sum})` },
  view: (array) => `${array}_vec4`,
  at: (array, c, base) => `${array}_vec4[${base ? `${base} + ` : ''}${c} / 4u][${c} % 4u]`,
};

export const BOTH_LANES = [SCALAR_LANES, VEC4_LANES];

/**
 * A loop over lanes 0 .. count of `k`, four lanes an iteration and then one (on SwiftShader an
 * iteration costs more than the arithmetic in it); `body(k)`: one lane's statement.
 */
export function fourAtATime(k: string, count: string, body: (lane: string) => string): string[] {
  return [
    `var ${k} = 0u;`,
    `for (; ${k} + 4u <= ${count}; ${k} += 4u) {`,
    ...['', ' + 1u', ' + 2u', ' + 3u'].map((offset) => `  ${body(`${k}${offset}`)}`),
    '}',
    `for (; ${k} < ${count}; ${k}++) { ${body(k)} }`,
  ];
}

/** A one-row-per-invocation entry point (rows fold into gid.y past a grid dimension: src/gpu/dispatch.ts). */
export function rowEntryPoint(name: string, body: string[]): string {
  return [
    '@compute @workgroup_size(WORKGROUP_SIZE)',
    `fn ${name}(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) groups: vec3u) {`,
    '  let row = gid.x + gid.y * groups.x * WORKGROUP_SIZE;',
    '  if (row >= params.rows) { return; }',
    ...body.map((line) => `  ${line}`),
    '}',
  ].join('\n');
}
