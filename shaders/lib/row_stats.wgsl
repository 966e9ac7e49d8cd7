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

// The fast path's statistics: the max and Σ exp(x − max) folded a vec4 of entries at a time, one
// rescale per vec4 rather than per entry, into four compensated partial totals, with no per-entry
// branch or select (SwiftShader runs both sides of every branch, so RowStats pays for its IEEE cases
// on every entry). They hold only for "ordinary" rows, every |x| < 2^126: then no difference of two
// entries overflows, and exp needs no guard. `exponents` keeps the largest exponent field seen; the
// caller leaves any other row (±inf, NaN, or a huge logit) to RowStats.
struct RowStats4 { max: f32, total: CompensatedSum4, exponents: vec4u }

// Exponent fields from 2^126 up: huge, infinite or NaN.
const ORDINARY_EXPONENT_LIMIT: u32 = 253u << 23u;

// `first`: an entry of the row, so that the max starts from a value of the row.
fn row_stats4_new(first: f32) -> RowStats4 { return RowStats4(first, compensated4_new(), vec4u(0u)); }

fn exponent_bits4(x: vec4f) -> vec4u { return bitcast<vec4u>(x) & vec4u(F32_EXPONENT_MASK); }
fn max_of_lanes(x: vec4f) -> f32 { return max(max(x.x, x.y), max(x.z, x.w)); }

// Raises the max to include `candidate`, rescaling the totals; returns the new max.
fn row_stats4_grow(s: ptr<function, RowStats4>, candidate: f32) -> f32 {
  let grown = max((*s).max, candidate);
  compensated4_scale(&(*s).total, exp((*s).max - grown));
  (*s).max = grown;
  return grown;
}

fn row_stats4_push(s: ptr<function, RowStats4>, x: vec4f) {
  (*s).exponents = max((*s).exponents, exponent_bits4(x));
  let m = row_stats4_grow(s, max_of_lanes(x));
  compensated4_add(&(*s).total, exp(x - m));
}

// Four vec4 at once, 16 entries: one rescale and one compensated add for all of them, and a quarter
// of the loop iterations (on SwiftShader an iteration costs more than the arithmetic in it).
fn row_stats4_push_block(s: ptr<function, RowStats4>, a: vec4f, b: vec4f, c: vec4f, d: vec4f) {
  (*s).exponents = max((*s).exponents, max(max(exponent_bits4(a), exponent_bits4(b)), max(exponent_bits4(c), exponent_bits4(d))));
  let m = row_stats4_grow(s, max_of_lanes(max(max(a, b), max(c, d))));
  compensated4_add(&(*s).total, (exp(a - m) + exp(b - m)) + (exp(c - m) + exp(d - m)));
}

// Folds the lanes of x where `keep` holds; the others must repeat an entry of the row (a row's last,
// partial vec4), so that they change neither the max nor the exponents.
fn row_stats4_push_partial(s: ptr<function, RowStats4>, x: vec4f, keep: vec4<bool>) {
  (*s).exponents = max((*s).exponents, exponent_bits4(x));
  let m = row_stats4_grow(s, max_of_lanes(x));
  compensated4_add(&(*s).total, select(vec4f(0.0), exp(x - m), keep));
}

fn row_stats4_is_ordinary(s: RowStats4) -> bool { return all(s.exponents < vec4u(ORDINARY_EXPONENT_LIMIT)); }

// Σ exp(x − max) of an ordinary row: ≥ 1, the max's own term.
fn row_stats4_total(s: RowStats4) -> f32 { return compensated4_total(s.total); }
