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
