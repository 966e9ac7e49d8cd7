// Kahan-compensated f32 sum: long rows (C = 32768) and long reductions (N = 8192) otherwise lose
// ~1e-4 relative to rounding. Finite terms only; callers track specials themselves.

struct CompensatedSum { sum: f32, compensation: f32 }

fn compensated_new() -> CompensatedSum { return CompensatedSum(0.0, 0.0); }

fn compensated_add(k: ptr<function, CompensatedSum>, term: f32) {
  let y = term - (*k).compensation;
  let t = (*k).sum + y;
  (*k).compensation = (t - (*k).sum) - y;
  (*k).sum = t;
}

fn compensated_scale(k: ptr<function, CompensatedSum>, factor: f32) {
  (*k).sum *= factor;
  (*k).compensation *= factor;
}

// Four compensated sums side by side (the fast paths' vec4 sweeps), folded into one at the end.
struct CompensatedSum4 { sum: vec4f, compensation: vec4f }

fn compensated4_new() -> CompensatedSum4 { return CompensatedSum4(vec4f(0.0), vec4f(0.0)); }

fn compensated4_add(k: ptr<function, CompensatedSum4>, terms: vec4f) {
  let y = terms - (*k).compensation;
  let t = (*k).sum + y;
  (*k).compensation = (t - (*k).sum) - y;
  (*k).sum = t;
}

fn compensated4_scale(k: ptr<function, CompensatedSum4>, factor: f32) {
  (*k).sum *= factor;
  (*k).compensation *= factor;
}

// The four lanes' sums as one, each lane's compensation folded in.
fn compensated4_total(k: CompensatedSum4) -> f32 {
  var total = CompensatedSum(k.sum.x, k.compensation.x);
  compensated_add(&total, k.sum.y);
  compensated_add(&total, -k.compensation.y);
  compensated_add(&total, k.sum.z);
  compensated_add(&total, -k.compensation.z);
  compensated_add(&total, k.sum.w);
  compensated_add(&total, -k.compensation.w);
  return total.sum;
}
