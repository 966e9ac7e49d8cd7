// Cross-entropy's fast path, the row variant's (lib/fast_rows.wgsl): ordinary rows (every |x| < 2^126)
// in a kernel with no per-entry branch (RowStats4), since SwiftShader runs both sides of every branch
// and the general path (cross_entropy.wgsl) spends most of its time on IEEE cases that rarely occur.
// Every other row, and every row when the gradient scale is not finite, is deferred to the general path.
// Shapes: N rows, C classes, as cross_entropy.wgsl, whose Params and bindings it shares; the _vec4 entry
// points (C a multiple of 4) see logits, targets, weights and grad as vec4.
// Math: as cross_entropy.wgsl's, per target kind below. The entry points, one per target kind and lane
// width (f32, or vec4 of classes), are written out by src/gpu/kernels/cross_entropy_fast.ts from one
// template each; the straight-line ones for C ≤ 32 by unrolled_rows.ts. This file holds their helpers.

// The _vec4 entry points' view of the bindings: on SwiftShader a vec4 load or store costs about what
// a float's does.
@group(0) @binding(1) var<storage, read> logits_vec4: array<vec4f>;
@group(0) @binding(3) var<storage, read> target_probs_vec4: array<vec4f>;
@group(0) @binding(4) var<storage, read> weight_vec4: array<vec4f>;
@group(0) @binding(7) var<storage, read_write> grad_vec4: array<vec4f>;
@group(0) @binding(5) var<storage, read_write> denominator_out: array<f32>; // for store_class_weight_total

// target_weight_partials (cross_entropy.wgsl), also preparing the fast path (prepare_fast_rows)
// before the fast kernel runs: one dispatch fewer where 'mean' needs this one anyway.
@compute @workgroup_size(WORKGROUP_SIZE)
fn target_weight_partials_and_prepare(@builtin(global_invocation_id) gid: vec3u) {
  if (gid.x == 0u) { prepare_fast_rows(); }
  target_weight_partial(gid.x);
}

// The fast path's first dispatch where no target-weight dispatch runs ('sum', 'none').
@compute @workgroup_size(1)
fn cross_entropy_prepare() { prepare_fast_rows(); }

// Empties the deferred-row list (lib/fast_rows.wgsl) and, with label smoothing, sums the class
// weights for the smoothed fast kernel.
fn prepare_fast_rows() {
  deferred_rows_empty();
  if (params.label_smoothing > 0.0) { store_class_weight_total(); }
}

// Σ_c w_c in class order, as index_row_general sums it for each row (the same bits): four an iteration.
fn store_class_weight_total() {
  let classes = params.classes;
  var total = compensated_new();
  var c = 0u;
  for (; c + 4u <= classes; c += 4u) {
    compensated_add(&total, weight[c]);
    compensated_add(&total, weight[c + 1u]);
    compensated_add(&total, weight[c + 2u]);
    compensated_add(&total, weight[c + 3u]);
  }
  for (; c < classes; c++) { compensated_add(&total, weight[c]); }
  denominator_out[1] = total.sum;
}

// The fast kernels' test of a row after its first sweep: unless the row is ordinary and the gradient
// scale finite, it is listed for the general path, and the kernel leaves it.
fn deferred(row: u32, stats: RowStats4, scale: f32) -> bool {
  let defer = !row_stats4_is_ordinary(stats) || !is_finite(scale);
  if (defer) { defer_row(row); }
  return defer;
}

// Index targets without label smoothing, the usual case (CrossEntropy picks these entry points when
// ε = 0): a_c = w_y·[c = y], so ℓ = w_y·(log Σ_c exp(x_c − m) − (x_y − m)) and
// ∂ℓ/∂x_j = s·w_y·(p_j − [j = y]); an ignored row has w_y = 0 here (zero gradient, zero loss).

// The fast path's constants for a row's gradient sweep and loss.
struct UnsmoothedRow {
  yu: u32, // y, or 0 for an ignored row
  max: f32,
  log_total: f32,
  w_y: f32, // 0 for an ignored row
  coefficient: f32, // s·w_y
  p_coefficient: f32, // s·w_y / Σ: ∂ℓ/∂x_j = exp(x_j − m)·p_coefficient − [j = y]·coefficient
}

fn unsmoothed_target(y: i32) -> u32 { return select(u32(y), 0u, y == params.ignore_index); }

// w_target: weight[unsmoothed_target(y)]; scale: gradient_scale(), finite.
fn unsmoothed_row(y: i32, w_target: f32, scale: f32, stats: RowStats4) -> UnsmoothedRow {
  let total = row_stats4_total(stats);
  let w_y = select(w_target, 0.0, y == params.ignore_index);
  let coefficient = scale * w_y;
  return UnsmoothedRow(unsmoothed_target(y), stats.max, log(total), w_y, coefficient, coefficient / total);
}

// ∂ℓ/∂x_j for j ≠ y; the target's entry subtracts the coefficient as well.
fn unsmoothed_grad(r: UnsmoothedRow, x: f32) -> f32 { return exp(x - r.max) * r.p_coefficient; }
fn unsmoothed_grad_vec4(r: UnsmoothedRow, x: vec4f) -> vec4f { return exp(x - r.max) * r.p_coefficient; }

fn unsmoothed_loss(r: UnsmoothedRow, x_y: f32) -> f32 { return r.w_y * (r.log_total - (x_y - r.max)); }

// Index targets with label smoothing (CrossEntropy picks these entry points when ε > 0): for a kept
// row a_c = (1−ε)·w_y·[c = y] + (ε/C)·w_c, so ∂ℓ/∂x_j = s·(p_j·Σa − a_j) with Σa = (1−ε)·w_y + (ε/C)·Σ_c w_c,
// and ℓ = (1−ε)·w_y·(−log p_y) + (ε/C)·Σ_c w_c·(−log p_c); an ignored row has zero gradient and loss.
// Σ_c w_c is the same for every
// row, so the dispatch before the rows sums it once (prepare_fast_rows); the weights are read once more
// per entry, for a_j and the loss.

// The smoothed fast path's constants for a row's gradient sweep and loss.
struct SmoothedRow {
  yu: u32, // y, or 0 for an ignored row
  max: f32,
  log_total: f32,
  target_coefficient: f32, // s·(1−ε)·w_y, 0 for an ignored row
  p_coefficient: f32, // s·Σa / Σ: ∂ℓ/∂x_j = exp(x_j − m)·p_coefficient − share·w_j − [j = y]·target_coefficient
  share: f32, // s·ε/C, 0 for an ignored row
  w_y: f32,
  kept: bool,
}

// w_target: weight[unsmoothed_target(y)]; scale: gradient_scale(), finite; total: Σ exp(x − max).
fn smoothed_row(y: i32, w_target: f32, scale: f32, max: f32, total: f32) -> SmoothedRow {
  let kept = y != params.ignore_index;
  let eps = params.label_smoothing;
  let s = select(0.0, scale, kept);
  let smooth_share = eps / f32(params.classes);
  let a_sum = (1.0 - eps) * w_target + smooth_share * denominator[1];
  return SmoothedRow(unsmoothed_target(y), max, log(total), s * (1.0 - eps) * w_target, s * a_sum / total, s * smooth_share, w_target, kept);
}

// ∂ℓ/∂x_j for j ≠ y; the target's entry subtracts target_coefficient as well.
fn smoothed_grad(r: SmoothedRow, x: f32, w: f32) -> f32 { return exp(x - r.max) * r.p_coefficient - r.share * w; }
fn smoothed_grad_vec4(r: SmoothedRow, x: vec4f, w: vec4f) -> vec4f { return exp(x - r.max) * r.p_coefficient - r.share * w; }

// −log p of an ordinary row's entries.
fn smoothed_nlp(r: SmoothedRow, x: f32) -> f32 { return r.log_total - (x - r.max); }
fn smoothed_nlp_vec4(r: SmoothedRow, x: vec4f) -> vec4f { return vec4f(r.log_total) - (x - r.max); }

// weighted_nlp: Σ_c w_c·(−log p_c) over the row. Its terms are finite and non-negative, so if it is
// not finite it overflowed f32 (or its compensation did): +inf, as PyTorch's f32 sum gives.
fn smoothed_loss(r: SmoothedRow, x_y: f32, weighted_nlp: f32) -> f32 {
  let eps = params.label_smoothing;
  let smoothing = select(f32_pos_inf(), weighted_nlp, is_finite(weighted_nlp));
  let loss = (1.0 - eps) * r.w_y * smoothed_nlp(r, x_y) + (eps / f32(params.classes)) * smoothing;
  return select(0.0, loss, r.kept);
}

// Probability targets (CrossEntropy picks these entry points for them):
// a_c = w_c·((1−ε)·q_c + ε/C), ∂ℓ/∂x_j = s·(p_j·Σa − a_j), ℓ = Σ_c a_c·(−log p_c), with no per-entry
// branch for ordinary rows; the others deferred to probs_row_general. The first sweep folds Σa beside
// the row's statistics; the second reads q and w again for a_j.

// a_c of four classes.
fn probs_coefficients4(q: vec4f, w: vec4f) -> vec4f {
  let eps = params.label_smoothing;
  return w * ((1.0 - eps) * q + eps / f32(params.classes));
}

// Four classes from scalar loads (lib/fast_rows.wgsl has logits_quad), for C not a multiple of 4.
fn target_probs_quad(i: u32) -> vec4f { return vec4f(target_probs[i], target_probs[i + 1u], target_probs[i + 2u], target_probs[i + 3u]); }
fn weight_quad(c: u32) -> vec4f { return vec4f(weight[c], weight[c + 1u], weight[c + 2u], weight[c + 3u]); }
fn store_grad_quad(i: u32, g: vec4f) {
  grad[i] = g.x;
  grad[i + 1u] = g.y;
  grad[i + 2u] = g.z;
  grad[i + 3u] = g.w;
}

// The fast path's row: its statistics and Σa (four partial sums), then the constants of the second sweep.
struct ProbsFastSweep { stats: RowStats4, a_sum: CompensatedSum4 }
struct ProbsFastRow { max: f32, log_total: f32, p_coefficient: f32, scale: f32 } // p_coefficient = s·Σa / Σ

fn probs_fast_row(sweep: ProbsFastSweep, scale: f32) -> ProbsFastRow {
  let total = row_stats4_total(sweep.stats);
  return ProbsFastRow(sweep.stats.max, log(total), scale * compensated4_total(sweep.a_sum) / total, scale);
}

// weighted_nlp: Σ_c a_c·(−log p_c) over the row. Its terms are finite and non-negative, so if it is
// not finite it overflowed f32 (or its compensation did): +inf, as PyTorch's f32 sum gives.
fn probs_fast_loss(weighted_nlp: f32) -> f32 { return select(f32_pos_inf(), weighted_nlp, is_finite(weighted_nlp)); }

// The gradient of four classes, and their a_c·(−log p_c) into the row's sum.
fn probs_fast_entries(r: ProbsFastRow, x: vec4f, a: vec4f, weighted_nlp: ptr<function, CompensatedSum4>) -> vec4f {
  compensated4_add(weighted_nlp, a * (vec4f(r.log_total) - (x - r.max)));
  return exp(x - r.max) * r.p_coefficient - r.scale * a;
}

// A row's partial last quad where C is not a multiple of 4: it repeats the row's last entry in its
// spare lanes, which add no terms (a = 0 there).
struct ProbsTail { x: vec4f, a: vec4f, spare: vec4<bool> }

fn probs_tail(base: u32) -> ProbsTail {
  let classes = params.classes;
  let whole = classes & ~3u;
  let last = base + classes - 1u;
  let spare = vec4u(whole) + vec4u(0u, 1u, 2u, 3u) >= vec4u(classes);
  let x = vec4f(logits[min(base + whole, last)], logits[min(base + whole + 1u, last)], logits[min(base + whole + 2u, last)], logits[last]);
  let q = vec4f(target_probs[min(base + whole, last)], target_probs[min(base + whole + 1u, last)], target_probs[min(base + whole + 2u, last)], target_probs[last]);
  let c_last = classes - 1u;
  let w = vec4f(weight[min(whole, c_last)], weight[min(whole + 1u, c_last)], weight[min(whole + 2u, c_last)], weight[c_last]);
  return ProbsTail(x, select(probs_coefficients4(q, w), vec4f(0.0), spare), spare);
}

// The tail's share of the first sweep, when the row has one.
fn probs_tail_sweep(sweep: ptr<function, ProbsFastSweep>, tail: ProbsTail) {
  if ((params.classes & 3u) != 0u) {
    row_stats4_push_partial(&(*sweep).stats, tail.x, !tail.spare);
    compensated4_add(&(*sweep).a_sum, tail.a);
  }
}

// The tail's gradient and its share of the loss (nothing from its spare lanes, whose a is 0).
fn probs_tail_entries(r: ProbsFastRow, base: u32, tail: ProbsTail, weighted_nlp: ptr<function, CompensatedSum4>) {
  let whole = params.classes & ~3u;
  let g = probs_fast_entries(r, tail.x, tail.a, weighted_nlp);
  for (var lane = 0u; whole + lane < params.classes; lane++) { grad[base + whole + lane] = g[lane]; }
}
