// Row reductions across the lanes of one workgroup, in a tree through workgroup memory: the
// 'workgroup' variants of log_softmax.wgsl and cross_entropy.wgsl, which give a row to a workgroup
// (lib/subgroup_reduce.wgsl has the same functions for the 'subgroup' variants).
// Each lane passes its partial result; every lane gets the whole row's. WORKGROUP_SIZE (the module's
// override) must be a power of two. Call from uniform control flow: these functions hold barriers,
// and each ends with one, so the arrays can be reused at once. Needs lib/row_stats.wgsl, lib/ieee.wgsl.

var<workgroup> lane_max: array<f32, WORKGROUP_SIZE>;
var<workgroup> lane_sum: array<f32, WORKGROUP_SIZE>;
var<workgroup> lane_compensation: array<f32, WORKGROUP_SIZE>;
var<workgroup> lane_flag: array<u32, WORKGROUP_SIZE>; // RowStats.invalid, or a LossSum's loss kind

fn lane_stats(lane: u32) -> RowStats {
  return RowStats(lane_max[lane], CompensatedSum(lane_sum[lane], lane_compensation[lane]), lane_flag[lane] != 0u);
}

fn store_lane_stats(lane: u32, s: RowStats) {
  lane_max[lane] = s.max;
  lane_sum[lane] = s.total.sum;
  lane_compensation[lane] = s.total.compensation;
  lane_flag[lane] = select(0u, 1u, s.invalid);
}

// The online max and Σ exp of the whole row, from each lane's share.
fn workgroup_row_stats(lane: u32, mine: RowStats) -> RowStats {
  store_lane_stats(lane, mine);
  workgroupBarrier();
  for (var stride = WORKGROUP_SIZE / 2u; stride > 0u; stride /= 2u) {
    if (lane < stride) { store_lane_stats(lane, row_stats_merge(lane_stats(lane), lane_stats(lane + stride))); }
    workgroupBarrier();
  }
  let whole = lane_stats(0u);
  workgroupBarrier();
  return whole;
}

fn lane_partial(lane: u32) -> LossSum {
  return LossSum(CompensatedSum(lane_sum[lane], lane_compensation[lane]), lane_flag[lane]);
}

fn store_lane_partial(lane: u32, s: LossSum) {
  lane_sum[lane] = s.total.sum;
  lane_compensation[lane] = s.total.compensation;
  lane_flag[lane] = s.kind;
}

// The sum over the whole row of each lane's compensated partial, with the largest kind.
fn workgroup_sum(lane: u32, mine: LossSum) -> LossSum {
  store_lane_partial(lane, mine);
  workgroupBarrier();
  for (var stride = WORKGROUP_SIZE / 2u; stride > 0u; stride /= 2u) {
    if (lane < stride) { store_lane_partial(lane, loss_sum_merge(lane_partial(lane), lane_partial(lane + stride))); }
    workgroupBarrier();
  }
  let whole = lane_partial(0u);
  workgroupBarrier();
  return whole;
}
