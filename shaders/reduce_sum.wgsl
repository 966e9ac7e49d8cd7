// Deterministic sum of a float array on the GPU, in two dispatches with no workgroup barrier
// (barriers and workgroup memory are very slow on CPU adapters such as SwiftShader).
// Shapes: values [count] → partials [ceil(count / chunk)] → result [1].
// Math: result = (Σ_k Σ_{i in chunk k} values_i) / divisor, Kahan-compensated in a fixed order;
// NaN, ±inf are tracked by bit pattern and combined as IEEE does, and so is the division (0/0 is
// NaN in PyTorch's weighted mean when every target is ignored; x/0 is ±inf). Needs lib/ieee.wgsl, lib/compensated_sum.wgsl.

struct Params {
  count: u32,             // values to add (sum_chunks) or partials to add (sum_final)
  chunk: u32,             // values per partial (sum_chunks)
  divisor_from_buffer: u32, // 1: divide by divisor[0]; 0: divide by constant_divisor
  constant_divisor: f32,
}

override WORKGROUP_SIZE: u32 = 64u;
// Sum x² instead of x (a squared norm, e.g. of the gradient). Specials square as IEEE does:
// NaN stays NaN, ±inf becomes +inf, and a finite x whose square overflows becomes +inf.
override SQUARE_VALUES: bool = false;

@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read> values: array<f32>;
@group(0) @binding(2) var<storage, read_write> partials: array<f32>;
@group(0) @binding(3) var<storage, read> divisor: array<f32>;
@group(0) @binding(4) var<storage, read_write> result: array<f32>;

// A compensated sum of finite terms plus the specials seen, combined as IEEE would at the end.
struct SpecialSum { finite: CompensatedSum, nan: bool, pos_inf: bool, neg_inf: bool }

fn special_sum_new() -> SpecialSum { return SpecialSum(compensated_new(), false, false, false); }

// Branch-free (a special adds 0 to the finite sum): SwiftShader runs both sides of every branch.
fn special_sum_push(k: ptr<function, SpecialSum>, x: f32) {
  compensated_add(&(*k).finite, select(0.0, x, is_finite(x)));
  (*k).nan = (*k).nan | is_nan(x);
  (*k).pos_inf = (*k).pos_inf | is_pos_inf(x);
  (*k).neg_inf = (*k).neg_inf | is_neg_inf(x);
}

// NaN wins, +inf and −inf together are NaN. A sum of finite terms that is not finite overflowed
// f32 (or its compensation did: ∞ − ∞): the infinity of its sign, +inf for a NaN, as
// lib/ieee.wgsl's loss_sum_term, and as PyTorch's float32 sum overflows.
fn special_sum_value(k: SpecialSum) -> f32 {
  if (k.nan || (k.pos_inf && k.neg_inf)) { return f32_nan(); }
  if (k.pos_inf) { return f32_pos_inf(); }
  if (k.neg_inf) { return f32_neg_inf(); }
  if (!is_finite(k.finite.sum)) { return select(f32_pos_inf(), f32_neg_inf(), is_neg_inf(k.finite.sum)); }
  return k.finite.sum;
}

// v, or v² with SQUARE_VALUES.
fn summand(v: f32) -> f32 {
  if (!SQUARE_VALUES) { return v; }
  return select(select(f32_pos_inf(), v, is_nan(v)), v * v, is_finite(v));
}

@compute @workgroup_size(WORKGROUP_SIZE)
fn sum_chunks(@builtin(global_invocation_id) gid: vec3u) {
  let begin = gid.x * params.chunk;
  if (begin >= params.count) { return; }
  let end = min(begin + params.chunk, params.count);
  var k = special_sum_new();
  // Four values an iteration, in order: on SwiftShader each iteration's lane check costs more than an add.
  var i = begin;
  for (; i + 4u <= end; i += 4u) {
    special_sum_push(&k, summand(values[i]));
    special_sum_push(&k, summand(values[i + 1u]));
    special_sum_push(&k, summand(values[i + 2u]));
    special_sum_push(&k, summand(values[i + 3u]));
  }
  for (; i < end; i++) { special_sum_push(&k, summand(values[i])); }
  partials[gid.x] = special_sum_value(k);
}

@compute @workgroup_size(1)
fn sum_final() {
  var k = special_sum_new();
  for (var i = 0u; i < params.count; i++) { special_sum_push(&k, partials[i]); }
  let sum = special_sum_value(k);
  var d = params.constant_divisor;
  if (params.divisor_from_buffer == 1u) { d = divisor[0]; }
  // IEEE's x / d without leaning on inf arithmetic: 0/0, ∞/∞ and NaN are NaN (every target ignored,
  // or weighing 0; weights near f32 max whose Σ overflowed with the loss's); ±inf, or x ≠ 0 over 0
  // (negative weights summing to 0), an infinity signed by x and d; finite over ±inf a zero.
  let negative = ((bitcast<u32>(sum) ^ bitcast<u32>(d)) >> 31u) == 1u;
  if (is_nan(sum) || is_nan(d) || (d == 0.0 && sum == 0.0) || (!is_finite(sum) && !is_finite(d))) {
    result[0] = f32_nan();
  } else if (d == 0.0 || !is_finite(sum)) {
    result[0] = select(f32_pos_inf(), f32_neg_inf(), negative);
  } else if (!is_finite(d)) {
    result[0] = 0.0;
  } else {
    result[0] = sum / d;
  }
}
