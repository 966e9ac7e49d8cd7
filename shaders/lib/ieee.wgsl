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

// A loss term carried with its kind. Class weights may be negative (PyTorch takes any real
// weight), so a term can be +inf or −inf; the kinds are bits, and the kind of a sum is their OR:
// NaN, or +inf with −inf, is NaN (IEEE's ∞ − ∞); else the one infinity; else finite.
const KIND_FINITE: u32 = 0u;
const KIND_POS_INF: u32 = 1u;
const KIND_NAN: u32 = 2u;
const KIND_NEG_INF: u32 = 4u;
struct LossTerm { value: f32, kind: u32 }
// A running sum of loss terms: the finite ones compensated (lib/compensated_sum.wgsl), the kind of the rest.
struct LossSum { total: CompensatedSum, kind: u32 }

fn kind_of(v: f32) -> u32 {
  if (is_finite(v)) { return KIND_FINITE; }
  if (is_nan(v)) { return KIND_NAN; }
  return select(KIND_NEG_INF, KIND_POS_INF, v > 0.0);
}
fn kind_is_nan(kind: u32) -> bool { return (kind & KIND_NAN) != 0u || (kind & (KIND_POS_INF | KIND_NEG_INF)) == (KIND_POS_INF | KIND_NEG_INF); }

// A term of a known value: NaN (0·∞) or ±inf (an overflowed −log p times a weight) become its kind.
fn loss_term(v: f32) -> LossTerm { return LossTerm(v, kind_of(v)); }

// Adds a term: a NaN (0·∞) or ±inf one sets the kind, a finite one is summed. Branch-free.
fn loss_sum_add(s: ptr<function, LossSum>, term: f32) {
  (*s).kind = (*s).kind | loss_term(term).kind;
  compensated_add(&(*s).total, select(0.0, term, is_finite(term)));
}

// The sum as a term. A sum of finite terms that is not finite overflowed f32 (or its compensation
// did: ∞ − ∞): the infinity of its sign (+inf for a NaN compensation), as PyTorch's f32 sum gives.
fn loss_sum_term(s: LossSum) -> LossTerm {
  let overflow = select(KIND_POS_INF, KIND_NEG_INF, is_neg_inf(s.total.sum));
  return LossTerm(s.total.sum, select(s.kind | overflow, s.kind, is_finite(s.total.sum)));
}

// Two partial sums as one (reductions across lanes): sums and compensations folded in, as
// row_stats_merge does; the kinds by OR.
fn loss_sum_merge(a: LossSum, b: LossSum) -> LossSum {
  var total = a.total;
  compensated_add(&total, b.total.sum);
  compensated_add(&total, -b.total.compensation);
  return LossSum(total, a.kind | b.kind);
}

fn loss_add(a: LossTerm, b: LossTerm) -> LossTerm { return LossTerm(a.value + b.value, a.kind | b.kind); }
// a · t for a finite a ≥ 0: 0 · ±inf is NaN, as IEEE (and PyTorch) has it.
fn loss_scale(a: f32, t: LossTerm) -> LossTerm {
  if ((t.kind & (KIND_POS_INF | KIND_NEG_INF)) != 0u && a == 0.0) { return LossTerm(0.0, KIND_NAN); }
  return LossTerm(a * t.value, t.kind);
}
// coefficient · (−log p) where −log p is +inf: the infinity of the coefficient's sign, and NaN
// for a zero coefficient, as IEEE gives.
fn loss_of_infinite_nll(coefficient: f32) -> LossTerm {
  if (coefficient == 0.0) { return LossTerm(0.0, KIND_NAN); }
  return LossTerm(0.0, select(KIND_NEG_INF, KIND_POS_INF, coefficient > 0.0));
}
fn loss_to_f32(t: LossTerm) -> f32 {
  if (kind_is_nan(t.kind)) { return f32_nan(); }
  if (t.kind == KIND_POS_INF) { return f32_pos_inf(); }
  if (t.kind == KIND_NEG_INF) { return f32_neg_inf(); }
  return t.value;
}
