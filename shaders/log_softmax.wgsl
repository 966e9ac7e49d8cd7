// Row-wise log-softmax, one row per invocation (torch.log_softmax(x, dim=1)).
// Shapes: N rows, C classes; logits [N, C] → output [N, C], row-major.
// Math: out_ij = x_ij − m_i − log Σ_k exp(x_ik − m_i), m_i = max_k x_ik; −inf stays −inf, and a row
// with NaN, +inf or no finite entry is all NaN (as PyTorch). Needs lib/ieee.wgsl, lib/compensated_sum.wgsl, lib/row_stats.wgsl,
// lib/fast_rows.wgsl, and lib/workgroup_reduce.wgsl or lib/subgroup_reduce.wgsl for the one-row-per-workgroup variants.

struct Params {
  rows: u32,     // N
  classes: u32,  // C
  _pad0: u32,
  _pad1: u32,
}

override WORKGROUP_SIZE: u32 = 64u;

@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read> logits: array<f32>;
@group(0) @binding(2) var<storage, read_write> output: array<f32>;
// The same as vec4, for the fast path where C is a multiple of 4.
@group(0) @binding(1) var<storage, read> logits_vec4: array<vec4f>;
@group(0) @binding(2) var<storage, read_write> output_vec4: array<vec4f>;

// One row, any C, every IEEE case: the general path of the fast one below (lib/fast_rows.wgsl).
fn general_row(row: u32) {
  let base = row * params.classes;

  var stats = row_stats_new();
  for (var j = 0u; j < params.classes; j++) { row_stats_push(&stats, logits[base + j]); }

  if (!row_stats_is_valid(stats)) {
    for (var j = 0u; j < params.classes; j++) { output[base + j] = f32_nan(); }
    return;
  }
  let log_total = log(row_stats_total(stats));
  for (var j = 0u; j < params.classes; j++) { output[base + j] = log_probability(logits[base + j], stats.max, log_total); }
}

// The fast path (lib/fast_rows.wgsl): ordinary rows (every |x| < 2^126) with no per-entry branch,
// every other row deferred to general_row. The same math: out = (x − m) − log Σ exp(x − m). Its entry
// points, log_softmax_forward_fast and _vec4 (C a multiple of 4), are written out from one template
// by src/gpu/kernels/log_softmax.ts (row_lanes.ts), and straight-line for C ≤ 32 by unrolled_rows.ts.

// Variants for GPUs with fast workgroup memory or subgroups: one workgroup per row. Each lane folds
// a strided share of the row, the lanes' stats merge through the module's library (a tree in
// workgroup memory, lib/workgroup_reduce.wgsl: the 'workgroup' variant; or shuffles within a
// workgroup that is one subgroup, lib/subgroup_reduce.wgsl: 'subgroup'), and every lane writes its
// share. Same results as general_row up to the order of the sum.
@compute @workgroup_size(WORKGROUP_SIZE)
fn log_softmax_forward_workgroup(
  @builtin(workgroup_id) group: vec3u,
  @builtin(num_workgroups) groups: vec3u,
  @builtin(local_invocation_index) lane: u32,
) {
  // The row is uniform across the workgroup, so every lane reaches every barrier.
  let row = group.x + group.y * groups.x;
  if (row >= params.rows) { return; }
  let base = row * params.classes;
  var stats = row_stats_new();
  for (var j = lane; j < params.classes; j += WORKGROUP_SIZE) { row_stats_push(&stats, logits[base + j]); }
  let whole = workgroup_row_stats(lane, stats);
  let valid = row_stats_is_valid(whole);
  let log_total = log(row_stats_total(whole));
  for (var j = lane; j < params.classes; j += WORKGROUP_SIZE) {
    let x = logits[base + j];
    output[base + j] = select(f32_nan(), log_probability(x, whole.max, log_total), valid);
  }
}
