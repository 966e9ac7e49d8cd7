// Row reductions across the lanes of a workgroup that is one subgroup, through subgroupShuffleXor:
// no workgroup memory and no barrier. The same functions as lib/workgroup_reduce.wgsl, so that a
// one-row-per-workgroup entry point compiles with either: with this library it is the 'subgroup'
// variant (log_softmax.wgsl, cross_entropy.wgsl). WORKGROUP_SIZE (the module's override) must be a
// power of two ≤ the adapter's subgroupMinSize, so that the workgroup fits in one subgroup whatever
// size the driver picks. Each merge puts the lower lanes' half first, so every lane ends with the
// same result, bit for bit. Call from uniform control flow (the shuffles need every lane).
// Needs lib/row_stats.wgsl, lib/ieee.wgsl.
enable subgroups;

// The stats of lane (this lane ^ mask).
fn partner_row_stats(s: RowStats, mask: u32) -> RowStats {
  let total = CompensatedSum(subgroupShuffleXor(s.total.sum, mask), subgroupShuffleXor(s.total.compensation, mask));
  let invalid = subgroupShuffleXor(select(0u, 1u, s.invalid), mask) != 0u;
  return RowStats(subgroupShuffleXor(s.max, mask), total, invalid);
}

// The online max and Σ exp of the whole row, from each lane's share.
fn workgroup_row_stats(lane: u32, mine: RowStats) -> RowStats {
  var stats = mine;
  for (var mask = 1u; mask < WORKGROUP_SIZE; mask *= 2u) {
    let other = partner_row_stats(stats, mask);
    if ((lane & mask) == 0u) { stats = row_stats_merge(stats, other); } else { stats = row_stats_merge(other, stats); }
  }
  return stats;
}

// The sum over the whole row of each lane's compensated partial, with the largest kind.
fn workgroup_sum(lane: u32, mine: LossSum) -> LossSum {
  var sum = mine;
  for (var mask = 1u; mask < WORKGROUP_SIZE; mask *= 2u) {
    let total = CompensatedSum(subgroupShuffleXor(sum.total.sum, mask), subgroupShuffleXor(sum.total.compensation, mask));
    let other = LossSum(total, subgroupShuffleXor(sum.kind, mask));
    if ((lane & mask) == 0u) { sum = loss_sum_merge(sum, other); } else { sum = loss_sum_merge(other, sum); }
  }
  return sum;
}
