// Row-wise log-softmax, one row per subgroup (torch.log_softmax(x, dim=1)): the log_softmax family's
// 'subgroup' variant, in a module of its own because `enable subgroups` fails to compile on a device
// without the feature. Shapes and math as in log_softmax.wgsl.
// The workgroup is one subgroup: WORKGROUP_SIZE is the adapter's smallest subgroup size, so it fits
// in one subgroup whatever size the driver picks. Each lane folds a strided share of the row, the
// lanes' stats merge through subgroupShuffleXor (no workgroup memory, no barrier), and every lane
// writes its share. Each merge puts the lower lane's half first, so every lane ends with the same
// stats, bit for bit. Needs lib/ieee.wgsl, lib/compensated_sum.wgsl, lib/row_stats.wgsl.
enable subgroups;

struct Params {
  rows: u32,     // N
  classes: u32,  // C
  _pad0: u32,
  _pad1: u32,
}

override WORKGROUP_SIZE: u32 = 4u; // a power of two ≤ the adapter's subgroupMinSize

@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read> logits: array<f32>;
@group(0) @binding(2) var<storage, read_write> output: array<f32>;

// The stats of lane (this lane ^ mask).
fn partner_stats(s: RowStats, mask: u32) -> RowStats {
  let total = CompensatedSum(subgroupShuffleXor(s.total.sum, mask), subgroupShuffleXor(s.total.compensation, mask));
  let invalid = subgroupShuffleXor(select(0u, 1u, s.invalid), mask) != 0u;
  return RowStats(subgroupShuffleXor(s.max, mask), total, invalid);
}

@compute @workgroup_size(WORKGROUP_SIZE)
fn log_softmax_forward_subgroup(
  @builtin(workgroup_id) group: vec3u,
  @builtin(num_workgroups) groups: vec3u,
  @builtin(local_invocation_index) lane: u32,
) {
  // The row is uniform across the workgroup (the subgroup): all lanes return together or none.
  let row = group.x + group.y * groups.x;
  if (row >= params.rows) { return; }
  let base = row * params.classes;
  var stats = row_stats_new();
  for (var j = lane; j < params.classes; j += WORKGROUP_SIZE) { row_stats_push(&stats, logits[base + j]); }
  for (var mask = 1u; mask < WORKGROUP_SIZE; mask *= 2u) {
    let other = partner_stats(stats, mask);
    if ((lane & mask) == 0u) { stats = row_stats_merge(stats, other); } else { stats = row_stats_merge(other, stats); }
  }
  let valid = row_stats_is_valid(stats);
  let log_total = log(row_stats_total(stats));
  for (var j = lane; j < params.classes; j += WORKGROUP_SIZE) {
    let x = logits[base + j];
    output[base + j] = select(f32_nan(), log_probability(x, stats.max, log_total), valid);
  }
}
