// Fused cross-entropy forward + backward (PyTorch's F.cross_entropy): the plain general path, one row
// per invocation with every IEEE case, and the per-entry math it shares with the one-row-per-workgroup
// variants (cross_entropy_workgroup.wgsl). The row variant's fast path is cross_entropy_fast.wgsl.
// Shapes: N rows, C classes. logits [N, C]; target [N] class indices or [N, C] probabilities;
// weight [C] (ones when the caller gives none: PyTorch's unweighted loss, bit for bit);
// row_loss [N] ('none' losses, reduced later by reduce_sum.wgsl); grad [N, C].
// Math: each row's loss is ℓ = Σ_c a_c·(−log p_c) with real coefficients (weights may be negative):
//   indices:       a_c = (1−ε)·w_y·[c = y] + (ε/C)·w_c     (0 for an ignored row)
//   probabilities: a_c = w_c·((1−ε)·q_c + ε/C)
// and ∂ℓ/∂x_j = s·(p_j·Σ_c a_c − a_j), s = 1/denominator: Σ_{kept} w_{y_i} (mean, indices), N (mean,
// probabilities), else 1.
// PyTorch adds the ε/C·w_c smoothing term per class and then divides by Σ w_y of the targets
// (pytorch#104776); we match it. Non-finite logits follow IEEE as PyTorch computes the loss, via
// explicit kinds (lib/ieee.wgsl) rather than NaN arithmetic.
// Needs lib/ieee.wgsl, lib/compensated_sum.wgsl, lib/row_stats.wgsl. CrossEntropy's module adds the
// row variant's fast path (cross_entropy_fast.wgsl, lib/fast_rows.wgsl) and the one-row-per-workgroup
// kernels (cross_entropy_workgroup.wgsl, with lib/workgroup_reduce.wgsl or lib/subgroup_reduce.wgsl).

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

// 1/denominator, or NaN when it is 0 (every kept target weighs 0): PyTorch's −w_y·(1/0) is NaN;
// 0 when it overflowed to ±inf (weights near f32 max: PyTorch's −w_y/inf is −0); NaN for NaN.
fn gradient_scale() -> f32 {
  let d = denominator[0];
  if (d == 0.0 || is_nan(d)) { return f32_nan(); }
  return select(0.0, 1.0 / d, is_finite(d));
}

// Partial sums of w_y over the kept (non-ignored) rows: the 'mean' denominator, finished by
// reduce_sum.wgsl's sum_final so that it is deterministic.
@compute @workgroup_size(WORKGROUP_SIZE)
fn target_weight_partials(@builtin(global_invocation_id) gid: vec3u) { target_weight_partial(gid.x); }

fn target_weight_partial(partial: u32) {
  let begin = partial * params.chunk;
  if (begin >= params.rows) { return; }
  let end = min(begin + params.chunk, params.rows);
  // A LossSum, so that weights near f32 max overflow to ±inf as PyTorch's float32 Σw does (the
  // plain compensated sum turns an overflow into NaN a few terms later: ∞ − ∞ in its compensation).
  var sum = LossSum(compensated_new(), KIND_FINITE);
  // Four rows an iteration, in order, branch-free (as reduce_sum.wgsl's sum_chunks).
  var i = begin;
  for (; i + 4u <= end; i += 4u) {
    loss_sum_add(&sum, kept_target_weight(target_index[i]));
    loss_sum_add(&sum, kept_target_weight(target_index[i + 1u]));
    loss_sum_add(&sum, kept_target_weight(target_index[i + 2u]));
    loss_sum_add(&sum, kept_target_weight(target_index[i + 3u]));
  }
  for (; i < end; i++) { loss_sum_add(&sum, kept_target_weight(target_index[i])); }
  weight_partials[partial] = loss_to_f32(loss_sum_term(sum));
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
    if (r.eps > 0.0) { (*loss).smoothing.kind |= loss_of_infinite_nll(w_j).kind; }
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
    // PyTorch forms (log p · q) · w: −inf · 0 is NaN when either factor is 0; q ≥ 0, so w's sign decides.
    (*loss).kind |= loss_of_infinite_nll(select(0.0, w_j, q != 0.0)).kind;
  } else {
    let shifted = x - r.max;
    p = exp_nonpositive(shifted) * r.inv_total;
    loss_sum_add(loss, a_j * (r.log_total - shifted));
  }
  return r.scale * (p * r.a_sum - a_j);
}

// The general path for one row (index targets), with every IEEE case: the row variant runs it on the
// rows its fast kernels defer. lib/fast_rows.wgsl's general_row(row) is index_row_general or
// probs_row_general: CrossEntropy appends the one for its targets to the module (cross_entropy.ts).
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
