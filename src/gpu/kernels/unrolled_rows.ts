// The fast paths of cross-entropy (cross_entropy_index_unsmoothed and _smoothed, cross_entropy_fast.ts) and
// shaders/log_softmax.wgsl (log_softmax_forward_fast) written out for one class count
// C ≤ UNROLLED_MAX_CLASSES: the same math, straight-line, the row held in registers and read once.
// WGSL has no unroll directive and SwiftShader runs loops as written, each iteration re-checking its
// lanes: at small C the loops cost more than the work in them. The generated entry point
// uses its module's bindings and helpers (lib/fast_rows.wgsl's defer_row, …), so it is compiled
// appended to that module.
import { integerInRange } from '../../core/checks';

/** Above this the loops cost little next to the row (C = 64: within noise) and the code grows long. */
export const UNROLLED_MAX_CLASSES = 32;

export type UnrolledKernel = 'cross_entropy' | 'cross_entropy_smoothed' | 'log_softmax';

export const UNROLLED_ENTRY_POINTS: Record<UnrolledKernel, string> = {
  cross_entropy: 'cross_entropy_index_unsmoothed_unrolled',
  cross_entropy_smoothed: 'cross_entropy_index_smoothed_unrolled',
  log_softmax: 'log_softmax_forward_unrolled',
};

/** Helpers for writing straight-line WGSL (also bench/bareSoftmax.ts). */
export const LANES = ['x', 'y', 'z', 'w'];

/** a(b(c, d), e)… as a left fold, for max over many values. */
export function fold(op: string, items: string[]): string {
  return items.reduce((a, b) => `${op}(${a}, ${b})`);
}

export function range(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i);
}

/**
 * The row in registers and its statistics: x0… (or vec4 v0…), the max m, e0… = exp(x − m) and their
 * total; rows that are not ordinary, or `alsoDefer`, go to defer_row.
 */
function prologue(classes: number, vec4: boolean, alsoDefer: string): string[] {
  const lines: string[] = [];
  const defer = (ordinary: string) => [
    `if (!(${ordinary})${alsoDefer ? ` || ${alsoDefer}` : ''}) {`,
    '  defer_row(row);',
    '  return;',
    '}',
  ];
  if (vec4) {
    const n = classes / 4;
    const v = range(n).map((k) => `v${k}`);
    lines.push(`let base = row * ${n}u;`);
    for (const k of range(n)) lines.push(`let v${k} = logits_vec4[base + ${k}u];`);
    lines.push(
      `let exponents = ${fold(
        'max',
        v.map((x) => `exponent_bits4(${x})`),
      )};`,
    );
    lines.push(...defer('all(exponents < vec4u(ORDINARY_EXPONENT_LIMIT))'));
    lines.push(
      `let m = ${fold(
        'max',
        v.flatMap((x) => LANES.map((lane) => `${x}.${lane}`)),
      )};`,
    );
    for (const k of range(n)) lines.push(`let e${k} = exp(v${k} - m);`);
    lines.push(
      `let sums = ${range(n)
        .map((k) => `e${k}`)
        .join(' + ')};`,
    );
    lines.push('let total = (sums.x + sums.y) + (sums.z + sums.w);');
  } else {
    const x = range(classes).map((j) => `x${j}`);
    lines.push(`let base = row * ${classes}u;`);
    for (const j of range(classes)) lines.push(`let x${j} = logits[base + ${j}u];`);
    lines.push(
      `let exponents = ${fold(
        'max',
        x.map((name) => `(bitcast<u32>(${name}) & F32_EXPONENT_MASK)`),
      )};`,
    );
    lines.push(...defer('exponents < ORDINARY_EXPONENT_LIMIT'));
    lines.push(`let m = ${fold('max', x)};`);
    for (const j of range(classes)) lines.push(`let e${j} = exp(x${j} - m);`);
    lines.push(
      `let total = ${range(classes)
        .map((j) => `e${j}`)
        .join(' + ')};`,
    );
  }
  return lines;
}

/** Cross-entropy, index targets, ε = 0: as cross_entropy_index_unsmoothed. */
function crossEntropyEpilogue(classes: number, vec4: boolean): string[] {
  const lines = [
    'let y = target_index[row];',
    'let yu = unsmoothed_target(y);',
    `let w_y = select(${vec4 ? 'weight_vec4[yu / 4u][yu % 4u]' : 'weight[yu]'}, 0.0, y == params.ignore_index);`,
    'let coefficient = scale * w_y;',
    'let p_coefficient = coefficient / total;',
  ];
  if (vec4) {
    for (const k of range(classes / 4)) lines.push(`grad_vec4[base + ${k}u] = e${k} * p_coefficient;`);
    lines.push('let x_y = logits_vec4[base + yu / 4u][yu % 4u];');
    lines.push('grad_vec4[base + yu / 4u][yu % 4u] = exp(x_y - m) * p_coefficient - coefficient;');
  } else {
    for (const j of range(classes)) lines.push(`grad[base + ${j}u] = e${j} * p_coefficient;`);
    lines.push('let x_y = logits[base + yu];');
    lines.push('grad[base + yu] = exp(x_y - m) * p_coefficient - coefficient;');
  }
  lines.push('row_loss[row] = w_y * (log(total) - (x_y - m));');
  return lines;
}

/** Cross-entropy, index targets, ε > 0: as cross_entropy_index_smoothed (plain sums, as the prologue's). */
function smoothedEpilogue(classes: number, vec4: boolean): string[] {
  const lines = ['let y = target_index[row];', 'let yu = unsmoothed_target(y);'];
  if (vec4) {
    const n = range(classes / 4);
    lines.push('let w_y = weight_vec4[yu / 4u][yu % 4u];', 'let r = smoothed_row(y, w_y, scale, m, total);');
    lines.push(...n.map((k) => `let w${k} = weight_vec4[${k}u];`));
    lines.push(...n.map((k) => `grad_vec4[base + ${k}u] = e${k} * r.p_coefficient - r.share * w${k};`));
    lines.push(`let weighted_nlp4 = ${n.map((k) => `w${k} * smoothed_nlp_vec4(r, v${k})`).join(' + ')};`);
    lines.push('let weighted_nlp = (weighted_nlp4.x + weighted_nlp4.y) + (weighted_nlp4.z + weighted_nlp4.w);');
    lines.push('let x_y = logits_vec4[base + yu / 4u][yu % 4u];');
    lines.push('grad_vec4[base + yu / 4u][yu % 4u] = smoothed_grad(r, x_y, w_y) - r.target_coefficient;');
  } else {
    const j = range(classes);
    lines.push('let r = smoothed_row(y, weight[yu], scale, m, total);');
    lines.push(...j.map((k) => `let w${k} = weight[${k}u];`));
    lines.push(...j.map((k) => `grad[base + ${k}u] = e${k} * r.p_coefficient - r.share * w${k};`));
    lines.push(`let weighted_nlp = ${j.map((k) => `w${k} * smoothed_nlp(r, x${k})`).join(' + ')};`);
    lines.push('let x_y = logits[base + yu];');
    lines.push('grad[base + yu] = smoothed_grad(r, x_y, weight[yu]) - r.target_coefficient;');
  }
  lines.push('row_loss[row] = smoothed_loss(r, x_y, weighted_nlp);');
  return lines;
}

/** Log-softmax: as log_softmax_forward_fast. */
function logSoftmaxEpilogue(classes: number, vec4: boolean): string[] {
  const lines = ['let log_total = log(total);'];
  if (vec4) for (const k of range(classes / 4)) lines.push(`output_vec4[base + ${k}u] = (v${k} - m) - log_total;`);
  else for (const j of range(classes)) lines.push(`output[base + ${j}u] = (x${j} - m) - log_total;`);
  return lines;
}

/** WGSL for `kernel`'s entry point at C classes: scalar loads, or vec4 loads when C is a multiple of 4. */
export function unrolledRowSource(kernel: UnrolledKernel, classes: number): string {
  integerInRange('classes', classes, 1, UNROLLED_MAX_CLASSES);
  const vec4 = classes % 4 === 0;
  const crossEntropy = kernel !== 'log_softmax';
  const epilogue = { cross_entropy: crossEntropyEpilogue, cross_entropy_smoothed: smoothedEpilogue, log_softmax: logSoftmaxEpilogue }[
    kernel
  ];
  const body = [
    ...(crossEntropy ? ['let scale = gradient_scale();'] : []),
    ...prologue(classes, vec4, crossEntropy ? '!is_finite(scale)' : ''),
    ...epilogue(classes, vec4),
  ];
  return [
    `// Generated by src/gpu/kernels/unrolled_rows.ts for C = ${classes}.`,
    '@compute @workgroup_size(WORKGROUP_SIZE)',
    `fn ${UNROLLED_ENTRY_POINTS[kernel]}(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) groups: vec3u) {`,
    '  let row = gid.x + gid.y * groups.x * WORKGROUP_SIZE;',
    '  if (row >= params.rows) { return; }',
    ...body.map((line) => `  ${line}`),
    '}',
  ].join('\n');
}
