// Fused cross-entropy forward + backward (PyTorch's F.cross_entropy): one row per invocation, or one
// row per workgroup in the *_workgroup variants at the end.
// Shapes: N rows, C classes. logits [N, C]; target [N] class indices or [N, C] probabilities;
// weight [C] (ones when the caller gives none: PyTorch's unweighted loss, bit for bit);
// row_loss [N] ('none' losses, reduced later by reduce_sum.wgsl); grad [N, C].
// Math: each row's loss is ℓ = Σ_c a_c·(−log p_c) with coefficients a_c ≥ 0:
//   indices:       a_c = (1−ε)·w_y·[c = y] + (ε/C)·w_c     (0 for an ignored row)
//   probabilities: a_c = w_c·((1−ε)·q_c + ε/C)
// and ∂ℓ/∂x_j = s·(p_j·Σ_c a_c − a_j), s = 1/denominator: Σ_{kept} w_{y_i} (mean, indices), N (mean,
// probabilities), else 1.
// PyTorch adds the ε/C·w_c smoothing term per class and then divides by Σ w_y of the targets
// (pytorch#104776); we match it. Non-finite logits follow IEEE as PyTorch computes the loss, via
// explicit kinds (lib/ieee.wgsl) rather than NaN arithmetic.
// Needs lib/ieee.wgsl, lib/compensated_sum.wgsl, lib/row_stats.wgsl, lib/fast_rows.wgsl, and
// lib/workgroup_reduce.wgsl or lib/subgroup_reduce.wgsl for the one-row-per-workgroup variants.

struct Params {
  rows: u32,            // N
  classes: u32,         // C
  ignore_index: i32,    // index targets equal to this are ignored
  _pad0: u32,
  label_smoothing: f32, // ε in [0, 1]
  chunk: u32,           // rows per partial in target_weight_partials
  _pad1: u32,
  _pad2: u32,
}

override WORKGROUP_SIZE: u32 = 64u;

@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read> logits: array<f32>;
@group(0) @binding(2) var<storage, read> target_index: array<i32>;
@group(0) @binding(3) var<storage, read> target_probs: array<f32>;
@group(0) @binding(4) var<storage, read> weight: array<f32>;
// [2]: the reduction's divisor, and Σ_c w_c (summed once a call for the smoothed fast path; it shares
// this buffer because a kernel may bind at most 8 storage buffers)
@group(0) @binding(5) var<storage, read> denominator: array<f32>;
@group(0) @binding(6) var<storage, read_write> row_loss: array<f32>;
@group(0) @binding(7) var<storage, read_write> grad: array<f32>;
@group(0) @binding(8) var<storage, read_write> weight_partials: array<f32>;
@group(0) @binding(5) var<storage, read_write> denominator_out: array<f32>; // for store_class_weight_total
// The same as vec4, for the *_vec4 entry points (C a multiple of 4): on SwiftShader a vec4 load or
// store costs about what a float's does, and log-softmax's row kernel ran 1.3× faster with them.
@group(0) @binding(1) var<storage, read> logits_vec4: array<vec4f>;
@group(0) @binding(3) var<storage, read> target_probs_vec4: array<vec4f>;
@group(0) @binding(4) var<storage, read> weight_vec4: array<vec4f>;
@group(0) @binding(7) var<storage, read_write> grad_vec4: array<vec4f>;

fn row_of(gid: vec3u, groups: vec3u) -> u32 { return gid.x + gid.y * groups.x * WORKGROUP_SIZE; }

// 1/denominator, or NaN when it is 0 (every kept target weighs 0): PyTorch's −w_y·(1/0) is NaN.
fn gradient_scale() -> f32 {
  let d = denominator[0];
  return select(f32_nan(), 1.0 / d, d != 0.0);
}

// Partial sums of w_y over the kept (non-ignored) rows: the 'mean' denominator, finished by
// reduce_sum.wgsl's sum_final so that it is deterministic.
@compute @workgroup_size(WORKGROUP_SIZE)
fn target_weight_partials(@builtin(global_invocation_id) gid: vec3u) { target_weight_partial(gid.x); }

// The same, also preparing the fast path (prepare_fast_rows) before the fast kernel runs: one
// dispatch fewer where 'mean' needs this one anyway.
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

fn target_weight_partial(partial: u32) {
  let begin = partial * params.chunk;
  if (begin >= params.rows) { return; }
  let end = min(begin + params.chunk, params.rows);
  var sum = compensated_new();
  // Four rows an iteration, in order, branch-free (as reduce_sum.wgsl's sum_chunks).
  var i = begin;
  for (; i + 4u <= end; i += 4u) {
    compensated_add(&sum, kept_target_weight(target_index[i]));
    compensated_add(&sum, kept_target_weight(target_index[i + 1u]));
    compensated_add(&sum, kept_target_weight(target_index[i + 2u]));
    compensated_add(&sum, kept_target_weight(target_index[i + 3u]));
  }
  for (; i < end; i++) { compensated_add(&sum, kept_target_weight(target_index[i])); }
  weight_partials[partial] = sum.sum;
}

// w_y for a kept target, 0 for an ignored one.
fn kept_target_weight(y: i32) -> f32 {
  let kept = y != params.ignore_index;
  return select(0.0, weight[select(0u, u32(y), kept)], kept);
}

// The per-entry math, shared by every entry point: each row's first sweep gathers its RowStats
// (and Σ_c w_c, or Σ_c a_c); the second calls *_entry once per class, in class order, for the
// gradient and the row's loss terms. The entry points differ only in how they load and store.

// Index targets: the row's constants for the second sweep.
struct IndexRow {
  yu: u32,
  w_y: f32,
  eps: f32,
  smooth_share: f32, // ε/C
  a_sum: f32, // Σ_c a_c = (1−ε)·w_y + (ε/C)·Σ_c w_c
  max: f32,
  log_total: f32,
  inv_total: f32,
  scale: f32,
  scale_is_finite: bool,
}

// What the second sweep adds up: −w_y·log p_y, and the smoothing term Σ_c w_c·(−log p_c).
struct IndexLoss { nll: LossTerm, smoothing: LossSum }

fn index_row(yu: u32, w_y: f32, weight_total: f32, stats: RowStats) -> IndexRow {
  let eps = params.label_smoothing;
  let smooth_share = eps / f32(params.classes);
  let total = row_stats_total(stats);
  let scale = gradient_scale();
  return IndexRow(yu, w_y, eps, smooth_share, (1.0 - eps) * w_y + smooth_share * weight_total, stats.max, log(total), 1.0 / total, scale, is_finite(scale));
}

fn index_loss_new(w_y: f32) -> IndexLoss {
  // −log p_y stays +inf unless x_y turns out finite.
  return IndexLoss(loss_of_infinite_nll(w_y), LossSum(compensated_new(), KIND_FINITE));
}

// ∂ℓ/∂x_j for a valid, kept row, adding class j's share of the loss. w_j: weight[j], read by the
// caller only with smoothing (unsmoothed, it is never needed: one load less per entry).
fn index_entry(j: u32, x: f32, w_j: f32, r: IndexRow, loss: ptr<function, IndexLoss>) -> f32 {
  var a_j = select(0.0, (1.0 - r.eps) * r.w_y, j == r.yu);
  if (r.eps > 0.0) { a_j += r.smooth_share * w_j; }
  var p = 0.0;
  if (is_neg_inf(x)) {
    if (r.eps > 0.0) { (*loss).smoothing.kind = max((*loss).smoothing.kind, loss_of_infinite_nll(w_j).kind); }
  } else {
    let shifted = x - r.max;
    p = exp_nonpositive(shifted) * r.inv_total;
    let nlp = r.log_total - shifted; // −log p_j
    if (j == r.yu) { (*loss).nll = loss_term(r.w_y * nlp); }
    if (r.eps > 0.0) { loss_sum_add(&(*loss).smoothing, w_j * nlp); }
  }
  return select(f32_nan(), r.scale * (p * r.a_sum - a_j), r.scale_is_finite);
}

// ℓ = (1−ε)·nll + (ε/C)·smoothing.
fn index_row_loss(r: IndexRow, nll: LossTerm, smoothing: LossSum) -> f32 {
  var loss = loss_scale(1.0 - r.eps, nll);
  if (r.eps > 0.0) { loss = loss_add(loss, loss_scale(r.smooth_share, loss_sum_term(smoothing))); }
  return loss_to_f32(loss);
}

// The gradient of an ignored or invalid row, and its loss. An invalid row (NaN or +inf, or no finite
// logit) has NaN log-probabilities, and PyTorch's backward multiplies them even by an ignored row's
// zero gradient: NaN either way. Its loss is 0 when ignored, else NaN.
fn special_grad(valid: bool) -> f32 { return select(f32_nan(), 0.0, valid); }
fn special_loss(ignored: bool) -> f32 { return select(f32_nan(), 0.0, ignored); }

// Probability targets: the row's constants for the second sweep.
struct ProbsRow {
  eps: f32,
  smooth_share: f32,
  a_sum: f32, // Σ_c a_c
  max: f32,
  log_total: f32,
  inv_total: f32,
  scale: f32,
}

fn probs_row(a_sum: f32, stats: RowStats) -> ProbsRow {
  let eps = params.label_smoothing;
  let total = row_stats_total(stats);
  return ProbsRow(eps, eps / f32(params.classes), a_sum, stats.max, log(total), 1.0 / total, gradient_scale());
}

// a_c = w_c·((1−ε)·q_c + ε/C), the first sweep's term.
fn probs_coefficient(q: f32, w_j: f32) -> f32 {
  let eps = params.label_smoothing;
  return w_j * ((1.0 - eps) * q + eps / f32(params.classes));
}

// ∂ℓ/∂x_j for a valid row, adding a_j·(−log p_j) to the loss.
fn probs_entry(x: f32, q_j: f32, w_j: f32, r: ProbsRow, loss: ptr<function, LossSum>) -> f32 {
  let q = (1.0 - r.eps) * q_j + r.smooth_share;
  let a_j = w_j * q;
  var p = 0.0;
  if (is_neg_inf(x)) {
    // PyTorch forms (log p · q) · w: −inf · 0 is NaN when either factor is 0.
    (*loss).kind = max((*loss).kind, loss_of_infinite_nll(select(0.0, 1.0, q != 0.0 && w_j != 0.0)).kind);
  } else {
    let shifted = x - r.max;
    p = exp_nonpositive(shifted) * r.inv_total;
    loss_sum_add(loss, a_j * (r.log_total - shifted));
  }
  return r.scale * (p * r.a_sum - a_j);
}

// The general path for one row (index targets), with every IEEE case: the row variant runs it on the
// rows its fast kernels defer (lib/fast_rows.wgsl's general_row).
fn index_row_general(row: u32) {
  let base = row * params.classes;
  let y = target_index[row];
  let ignored = y == params.ignore_index;
  let eps = params.label_smoothing;

  var stats = row_stats_new();
  var weight_total = compensated_new(); // Σ_c w_c, for the smoothing term's share of Σ_c a_c
  for (var j = 0u; j < params.classes; j++) {
    row_stats_push(&stats, logits[base + j]);
    if (eps > 0.0) { compensated_add(&weight_total, weight[j]); }
  }
  let valid = row_stats_is_valid(stats);
  if (ignored || !valid) {
    row_loss[row] = special_loss(ignored);
    for (var j = 0u; j < params.classes; j++) { grad[base + j] = special_grad(valid); }
    return;
  }
  let w_y = weight[u32(y)];
  let r = index_row(u32(y), w_y, weight_total.sum, stats);
  var loss = index_loss_new(w_y);
  for (var j = 0u; j < params.classes; j++) {
    var w_j = 0.0;
    if (eps > 0.0) { w_j = weight[j]; }
    grad[base + j] = index_entry(j, logits[base + j], w_j, r, &loss);
  }
  row_loss[row] = index_row_loss(r, loss.nll, loss.smoothing);
}

// The fast kernels' test of a row after its first sweep: unless the row is ordinary and the gradient
// scale finite, it is listed for the general path (lib/fast_rows.wgsl), and the kernel leaves it.
fn deferred(row: u32, stats: RowStats4, scale: f32) -> bool {
  let defer = !row_stats4_is_ordinary(stats) || !is_finite(scale);
  if (defer) { defer_row(row); }
  return defer;
}

// Index targets without label smoothing, the usual case (CrossEntropy picks these entry points when
// ε = 0): a_c = w_y·[c = y], so ℓ = w_y·(log Σ_c exp(x_c − m) − (x_y − m)) and
// ∂ℓ/∂x_j = s·w_y·(p_j − [j = y]); an ignored row has w_y = 0 here (zero gradient, zero loss).
// A fast path for ordinary rows (every |x| < 2^126), with no per-entry branch (RowStats4): on
// SwiftShader, which runs both sides of every branch, the general path spends most of its
// time on IEEE cases that rarely occur. Every other row (and every row when the gradient scale is not
// finite) is deferred to the general path (lib/fast_rows.wgsl).

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
fn unsmoothed_grad4(r: UnsmoothedRow, x: vec4f) -> vec4f { return exp(x - r.max) * r.p_coefficient; }

fn unsmoothed_loss(r: UnsmoothedRow, x_y: f32) -> f32 { return r.w_y * (r.log_total - (x_y - r.max)); }

@compute @workgroup_size(WORKGROUP_SIZE)
fn cross_entropy_index_unsmoothed(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) groups: vec3u) {
  let row = row_of(gid, groups);
  if (row >= params.rows) { return; }
  let classes = params.classes;
  let base = row * classes;

  let stats = fast_row_stats(base, classes);
  let scale = gradient_scale();
  if (deferred(row, stats, scale)) { return; }
  let y = target_index[row];
  let r = unsmoothed_row(y, weight[unsmoothed_target(y)], scale, stats);
  // Four entries an iteration, as in the first sweep.
  var j = 0u;
  for (; j + 4u <= classes; j += 4u) {
    grad[base + j] = unsmoothed_grad(r, logits[base + j]);
    grad[base + j + 1u] = unsmoothed_grad(r, logits[base + j + 1u]);
    grad[base + j + 2u] = unsmoothed_grad(r, logits[base + j + 2u]);
    grad[base + j + 3u] = unsmoothed_grad(r, logits[base + j + 3u]);
  }
  for (; j < classes; j++) { grad[base + j] = unsmoothed_grad(r, logits[base + j]); }
  let x_y = logits[base + r.yu];
  grad[base + r.yu] = unsmoothed_grad(r, x_y) - r.coefficient;
  row_loss[row] = unsmoothed_loss(r, x_y);
}

@compute @workgroup_size(WORKGROUP_SIZE)
fn cross_entropy_index_unsmoothed_vec4(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) groups: vec3u) {
  let row = row_of(gid, groups);
  if (row >= params.rows) { return; }
  let n = params.classes / 4u;
  let base = row * n;

  let stats = fast_row_stats_vec4(base, n);
  let scale = gradient_scale();
  if (deferred(row, stats, scale)) { return; }
  let y = target_index[row];
  let yu = unsmoothed_target(y);
  let r = unsmoothed_row(y, weight_vec4[yu / 4u][yu % 4u], scale, stats);
  // Four vec4 an iteration, as in the first sweep.
  var k = 0u;
  for (; k + 4u <= n; k += 4u) {
    grad_vec4[base + k] = unsmoothed_grad4(r, logits_vec4[base + k]);
    grad_vec4[base + k + 1u] = unsmoothed_grad4(r, logits_vec4[base + k + 1u]);
    grad_vec4[base + k + 2u] = unsmoothed_grad4(r, logits_vec4[base + k + 2u]);
    grad_vec4[base + k + 3u] = unsmoothed_grad4(r, logits_vec4[base + k + 3u]);
  }
  for (; k < n; k++) { grad_vec4[base + k] = unsmoothed_grad4(r, logits_vec4[base + k]); }
  let x_y = logits_vec4[base + yu / 4u][yu % 4u];
  grad_vec4[base + yu / 4u][yu % 4u] = unsmoothed_grad(r, x_y) - r.coefficient;
  row_loss[row] = unsmoothed_loss(r, x_y);
}

// Index targets with label smoothing (CrossEntropy picks these entry points when ε > 0): for a kept
// row a_c = (1−ε)·w_y·[c = y] + (ε/C)·w_c, so ∂ℓ/∂x_j = s·(p_j·Σa − a_j) with Σa = (1−ε)·w_y + (ε/C)·Σ_c w_c,
// and ℓ = (1−ε)·w_y·(−log p_y) + (ε/C)·Σ_c w_c·(−log p_c); an ignored row has zero gradient and loss.
// The same fast path as above: ordinary rows only, the others deferred. Σ_c w_c is the same for every
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
fn smoothed_grad4(r: SmoothedRow, x: vec4f, w: vec4f) -> vec4f { return exp(x - r.max) * r.p_coefficient - r.share * w; }

// −log p of an ordinary row's entries.
fn smoothed_nlp(r: SmoothedRow, x: f32) -> f32 { return r.log_total - (x - r.max); }
fn smoothed_nlp4(r: SmoothedRow, x: vec4f) -> vec4f { return vec4f(r.log_total) - (x - r.max); }

// weighted_nlp: Σ_c w_c·(−log p_c) over the row. Its terms are finite and non-negative, so if it is
// not finite it overflowed f32 (or its compensation did): +inf, as PyTorch's f32 sum gives.
fn smoothed_loss(r: SmoothedRow, x_y: f32, weighted_nlp: f32) -> f32 {
  let eps = params.label_smoothing;
  let smoothing = select(f32_pos_inf(), weighted_nlp, is_finite(weighted_nlp));
  let loss = (1.0 - eps) * r.w_y * smoothed_nlp(r, x_y) + (eps / f32(params.classes)) * smoothing;
  return select(0.0, loss, r.kept);
}

// Class j's gradient, and its w_j·(−log p_j) into the row's sum.
fn smoothed_entry(r: SmoothedRow, base: u32, j: u32, weighted_nlp: ptr<function, CompensatedSum>) {
  let x = logits[base + j];
  let w = weight[j];
  grad[base + j] = smoothed_grad(r, x, w);
  compensated_add(weighted_nlp, w * smoothed_nlp(r, x));
}

fn smoothed_entry4(r: SmoothedRow, base: u32, k: u32, weighted_nlp: ptr<function, CompensatedSum4>) {
  let x = logits_vec4[base + k];
  let w = weight_vec4[k];
  grad_vec4[base + k] = smoothed_grad4(r, x, w);
  compensated4_add(weighted_nlp, w * smoothed_nlp4(r, x));
}

@compute @workgroup_size(WORKGROUP_SIZE)
fn cross_entropy_index_smoothed(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) groups: vec3u) {
  let row = row_of(gid, groups);
  if (row >= params.rows) { return; }
  let classes = params.classes;
  let base = row * classes;

  let stats = fast_row_stats(base, classes);
  let scale = gradient_scale();
  if (deferred(row, stats, scale)) { return; }
  let y = target_index[row];
  let yu = unsmoothed_target(y);
  let r = smoothed_row(y, weight[yu], scale, stats.max, row_stats4_total(stats));
  var weighted_nlp = compensated_new();
  // Four entries an iteration, as in the first sweep.
  var j = 0u;
  for (; j + 4u <= classes; j += 4u) {
    smoothed_entry(r, base, j, &weighted_nlp);
    smoothed_entry(r, base, j + 1u, &weighted_nlp);
    smoothed_entry(r, base, j + 2u, &weighted_nlp);
    smoothed_entry(r, base, j + 3u, &weighted_nlp);
  }
  for (; j < classes; j++) { smoothed_entry(r, base, j, &weighted_nlp); }
  let x_y = logits[base + yu];
  grad[base + yu] = smoothed_grad(r, x_y, weight[yu]) - r.target_coefficient;
  row_loss[row] = smoothed_loss(r, x_y, weighted_nlp.sum);
}

@compute @workgroup_size(WORKGROUP_SIZE)
fn cross_entropy_index_smoothed_vec4(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) groups: vec3u) {
  let row = row_of(gid, groups);
  if (row >= params.rows) { return; }
  let n = params.classes / 4u;
  let base = row * n;

  let stats = fast_row_stats_vec4(base, n);
  let scale = gradient_scale();
  if (deferred(row, stats, scale)) { return; }
  let y = target_index[row];
  let yu = unsmoothed_target(y);
  let w_y = weight_vec4[yu / 4u][yu % 4u];
  let r = smoothed_row(y, w_y, scale, stats.max, row_stats4_total(stats));
  var weighted_nlp = compensated4_new();
  // Four vec4 an iteration, as in the first sweep.
  var k = 0u;
  for (; k + 4u <= n; k += 4u) {
    smoothed_entry4(r, base, k, &weighted_nlp);
    smoothed_entry4(r, base, k + 1u, &weighted_nlp);
    smoothed_entry4(r, base, k + 2u, &weighted_nlp);
    smoothed_entry4(r, base, k + 3u, &weighted_nlp);
  }
  for (; k < n; k++) { smoothed_entry4(r, base, k, &weighted_nlp); }
  let x_y = logits_vec4[base + yu / 4u][yu % 4u];
  grad_vec4[base + yu / 4u][yu % 4u] = smoothed_grad(r, x_y, w_y) - r.target_coefficient;
  row_loss[row] = smoothed_loss(r, x_y, compensated4_total(weighted_nlp));
}

// lib/fast_rows.wgsl's general path, general_row(row), is index_row_general or probs_row_general:
// CrossEntropy appends the one for its targets to the module (src/gpu/kernels/cross_entropy.ts).

// Probability targets with the same fast path (CrossEntropy picks these entry points for them):
// a_c = w_c·((1−ε)·q_c + ε/C), ∂ℓ/∂x_j = s·(p_j·Σa − a_j), ℓ = Σ_c a_c·(−log p_c), with no per-entry
// branch for ordinary rows; the others deferred to probs_row_general. The first sweep folds Σa beside
// the row's statistics; the second reads q and w again for a_j.

// a_c of four classes.
fn probs_coefficients4(q: vec4f, w: vec4f) -> vec4f {
  let eps = params.label_smoothing;
  return w * ((1.0 - eps) * q + eps / f32(params.classes));
}

fn probs_quad(i: u32) -> vec4f { return vec4f(target_probs[i], target_probs[i + 1u], target_probs[i + 2u], target_probs[i + 3u]); }
fn weight_quad(c: u32) -> vec4f { return vec4f(weight[c], weight[c + 1u], weight[c + 2u], weight[c + 3u]); }

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

@compute @workgroup_size(WORKGROUP_SIZE)
fn cross_entropy_probs_fast(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) groups: vec3u) {
  let row = row_of(gid, groups);
  if (row >= params.rows) { return; }
  let classes = params.classes;
  let base = row * classes;
  let whole = classes & ~3u;
  let last = base + classes - 1u;

  var sweep = ProbsFastSweep(row_stats4_new(logits[base]), compensated4_new());
  var j = 0u;
  for (; j < whole; j += 4u) {
    row_stats4_push(&sweep.stats, logits_quad(base + j));
    compensated4_add(&sweep.a_sum, probs_coefficients4(probs_quad(base + j), weight_quad(j)));
  }
  // A partial last quad repeats the row's last entry in its spare lanes, which add no terms.
  let spare = vec4u(whole) + vec4u(0u, 1u, 2u, 3u) >= vec4u(classes);
  let tail_x = vec4f(logits[min(base + whole, last)], logits[min(base + whole + 1u, last)], logits[min(base + whole + 2u, last)], logits[last]);
  let tail_q = vec4f(target_probs[min(base + whole, last)], target_probs[min(base + whole + 1u, last)], target_probs[min(base + whole + 2u, last)], target_probs[last]);
  let c_last = classes - 1u;
  let tail_w = vec4f(weight[min(whole, c_last)], weight[min(whole + 1u, c_last)], weight[min(whole + 2u, c_last)], weight[c_last]);
  let tail_a = select(probs_coefficients4(tail_q, tail_w), vec4f(0.0), spare);
  if (whole < classes) {
    row_stats4_push_partial(&sweep.stats, tail_x, !spare);
    compensated4_add(&sweep.a_sum, tail_a);
  }
  let scale = gradient_scale();
  if (deferred(row, sweep.stats, scale)) { return; }
  let r = probs_fast_row(sweep, scale);
  var weighted_nlp = compensated4_new();
  j = 0u;
  for (; j < whole; j += 4u) {
    let g = probs_fast_entries(r, logits_quad(base + j), probs_coefficients4(probs_quad(base + j), weight_quad(j)), &weighted_nlp);
    grad[base + j] = g.x;
    grad[base + j + 1u] = g.y;
    grad[base + j + 2u] = g.z;
    grad[base + j + 3u] = g.w;
  }
  let g = probs_fast_entries(r, tail_x, tail_a, &weighted_nlp);
  for (var lane = 0u; whole + lane < classes; lane++) { grad[base + whole + lane] = g[lane]; }
  row_loss[row] = probs_fast_loss(compensated4_total(weighted_nlp));
}

@compute @workgroup_size(WORKGROUP_SIZE)
fn cross_entropy_probs_fast_vec4(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) groups: vec3u) {
  let row = row_of(gid, groups);
  if (row >= params.rows) { return; }
  let n = params.classes / 4u;
  let base = row * n;

  var sweep = ProbsFastSweep(row_stats4_new(logits_vec4[base].x), compensated4_new());
  for (var k = 0u; k < n; k++) {
    row_stats4_push(&sweep.stats, logits_vec4[base + k]);
    compensated4_add(&sweep.a_sum, probs_coefficients4(target_probs_vec4[base + k], weight_vec4[k]));
  }
  let scale = gradient_scale();
  if (deferred(row, sweep.stats, scale)) { return; }
  let r = probs_fast_row(sweep, scale);
  var weighted_nlp = compensated4_new();
  for (var k = 0u; k < n; k++) {
    let a = probs_coefficients4(target_probs_vec4[base + k], weight_vec4[k]);
    grad_vec4[base + k] = probs_fast_entries(r, logits_vec4[base + k], a, &weighted_nlp);
  }
  row_loss[row] = probs_fast_loss(compensated4_total(weighted_nlp));
}

// The general path for one row (probability targets), as index_row_general.
fn probs_row_general(row: u32) {
  let base = row * params.classes;

  var stats = row_stats_new();
  var a_total = compensated_new();
  for (var j = 0u; j < params.classes; j++) {
    row_stats_push(&stats, logits[base + j]);
    compensated_add(&a_total, probs_coefficient(target_probs[base + j], weight[j]));
  }
  if (!row_stats_is_valid(stats)) {
    row_loss[row] = f32_nan();
    for (var j = 0u; j < params.classes; j++) { grad[base + j] = f32_nan(); }
    return;
  }
  let r = probs_row(a_total.sum, stats);
  var loss = LossSum(compensated_new(), KIND_FINITE);
  for (var j = 0u; j < params.classes; j++) {
    grad[base + j] = probs_entry(logits[base + j], target_probs[base + j], weight[j], r, &loss);
  }
  row_loss[row] = loss_to_f32(loss_sum_term(loss));
}

// Variants for GPUs with fast workgroup memory or subgroups, and long rows: one workgroup per row,
// each lane taking a strided share of the classes; the lanes' row stats and sums merge through the
// module's library: a tree in workgroup memory (lib/workgroup_reduce.wgsl, the 'workgroup' variant)
// or shuffles within a workgroup that is one subgroup (lib/subgroup_reduce.wgsl, 'subgroup'). The
// same math as the general path above, summed in another order. Every lane reaches every barrier and
// shuffle: the row is uniform across the workgroup, and invalid or ignored rows are settled by
// selects after the loops rather than by returning early.

@compute @workgroup_size(WORKGROUP_SIZE)
fn cross_entropy_index_workgroup(
  @builtin(workgroup_id) group: vec3u,
  @builtin(num_workgroups) groups: vec3u,
  @builtin(local_invocation_index) lane: u32,
) {
  let row = group.x + group.y * groups.x;
  if (row >= params.rows) { return; }
  let base = row * params.classes;
  let y = target_index[row];
  let ignored = y == params.ignore_index;
  let eps = params.label_smoothing;

  var stats = row_stats_new();
  var weights = compensated_new(); // this lane's share of Σ_c w_c
  for (var j = lane; j < params.classes; j += WORKGROUP_SIZE) {
    row_stats_push(&stats, logits[base + j]);
    if (eps > 0.0) { compensated_add(&weights, weight[j]); }
  }
  let whole = workgroup_row_stats(lane, stats);
  var weight_total = 0.0;
  if (eps > 0.0) { weight_total = workgroup_sum(lane, LossSum(weights, KIND_FINITE)).total.sum; }

  let valid = row_stats_is_valid(whole);
  let yu = select(0u, u32(y), !ignored); // an ignored row's target may be no class at all
  let w_y = weight[yu];
  let r = index_row(yu, w_y, weight_total, whole);
  var loss = index_loss_new(w_y); // this lane's share; its nll is not used (lane 0 computes it)
  for (var j = lane; j < params.classes; j += WORKGROUP_SIZE) {
    var w_j = 0.0;
    if (eps > 0.0) { w_j = weight[j]; }
    let g = index_entry(j, logits[base + j], w_j, r, &loss);
    grad[base + j] = select(special_grad(valid), g, valid && !ignored);
  }
  var smoothing = loss.smoothing;
  if (eps > 0.0) { smoothing = workgroup_sum(lane, smoothing); }

  if (lane == 0u) {
    let x_y = logits[base + yu];
    var nll = loss_of_infinite_nll(w_y);
    if (!is_neg_inf(x_y)) { nll = loss_term(w_y * (r.log_total - (x_y - r.max))); }
    row_loss[row] = select(special_loss(ignored), index_row_loss(r, nll, smoothing), valid && !ignored);
  }
}

@compute @workgroup_size(WORKGROUP_SIZE)
fn cross_entropy_probs_workgroup(
  @builtin(workgroup_id) group: vec3u,
  @builtin(num_workgroups) groups: vec3u,
  @builtin(local_invocation_index) lane: u32,
) {
  let row = group.x + group.y * groups.x;
  if (row >= params.rows) { return; }
  let base = row * params.classes;

  var stats = row_stats_new();
  var coefficients = compensated_new(); // this lane's share of Σ_c a_c
  for (var j = lane; j < params.classes; j += WORKGROUP_SIZE) {
    row_stats_push(&stats, logits[base + j]);
    compensated_add(&coefficients, probs_coefficient(target_probs[base + j], weight[j]));
  }
  let whole = workgroup_row_stats(lane, stats);
  let a_sum = workgroup_sum(lane, LossSum(coefficients, KIND_FINITE)).total.sum;
  let valid = row_stats_is_valid(whole);
  let r = probs_row(a_sum, whole);

  var loss = LossSum(compensated_new(), KIND_FINITE); // this lane's share of Σ_c a_c·(−log p_c)
  for (var j = lane; j < params.classes; j += WORKGROUP_SIZE) {
    let g = probs_entry(logits[base + j], target_probs[base + j], weight[j], r, &loss);
    grad[base + j] = select(f32_nan(), g, valid);
  }
  loss = workgroup_sum(lane, loss);
  if (lane == 0u) { row_loss[row] = select(f32_nan(), loss_to_f32(loss_sum_term(loss)), valid); }
}
