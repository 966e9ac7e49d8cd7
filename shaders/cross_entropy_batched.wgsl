// Cross-entropy of every run of a sweep (PyTorch's F.cross_entropy, fused forward + backward): the
// general path of shaders/cross_entropy.wgsl with a run index, each run with its own class weights,
// label smoothing, ignore_index and reduction; the targets are shared (every run sees the same batch).
// Shapes: R runs, N rows, C classes. logits, grad [R, N, C] (runs [capacity N, C] apart); target [N]
// i32 or [N, C] f32; weight [R, C]; settings [R]; denominator, loss [R]; row_loss [R, N].
// Math per run as cross_entropy.wgsl: ℓ_i = Σ_c a_c·(−log p_c), a_c = (1−ε)·w_y·[c = y] + (ε/C)·w_c
// (indices) or w_c·((1−ε)·q_c + ε/C) (probabilities); ∂ℓ/∂x_j = s·(p_j·Σ_c a_c − a_j), s = 1/d with
// d = Σ_kept w_y (mean, indices), N (mean, probabilities), else 1. This is cross_entropy.wgsl's
// general path (every IEEE case, compensated sums); the divisor and the loss are summed in the single
// model's order (partials of 256 rows, then the partials). CrossEntropy's fast path, which GpuMlp
// takes for ordinary rows, forms the gradient as exp(x − m)·(s·w_y/Σ) − s·w_y instead, so a run's
// gradient is within an ulp of GpuMlp's, not bit for bit. Compiled after shaders/reduce_sum.wgsl (its
// SpecialSum); its own resources sit at bindings 10 and up, and the run is workgroup_id.z (rows) or
// the invocation (the per-run sums).

struct LossShape {
  rows: u32,       // N rows in this batch
  classes: u32,    // C
  runs: u32,       // R
  row_stride: u32, // floats between runs in logits and grad: the capacity's N·C
  row_loss_stride: u32, // floats between runs in row_loss: the capacity's N
  chunk: u32,      // rows per partial sum (REDUCE_CHUNK)
  _pad0: u32,
  _pad1: u32,
}

// A run's loss settings.
struct RunLoss {
  ignore_index: i32,
  label_smoothing: f32, // ε in [0, 1]
  reduction: u32,       // 0 none, 1 mean, 2 sum
  _pad: u32,
}

const MEAN: u32 = 1u;

@group(0) @binding(10) var<uniform> ce: LossShape;
@group(0) @binding(11) var<storage, read> ce_logits: array<f32>;
@group(0) @binding(12) var<storage, read> ce_target_index: array<i32>;
@group(0) @binding(13) var<storage, read> ce_target_probs: array<f32>;
@group(0) @binding(14) var<storage, read> ce_weight: array<f32>;
@group(0) @binding(15) var<storage, read> ce_settings: array<RunLoss>;
@group(0) @binding(16) var<storage, read_write> ce_denominator_out: array<f32>;
@group(0) @binding(17) var<storage, read> ce_denominator: array<f32>;
@group(0) @binding(18) var<storage, read_write> ce_row_loss: array<f32>;
@group(0) @binding(19) var<storage, read_write> ce_grad: array<f32>;
@group(0) @binding(20) var<storage, read_write> ce_loss: array<f32>;
@group(0) @binding(21) var<storage, read> ce_row_loss_in: array<f32>;

// w_y of run `run` for a kept target, 0 for an ignored one.
fn kept_weight(run: u32, y: i32, ignore_index: i32) -> f32 {
  let kept = y != ignore_index;
  return select(0.0, ce_weight[run * ce.classes + select(0u, u32(y), kept)], kept);
}

// Each run's divisor: as target_weight_partials then sum_final (indices, mean), N (probabilities,
// mean), or 1. One invocation per run: N is a batch, and a run's sum has a fixed order.
@compute @workgroup_size(WORKGROUP_SIZE)
fn ce_batched_index_denominator(@builtin(global_invocation_id) gid: vec3u) {
  let run = gid.x;
  if (run >= ce.runs) { return; }
  let s = ce_settings[run];
  if (s.reduction != MEAN) { ce_denominator_out[run] = 1.0; return; }
  var total = special_sum_new();
  for (var begin = 0u; begin < ce.rows; begin += ce.chunk) {
    let end = min(begin + ce.chunk, ce.rows);
    var sum = LossSum(compensated_new(), KIND_FINITE);
    for (var i = begin; i < end; i++) { loss_sum_add(&sum, kept_weight(run, ce_target_index[i], s.ignore_index)); }
    special_sum_push(&total, loss_to_f32(loss_sum_term(sum)));
  }
  ce_denominator_out[run] = special_sum_value(total);
}

@compute @workgroup_size(WORKGROUP_SIZE)
fn ce_batched_probs_denominator(@builtin(global_invocation_id) gid: vec3u) {
  let run = gid.x;
  if (run >= ce.runs) { return; }
  ce_denominator_out[run] = select(1.0, f32(ce.rows), ce_settings[run].reduction == MEAN);
}

// 1/d, NaN when d is 0 or NaN, 0 when d overflowed (cross_entropy.wgsl's gradient_scale).
fn run_gradient_scale(run: u32) -> f32 {
  let d = ce_denominator[run];
  if (d == 0.0 || is_nan(d)) { return f32_nan(); }
  return select(0.0, 1.0 / d, is_finite(d));
}

fn row_index(gid: vec3u, groups: vec3u) -> u32 { return gid.x + gid.y * groups.x * WORKGROUP_SIZE; }

// cross_entropy.wgsl's index_row_general for row (gid.x, gid.y) of run gid.z.
@compute @workgroup_size(WORKGROUP_SIZE)
fn ce_batched_index_rows(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) groups: vec3u) {
  let row = row_index(gid, groups);
  if (row >= ce.rows) { return; }
  let run = gid.z;
  let s = ce_settings[run];
  let base = run * ce.row_stride + row * ce.classes;
  let w = run * ce.classes;
  let y = ce_target_index[row];
  let ignored = y == s.ignore_index;
  let eps = s.label_smoothing;
  let out = run * ce.row_loss_stride + row;

  var stats = row_stats_new();
  var weight_total = compensated_new();
  for (var j = 0u; j < ce.classes; j++) {
    row_stats_push(&stats, ce_logits[base + j]);
    if (eps > 0.0) { compensated_add(&weight_total, ce_weight[w + j]); }
  }
  let valid = row_stats_is_valid(stats);
  if (ignored || !valid) {
    ce_row_loss[out] = select(f32_nan(), 0.0, ignored);
    for (var j = 0u; j < ce.classes; j++) { ce_grad[base + j] = select(f32_nan(), 0.0, valid); }
    return;
  }
  let yu = u32(y);
  let w_y = ce_weight[w + yu];
  let smooth_share = eps / f32(ce.classes);
  let total = row_stats_total(stats);
  let a_sum = (1.0 - eps) * w_y + smooth_share * weight_total.sum;
  let log_total = log(total);
  let inv_total = 1.0 / total;
  let scale = run_gradient_scale(run);
  var nll = loss_of_infinite_nll(w_y);
  var smoothing = LossSum(compensated_new(), KIND_FINITE);
  for (var j = 0u; j < ce.classes; j++) {
    let x = ce_logits[base + j];
    var w_j = 0.0;
    if (eps > 0.0) { w_j = ce_weight[w + j]; }
    var a_j = select(0.0, (1.0 - eps) * w_y, j == yu);
    if (eps > 0.0) { a_j += smooth_share * w_j; }
    var p = 0.0;
    if (is_neg_inf(x)) {
      if (eps > 0.0) { smoothing.kind |= loss_of_infinite_nll(w_j).kind; }
    } else {
      let shifted = x - stats.max;
      p = exp_nonpositive(shifted) * inv_total;
      let nlp = log_total - shifted;
      if (j == yu) { nll = loss_term(w_y * nlp); }
      if (eps > 0.0) { loss_sum_add(&smoothing, w_j * nlp); }
    }
    ce_grad[base + j] = select(f32_nan(), scale * (p * a_sum - a_j), is_finite(scale));
  }
  var loss = loss_scale(1.0 - eps, nll);
  if (eps > 0.0) { loss = loss_add(loss, loss_scale(smooth_share, loss_sum_term(smoothing))); }
  ce_row_loss[out] = loss_to_f32(loss);
}

// cross_entropy.wgsl's probs_row_general for row (gid.x, gid.y) of run gid.z.
@compute @workgroup_size(WORKGROUP_SIZE)
fn ce_batched_probs_rows(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) groups: vec3u) {
  let row = row_index(gid, groups);
  if (row >= ce.rows) { return; }
  let run = gid.z;
  let eps = ce_settings[run].label_smoothing;
  let base = run * ce.row_stride + row * ce.classes;
  let targets = row * ce.classes;
  let w = run * ce.classes;
  let out = run * ce.row_loss_stride + row;
  let smooth_share = eps / f32(ce.classes);

  var stats = row_stats_new();
  var a_total = compensated_new();
  for (var j = 0u; j < ce.classes; j++) {
    row_stats_push(&stats, ce_logits[base + j]);
    compensated_add(&a_total, ce_weight[w + j] * ((1.0 - eps) * ce_target_probs[targets + j] + eps / f32(ce.classes)));
  }
  if (!row_stats_is_valid(stats)) {
    ce_row_loss[out] = f32_nan();
    for (var j = 0u; j < ce.classes; j++) { ce_grad[base + j] = f32_nan(); }
    return;
  }
  let total = row_stats_total(stats);
  let log_total = log(total);
  let inv_total = 1.0 / total;
  let scale = run_gradient_scale(run);
  var loss = LossSum(compensated_new(), KIND_FINITE);
  for (var j = 0u; j < ce.classes; j++) {
    let x = ce_logits[base + j];
    let w_j = ce_weight[w + j];
    let q = (1.0 - eps) * ce_target_probs[targets + j] + smooth_share;
    let a_j = w_j * q;
    var p = 0.0;
    if (is_neg_inf(x)) {
      loss.kind |= loss_of_infinite_nll(select(0.0, w_j, q != 0.0)).kind;
    } else {
      let shifted = x - stats.max;
      p = exp_nonpositive(shifted) * inv_total;
      loss_sum_add(&loss, a_j * (log_total - shifted));
    }
    ce_grad[base + j] = scale * (p * a_total.sum - a_j);
  }
  ce_row_loss[out] = loss_to_f32(loss_sum_term(loss));
}

// Each run's loss: its row losses summed as reduce_sum.wgsl does (chunks, then the partials), divided
// by its denominator as sum_final does ('none': the plain Σ, the quantity whose gradient was followed).
@compute @workgroup_size(WORKGROUP_SIZE)
fn ce_batched_loss(@builtin(global_invocation_id) gid: vec3u) {
  let run = gid.x;
  if (run >= ce.runs) { return; }
  var total = special_sum_new();
  let first = run * ce.row_loss_stride;
  for (var begin = 0u; begin < ce.rows; begin += ce.chunk) {
    let end = min(begin + ce.chunk, ce.rows);
    var k = special_sum_new();
    for (var i = begin; i < end; i++) { special_sum_push(&k, ce_row_loss_in[first + i]); }
    special_sum_push(&total, special_sum_value(k));
  }
  let sum = special_sum_value(total);
  let d = ce_denominator[run];
  let negative = ((bitcast<u32>(sum) ^ bitcast<u32>(d)) >> 31u) == 1u;
  if (is_nan(sum) || is_nan(d) || (d == 0.0 && sum == 0.0) || (!is_finite(sum) && !is_finite(d))) {
    ce_loss[run] = f32_nan();
  } else if (d == 0.0 || !is_finite(sum)) {
    ce_loss[run] = select(f32_pos_inf(), f32_neg_inf(), negative);
  } else if (!is_finite(d)) {
    ce_loss[run] = 0.0;
  } else {
    ce_loss[run] = sum / d;
  }
}
