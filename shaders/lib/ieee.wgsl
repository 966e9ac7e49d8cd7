// IEEE-754 specials by bit pattern. WGSL lets a compiler assume finite math, so kernels never lean
// on NaN/inf arithmetic: they detect specials from the bits and build them from the bits.
// (A const-expression that yields NaN/inf is a shader-creation error, hence functions, not consts.)

const F32_NAN_BITS: u32 = 0x7fc00000u;
const F32_POS_INF_BITS: u32 = 0x7f800000u;
const F32_NEG_INF_BITS: u32 = 0xff800000u;
const F32_EXPONENT_MASK: u32 = 0x7f800000u;

fn is_finite(x: f32) -> bool { return (bitcast<u32>(x) & F32_EXPONENT_MASK) != F32_EXPONENT_MASK; }
fn is_nan(x: f32) -> bool { return (bitcast<u32>(x) & 0x7fffffffu) > F32_POS_INF_BITS; }
fn is_pos_inf(x: f32) -> bool { return bitcast<u32>(x) == F32_POS_INF_BITS; }
fn is_neg_inf(x: f32) -> bool { return bitcast<u32>(x) == F32_NEG_INF_BITS; }

fn f32_from_bits(bits: u32) -> f32 { return bitcast<f32>(bits); }
fn f32_nan() -> f32 { return f32_from_bits(F32_NAN_BITS); }
fn f32_pos_inf() -> f32 { return f32_from_bits(F32_POS_INF_BITS); }
fn f32_neg_inf() -> f32 { return f32_from_bits(F32_NEG_INF_BITS); }

// exp of a difference that may be huge and negative (two logits near ±f32 max): no -inf argument.
fn exp_nonpositive(d: f32) -> f32 { return exp(max(d, -1.0e30)); }

// A non-negative loss term carried with its kind. Our losses are sums of non-negative terms
// (weights ≥ 0, probabilities ≥ 0, −log p ≥ 0), so −inf never arises and the kinds order as
// FINITE < POS_INF < NAN: the kind of a sum is the max of the kinds.
const KIND_FINITE: u32 = 0u;
const KIND_POS_INF: u32 = 1u;
const KIND_NAN: u32 = 2u;
struct LossTerm { value: f32, kind: u32 }
// A running sum of loss terms: the finite ones compensated (lib/compensated_sum.wgsl), the kind of the rest.
struct LossSum { total: CompensatedSum, kind: u32 }

// A term of a known value: NaN (0·∞) or +inf (an overflowed −log p) become its kind.
fn loss_term(v: f32) -> LossTerm { return LossTerm(v, select(select(KIND_POS_INF, KIND_NAN, is_nan(v)), KIND_FINITE, is_finite(v))); }

// Adds a non-negative term: a NaN (0·∞) or +inf one (an overflowed −log p) sets the kind, a finite
// one is summed. Branch-free.
fn loss_sum_add(s: ptr<function, LossSum>, term: f32) {
  (*s).kind = max((*s).kind, loss_term(term).kind);
  compensated_add(&(*s).total, select(0.0, term, is_finite(term)));
}

// The sum as a term. Its finite terms are non-negative, so a sum that is not finite overflowed f32
// (or its compensation did: ∞ − ∞): +inf, as PyTorch's f32 sum gives.
fn loss_sum_term(s: LossSum) -> LossTerm {
  return LossTerm(s.total.sum, select(max(s.kind, KIND_POS_INF), s.kind, is_finite(s.total.sum)));
}

// Two partial sums as one (reductions across lanes): sums and compensations folded in, as
// row_stats_merge does; the kinds by max.
fn loss_sum_merge(a: LossSum, b: LossSum) -> LossSum {
  var total = a.total;
  compensated_add(&total, b.total.sum);
  compensated_add(&total, -b.total.compensation);
  return LossSum(total, max(a.kind, b.kind));
}

fn loss_add(a: LossTerm, b: LossTerm) -> LossTerm { return LossTerm(a.value + b.value, max(a.kind, b.kind)); }
// a · t for a finite a ≥ 0: 0 · inf is NaN, as IEEE (and PyTorch) has it.
fn loss_scale(a: f32, t: LossTerm) -> LossTerm {
  if (t.kind == KIND_POS_INF && a == 0.0) { return LossTerm(0.0, KIND_NAN); }
  return LossTerm(a * t.value, t.kind);
}
// coefficient · (−log p) where −log p is +inf: IEEE gives NaN for a zero coefficient.
fn loss_of_infinite_nll(coefficient: f32) -> LossTerm {
  if (coefficient == 0.0) { return LossTerm(0.0, KIND_NAN); }
  return LossTerm(0.0, KIND_POS_INF);
}
fn loss_to_f32(t: LossTerm) -> f32 {
  if (t.kind == KIND_NAN) { return f32_nan(); }
  if (t.kind == KIND_POS_INF) { return f32_pos_inf(); }
  return t.value;
}
