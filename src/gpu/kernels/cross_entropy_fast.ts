// The entry points of cross-entropy's fast path (shaders/cross_entropy_fast.wgsl has their helpers and
// the math), one template per target kind, each written for both lane widths (row_lanes.ts):
// cross_entropy_index_unsmoothed, _index_smoothed and _probs_fast, and their _vec4 forms.
// Each sweeps a row twice: first its RowStats4 (deferring the row unless it is ordinary and the
// gradient scale finite), then the gradient and the loss's terms, in class order.
import { BOTH_LANES, fourAtATime, type Lanes, rowEntryPoint } from './row_lanes';

/** Index targets, ε = 0: ∂ℓ/∂x_j = exp(x_j − m)·s·w_y/Σ − [j = y]·s·w_y, ℓ = w_y·(−log p_y). */
function indexUnsmoothed(l: Lanes): string {
  const grad = l.view('grad');
  const logits = l.view('logits');
  return rowEntryPoint(`cross_entropy_index_unsmoothed${l.suffix}`, [
    `let n = ${l.count};`,
    'let base = row * n;',
    `let stats = ${l.rowStats}(base, n);`,
    'let scale = gradient_scale();',
    'if (deferred(row, stats, scale)) { return; }',
    'let y = target_index[row];',
    'let yu = unsmoothed_target(y);',
    `let r = unsmoothed_row(y, ${l.at('weight', 'yu')}, scale, stats);`,
    ...fourAtATime('k', 'n', (k) => `${grad}[base + ${k}] = unsmoothed_grad${l.suffix}(r, ${logits}[base + ${k}]);`),
    `let x_y = ${l.at('logits', 'yu', 'base')};`,
    `${l.at('grad', 'yu', 'base')} = unsmoothed_grad(r, x_y) - r.coefficient;`,
    'row_loss[row] = unsmoothed_loss(r, x_y);',
  ]);
}

/** Index targets, ε > 0: each lane's gradient and w·(−log p) into the row's sum, then the target's share. */
function indexSmoothed(l: Lanes): string {
  const entry = [
    "// A lane's gradient, and its w_j·(−log p_j) into the row's sum.",
    `fn smoothed_entry${l.suffix}(r: SmoothedRow, base: u32, k: u32, weighted_nlp: ptr<function, ${l.sum.type}>) {`,
    `  let x = ${l.view('logits')}[base + k];`,
    `  let w = ${l.view('weight')}[k];`,
    `  ${l.view('grad')}[base + k] = smoothed_grad${l.suffix}(r, x, w);`,
    `  ${l.sum.add}(weighted_nlp, w * smoothed_nlp${l.suffix}(r, x));`,
    '}',
  ].join('\n');
  const kernel = rowEntryPoint(`cross_entropy_index_smoothed${l.suffix}`, [
    `let n = ${l.count};`,
    'let base = row * n;',
    `let stats = ${l.rowStats}(base, n);`,
    'let scale = gradient_scale();',
    'if (deferred(row, stats, scale)) { return; }',
    'let y = target_index[row];',
    'let yu = unsmoothed_target(y);',
    `let w_y = ${l.at('weight', 'yu')};`,
    'let r = smoothed_row(y, w_y, scale, stats.max, row_stats4_total(stats));',
    `var weighted_nlp = ${l.sum.create};`,
    ...fourAtATime('k', 'n', (k) => `smoothed_entry${l.suffix}(r, base, ${k}, &weighted_nlp);`),
    `let x_y = ${l.at('logits', 'yu', 'base')};`,
    `${l.at('grad', 'yu', 'base')} = smoothed_grad(r, x_y, w_y) - r.target_coefficient;`,
    `row_loss[row] = smoothed_loss(r, x_y, ${l.sum.total('weighted_nlp')});`,
  ]);
  return `${entry}\n${kernel}`;
}

/**
 * Probability targets: the first sweep folds Σa beside the row's statistics, the second reads q and w
 * again for a_j; both a quad of classes at a time (vec4 math at either lane width). With scalar lanes
 * a row whose C is not a multiple of 4 ends in a partial quad (probs_tail).
 */
function probsFast(l: Lanes): string {
  // Quad k of a row from `base`, or of the weights.
  const quad = (array: string, k: string, base?: string) =>
    l.vec4 ? `${array}_vec4[${base ? `${base} + ` : ''}${k}]` : `${array}_quad(${base ? `${base} + ` : ''}4u * ${k})`;
  const coefficients = (k: string) => `probs_coefficients4(${quad('target_probs', k, 'base')}, ${quad('weight', k)})`;
  const store = (k: string, g: string) => (l.vec4 ? `grad_vec4[base + ${k}] = ${g};` : `store_grad_quad(base + 4u * ${k}, ${g});`);
  return rowEntryPoint(`cross_entropy_probs_fast${l.suffix}`, [
    'let quads = params.classes / 4u;',
    `let base = row * ${l.vec4 ? 'quads' : 'params.classes'};`,
    `var sweep = ProbsFastSweep(row_stats4_new(${l.vec4 ? 'logits_vec4[base].x' : 'logits[base]'}), compensated4_new());`,
    'for (var k = 0u; k < quads; k++) {',
    `  row_stats4_push(&sweep.stats, ${quad('logits', 'k', 'base')});`,
    `  compensated4_add(&sweep.a_sum, ${coefficients('k')});`,
    '}',
    ...(l.vec4 ? [] : ['let tail = probs_tail(base);', 'probs_tail_sweep(&sweep, tail);']),
    'let scale = gradient_scale();',
    'if (deferred(row, sweep.stats, scale)) { return; }',
    'let r = probs_fast_row(sweep, scale);',
    'var weighted_nlp = compensated4_new();',
    'for (var k = 0u; k < quads; k++) {',
    `  let a = ${coefficients('k')};`,
    `  ${store('k', `probs_fast_entries(r, ${quad('logits', 'k', 'base')}, a, &weighted_nlp)`)}`,
    '}',
    ...(l.vec4 ? [] : ['probs_tail_entries(r, base, tail, &weighted_nlp);']),
    'row_loss[row] = probs_fast_loss(compensated4_total(weighted_nlp));',
  ]);
}

/** Every fast entry point at both lane widths, to append to the cross-entropy module. */
export function crossEntropyFastEntryPoints(): string {
  const kernels = BOTH_LANES.flatMap((lanes) => [indexUnsmoothed(lanes), indexSmoothed(lanes), probsFast(lanes)]);
  return ['// Generated by src/gpu/kernels/cross_entropy_fast.ts.', ...kernels].join('\n');
}
