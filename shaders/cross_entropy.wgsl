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
// Needs lib/ieee.wgsl, lib/compensated_sum.wgsl, lib/row_stats.wgsl, and lib/workgroup_reduce.wgsl.

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
@group(0) @binding(5) var<storage, read> denominator: array<f32>; // [1]: the reduction's divisor
@group(0) @binding(6) var<storage, read_write> row_loss: array<f32>;
@group(0) @binding(7) var<storage, read_write> grad: array<f32>;
@group(0) @binding(8) var<storage, read_write> weight_partials: array<f32>;

fn row_of(gid: vec3u, groups: vec3u) -> u32 { return gid.x + gid.y * groups.x * WORKGROUP_SIZE; }

// 1/denominator, or NaN when it is 0 (every kept target weighs 0): PyTorch's −w_y·(1/0) is NaN.
fn gradient_scale() -> f32 {
  let d = denominator[0];
  return select(f32_nan(), 1.0 / d, d != 0.0);
}

fn write_nan_row(base: u32) {
  for (var j = 0u; j < params.classes; j++) { grad[base + j] = f32_nan(); }
}

// Partial sums of w_y over the kept (non-ignored) rows: the 'mean' denominator, finished by
// reduce_sum.wgsl's sum_final so that it is deterministic.
@compute @workgroup_size(WORKGROUP_SIZE)
fn target_weight_partials(@builtin(global_invocation_id) gid: vec3u) {
  let begin = gid.x * params.chunk;
  if (begin >= params.rows) { return; }
  let end = min(begin + params.chunk, params.rows);
  var sum = compensated_new();
  for (var i = begin; i < end; i++) {
    let y = target_index[i];
    if (y != params.ignore_index) { compensated_add(&sum, weight[u32(y)]); }
  }
  weight_partials[gid.x] = sum.sum;
}

@compute @workgroup_size(WORKGROUP_SIZE)
fn cross_entropy_index(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) groups: vec3u) {
  let row = row_of(gid, groups);
  if (row >= params.rows) { return; }
  let base = row * params.classes;
  let y = target_index[row];
  let ignored = y == params.ignore_index;
  let eps = params.label_smoothing;
  let smooth_share = eps / f32(params.classes);

  var stats = row_stats_new();
  var weight_total = compensated_new(); // Σ_c w_c, for the smoothing term's share of Σ_c a_c
  for (var j = 0u; j < params.classes; j++) {
    row_stats_push(&stats, logits[base + j]);
    if (eps > 0.0) { compensated_add(&weight_total, weight[j]); }
  }
  if (!row_stats_is_valid(stats)) {
    // log_softmax is NaN across the row; PyTorch's backward multiplies those NaNs even by the
    // zero gradient of an ignored row, so the gradient is NaN either way.
    row_loss[row] = select(f32_nan(), 0.0, ignored);
    write_nan_row(base);
    return;
  }
  if (ignored) {
    row_loss[row] = 0.0;
    for (var j = 0u; j < params.classes; j++) { grad[base + j] = 0.0; }
    return;
  }
  let yu = u32(y);
  let w_y = weight[yu];
  let a_sum = (1.0 - eps) * w_y + smooth_share * weight_total.sum;
  let log_total = log(row_stats_total(stats));
  let inv_total = 1.0 / row_stats_total(stats);
  let scale = gradient_scale();
  let scale_is_finite = is_finite(scale);

  var nll = loss_of_infinite_nll(w_y);
  var smoothing_finite = compensated_new();
  var smoothing_kind = KIND_FINITE;
  for (var j = 0u; j < params.classes; j++) {
    let x = logits[base + j];
    var a_j = select(0.0, (1.0 - eps) * w_y, j == yu);
    if (eps > 0.0) { a_j += smooth_share * weight[j]; } // unsmoothed, weight[j] is never read: one load less per entry
    var p = 0.0;
    if (is_neg_inf(x)) {
      if (eps > 0.0) { smoothing_kind = max(smoothing_kind, loss_of_infinite_nll(weight[j]).kind); }
    } else {
      let shifted = x - stats.max;
      p = exp_nonpositive(shifted) * inv_total;
      let nlp = log_total - shifted; // −log p_j
      if (j == yu) { nll = loss_finite(w_y * nlp); }
      if (eps > 0.0) { compensated_add(&smoothing_finite, weight[j] * nlp); }
    }
    grad[base + j] = select(f32_nan(), scale * (p * a_sum - a_j), scale_is_finite);
  }
  var loss = loss_scale(1.0 - eps, nll);
  if (eps > 0.0) { loss = loss_add(loss, loss_scale(smooth_share, LossTerm(smoothing_finite.sum, smoothing_kind))); }
  row_loss[row] = loss_to_f32(loss);
}

@compute @workgroup_size(WORKGROUP_SIZE)
fn cross_entropy_probs(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) groups: vec3u) {
  let row = row_of(gid, groups);
  if (row >= params.rows) { return; }
  let base = row * params.classes;
  let eps = params.label_smoothing;
  let smooth_share = eps / f32(params.classes);

  var stats = row_stats_new();
  var a_total = compensated_new();
  for (var j = 0u; j < params.classes; j++) {
    row_stats_push(&stats, logits[base + j]);
    compensated_add(&a_total, weight[j] * ((1.0 - eps) * target_probs[base + j] + smooth_share));
  }
  let a_sum = a_total.sum;
  if (!row_stats_is_valid(stats)) {
    row_loss[row] = f32_nan();
    write_nan_row(base);
    return;
  }
  let scale = gradient_scale();
  let log_total = log(row_stats_total(stats));
  let inv_total = 1.0 / row_stats_total(stats);

  var loss_finite_part = compensated_new();
  var loss_kind = KIND_FINITE;
  for (var j = 0u; j < params.classes; j++) {
    let x = logits[base + j];
    let q = (1.0 - eps) * target_probs[base + j] + smooth_share;
    let a_j = weight[j] * q;
    var p = 0.0;
    if (is_neg_inf(x)) {
      // PyTorch forms (log p · q) · w: −inf · 0 is NaN when either factor is 0.
      loss_kind = max(loss_kind, loss_of_infinite_nll(select(0.0, 1.0, q != 0.0 && weight[j] != 0.0)).kind);
    } else {
      let shifted = x - stats.max;
      p = exp_nonpositive(shifted) * inv_total;
      compensated_add(&loss_finite_part, a_j * (log_total - shifted));
    }
    grad[base + j] = scale * (p * a_sum - a_j);
  }
  row_loss[row] = loss_to_f32(LossTerm(loss_finite_part.sum, loss_kind));
}

// Variants for GPUs with fast workgroup memory and long rows: one workgroup per row, each lane
// taking a strided share of the classes; the lanes' row stats and sums merge in a tree
// (lib/workgroup_reduce.wgsl). The same math as the entry points above, summed in another order.
// Every lane reaches every barrier: the row is uniform across the workgroup, and invalid or ignored
// rows are settled by selects after the loops rather than by returning early.

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
  let smooth_share = eps / f32(params.classes);

  var stats = row_stats_new();
  var weights = compensated_new(); // this lane's share of Σ_c w_c
  for (var j = lane; j < params.classes; j += WORKGROUP_SIZE) {
    row_stats_push(&stats, logits[base + j]);
    if (eps > 0.0) { compensated_add(&weights, weight[j]); }
  }
  let whole = workgroup_row_stats(lane, stats);
  var weight_total = 0.0;
  if (eps > 0.0) { weight_total = workgroup_sum(lane, LaneSum(weights, KIND_FINITE)).total.sum; }

  let valid = row_stats_is_valid(whole);
  let yu = select(0u, u32(y), !ignored); // an ignored row's target may be no class at all
  let w_y = weight[yu];
  let a_sum = (1.0 - eps) * w_y + smooth_share * weight_total;
  let log_total = log(row_stats_total(whole));
  let inv_total = 1.0 / row_stats_total(whole);
  let scale = gradient_scale();
  let scale_is_finite = is_finite(scale);

  var smoothing = LaneSum(compensated_new(), KIND_FINITE); // this lane's share of Σ_c w_c·(−log p_c)
  for (var j = lane; j < params.classes; j += WORKGROUP_SIZE) {
    let x = logits[base + j];
    var a_j = select(0.0, (1.0 - eps) * w_y, j == yu);
    if (eps > 0.0) { a_j += smooth_share * weight[j]; }
    var p = 0.0;
    if (is_neg_inf(x)) {
      if (eps > 0.0) { smoothing.kind = max(smoothing.kind, loss_of_infinite_nll(weight[j]).kind); }
    } else {
      let shifted = x - whole.max;
      p = exp_nonpositive(shifted) * inv_total;
      if (eps > 0.0) { compensated_add(&smoothing.total, weight[j] * (log_total - shifted)); }
    }
    var g = select(f32_nan(), scale * (p * a_sum - a_j), scale_is_finite);
    if (ignored) { g = 0.0; }
    if (!valid) { g = f32_nan(); } // as the row variant: NaN even for an ignored row
    grad[base + j] = g;
  }
  if (eps > 0.0) { smoothing = workgroup_sum(lane, smoothing); }

  if (lane == 0u) {
    let x_y = logits[base + yu];
    var nll = loss_of_infinite_nll(w_y);
    if (!is_neg_inf(x_y)) { nll = loss_finite(w_y * (log_total - (x_y - whole.max))); }
    var loss = loss_scale(1.0 - eps, nll);
    if (eps > 0.0) { loss = loss_add(loss, loss_scale(smooth_share, LossTerm(smoothing.total.sum, smoothing.kind))); }
    var out = loss_to_f32(loss);
    if (!valid) { out = f32_nan(); }
    if (ignored) { out = 0.0; }
    row_loss[row] = out;
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
  let eps = params.label_smoothing;
  let smooth_share = eps / f32(params.classes);

  var stats = row_stats_new();
  var coefficients = compensated_new(); // this lane's share of Σ_c a_c
  for (var j = lane; j < params.classes; j += WORKGROUP_SIZE) {
    row_stats_push(&stats, logits[base + j]);
    compensated_add(&coefficients, weight[j] * ((1.0 - eps) * target_probs[base + j] + smooth_share));
  }
  let whole = workgroup_row_stats(lane, stats);
  let a_sum = workgroup_sum(lane, LaneSum(coefficients, KIND_FINITE)).total.sum;
  let valid = row_stats_is_valid(whole);
  let scale = gradient_scale();
  let log_total = log(row_stats_total(whole));
  let inv_total = 1.0 / row_stats_total(whole);

  var loss = LaneSum(compensated_new(), KIND_FINITE); // this lane's share of Σ_c a_c·(−log p_c)
  for (var j = lane; j < params.classes; j += WORKGROUP_SIZE) {
    let x = logits[base + j];
    let q = (1.0 - eps) * target_probs[base + j] + smooth_share;
    let a_j = weight[j] * q;
    var p = 0.0;
    if (is_neg_inf(x)) {
      loss.kind = max(loss.kind, loss_of_infinite_nll(select(0.0, 1.0, q != 0.0 && weight[j] != 0.0)).kind);
    } else {
      let shifted = x - whole.max;
      p = exp_nonpositive(shifted) * inv_total;
      compensated_add(&loss.total, a_j * (log_total - shifted));
    }
    grad[base + j] = select(f32_nan(), scale * (p * a_sum - a_j), valid);
  }
  loss = workgroup_sum(lane, loss);
  if (lane == 0u) { row_loss[row] = select(f32_nan(), loss_to_f32(LossTerm(loss.total.sum, loss.kind)), valid); }
}
