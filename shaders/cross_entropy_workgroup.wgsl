// Cross-entropy's variants for GPUs with fast workgroup memory or subgroups, and long rows: one
// workgroup per row, each lane taking a strided share of the classes; the lanes' row stats and sums
// merge through the module's library: a tree in workgroup memory (lib/workgroup_reduce.wgsl, the
// 'workgroup' variant) or shuffles within a workgroup that is one subgroup (lib/subgroup_reduce.wgsl,
// 'subgroup'). Shapes and math: cross_entropy.wgsl's (its Params, bindings and per-entry math), the
// general path's sums in another order. Every lane reaches every barrier and shuffle: the row is
// uniform across the workgroup, and invalid or ignored rows are settled by selects after the loops
// rather than by returning early.

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
