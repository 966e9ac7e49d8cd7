// Online max and Σ exp(x − max) over one row, in a single pass (Milakov & Gimelshein 2018),
// compensated (lib/compensated_sum.wgsl). −inf entries contribute nothing; a NaN or +inf entry,
// or a row with no finite entry, makes the row "invalid": PyTorch's log_softmax then gives NaN
// for the whole row (inf − inf, 0/0).

struct RowStats { max: f32, total: CompensatedSum, invalid: bool }

fn row_stats_new() -> RowStats { return RowStats(0.0, compensated_new(), false); }

fn row_stats_push(s: ptr<function, RowStats>, x: f32) {
  if (!is_finite(x)) {
    if (!is_neg_inf(x)) { (*s).invalid = true; }
    return;
  }
  if ((*s).total.sum == 0.0) {
    // First finite entry: every later total is ≥ 1, so a zero total means "none seen yet".
    (*s).max = x;
    (*s).total = CompensatedSum(1.0, 0.0);
  } else if (x > (*s).max) {
    compensated_scale(&(*s).total, exp_nonpositive((*s).max - x));
    (*s).max = x;
    compensated_add(&(*s).total, 1.0);
  } else {
    compensated_add(&(*s).total, exp_nonpositive(x - (*s).max));
  }
}

fn row_stats_is_valid(s: RowStats) -> bool { return !s.invalid && s.total.sum > 0.0; }

fn row_stats_total(s: RowStats) -> f32 { return s.total.sum; }

// log p = x − max − log Σ exp(x − max) for an entry of a valid row; −inf stays −inf.
fn log_probability(x: f32, max: f32, log_total: f32) -> f32 { return select((x - max) - log_total, f32_neg_inf(), is_neg_inf(x)); }

// Two partial rows' stats as one (for reductions across lanes): totals rescaled to the larger max.
fn row_stats_merge(a: RowStats, b: RowStats) -> RowStats {
  let invalid = a.invalid || b.invalid;
  if (b.total.sum == 0.0) { return RowStats(a.max, a.total, invalid); }
  if (a.total.sum == 0.0) { return RowStats(b.max, b.total, invalid); }
  let m = max(a.max, b.max);
  var total = a.total;
  compensated_scale(&total, exp_nonpositive(a.max - m));
  var other = b.total;
  compensated_scale(&other, exp_nonpositive(b.max - m));
  compensated_add(&total, other.sum);
  compensated_add(&total, -other.compensation);
  return RowStats(m, total, invalid);
}
