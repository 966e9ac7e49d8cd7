// Dense layer: PyTorch's nn.Linear followed by an activation, forward and backward.
// Shapes: B batch rows, I inputs, O outputs; x [B, I], weight [O, I] (nn.Linear's layout), bias [O],
// z and y [B, O]; dy, dz [B, O] → dweight [O, I], dbias [O], dx [B, I]. All row-major f32.
// Math: z = x weightᵀ + bias, y = act(z); dz = dy ⊙ act'(z), dx = dz weight, dweight = dzᵀ x,
// dbias = Σ_batch dz. The gradients are overwritten, not accumulated.
// Each matmul gives every invocation an 8×8 output tile, held as four 4×4 blocks, and adds four outer
// products of 4-vectors per step of the summed index: 16 loads per 64 multiply-adds, and no workgroup
// memory or barriers (both are very slow on SwiftShader). The loads are scalar: a row of I or O floats
// is 16-byte aligned only when I or O is a multiple of 4 (not in 2→64 or 64→10). On SwiftShader, for
// 64→64, 8×8 scalar tiles ran as fast as 4×4 tiles of vec4 loads, both 1.5× faster than 4×4 scalar.
// z is written for every activation (for 'linear' it equals y), so one entry point serves them all.

struct Params {
  batch: u32,   // B: rows in this batch, at most the rows the buffers were sized for
  inputs: u32,  // I
  outputs: u32, // O
  _pad: u32,
}

const LINEAR: u32 = 0u;
const RELU: u32 = 1u;
const TANH: u32 = 2u;
const SIGMOID: u32 = 3u;
const GELU: u32 = 4u;

// A layer's activation never changes, so it is a pipeline constant rather than a uniform: each
// pipeline is compiled for one activation (no switch per element at run time), and layers with
// the same activation share it through the pipeline cache.
override ACTIVATION: u32 = LINEAR;
override WORKGROUP_SIZE: u32 = 64u;

@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read> x: array<f32>;
@group(0) @binding(2) var<storage, read> weight: array<f32>;
@group(0) @binding(3) var<storage, read> bias: array<f32>;
@group(0) @binding(4) var<storage, read_write> z: array<f32>;
@group(0) @binding(5) var<storage, read_write> y: array<f32>;
@group(0) @binding(6) var<storage, read> dy: array<f32>;
// dz is written by one entry point and read by two; the readers bind it read-only, so that a linear
// layer can bind dy there even when dy shares a buffer with tensors read in the same dispatch.
@group(0) @binding(7) var<storage, read_write> dz_out: array<f32>;
@group(0) @binding(8) var<storage, read> dz: array<f32>;
@group(0) @binding(9) var<storage, read_write> dweight: array<f32>;
@group(0) @binding(10) var<storage, read_write> dbias: array<f32>;
@group(0) @binding(11) var<storage, read_write> dx: array<f32>;

const FRAC_1_SQRT_2: f32 = 0.707106781;
const FRAC_1_SQRT_2PI: f32 = 0.398942280;

// erf in f32, which WGSL lacks. |x| < 0.921875: erf(x) = x + x·P(x²); beyond: erf(|x|) =
// 1 − exp(Q(|x|) − x²), |x| clamped to 4 (erf(4) rounds to 1 in f32). P (degree 5) and Q (degree 6)
// are minimax fits, good to 2e-8 in exact arithmetic. In f32 the max absolute error is 6.6e-8 with a
// correctly rounded exp (about 1 ulp of values near ±1) and 9.6e-8 measured on SwiftShader, whose exp
// is a little less accurate; tests/dense.gpu.test.ts holds it below 1.2e-7.
fn erf_f32(v: f32) -> f32 {
  let a = abs(v);
  if (a < 0.921875) {
    let s = v * v;
    let p = ((((-6.0134154e-4 * s + 4.99800593e-3) * s - 2.6770236e-2) * s + 1.12819277e-1) * s - 3.76125067e-1) * s
      + 1.28379151e-1;
    return v + v * p;
  }
  let t = min(a, 4.0);
  let q = (((((1.94733744e-4 * t - 3.03159375e-3) * t + 2.21813731e-2) * t - 1.03838854e-1) * t + 3.62714201e-1) * t
    - 1.12761545) * t - 2.09920996e-4;
  return sign(v) * (1.0 - exp(q - t * t));
}

// exp(−|v|) ≤ 1 never overflows, whatever the sign of v.
fn sigmoid(v: f32) -> f32 {
  let e = exp(-abs(v));
  let s = 1.0 / (1.0 + e);
  return select(e * s, s, v >= 0.0);
}

// tanh(±10) already rounds to ±1; the clamp keeps tanh's sinh/cosh-based forms from overflowing.
fn tanh_f32(v: f32) -> f32 { return tanh(clamp(v, -10.0, 10.0)); }

fn activate(v: f32) -> f32 {
  switch (ACTIVATION) {
    case RELU: { return max(v, 0.0); }
    case TANH: { return tanh_f32(v); }
    case SIGMOID: { return sigmoid(v); }
    case GELU: { return 0.5 * v * (1.0 + erf_f32(v * FRAC_1_SQRT_2)); }
    default: { return v; }
  }
}

// grad·act'(v). ReLU passes grad where v > 0, so 0 at v = 0 (PyTorch's threshold_backward). tanh and
// sigmoid are written in e = exp(−k|v|): PyTorch's 1 − y² and y·(1 − y) cancel once they saturate
// (1 − tanh²(3) keeps only 3 digits in f32), 4e/(1 + e)² and e/(1 + e)² keep them all.
fn activation_backward(grad: f32, v: f32) -> f32 {
  switch (ACTIVATION) {
    case RELU: { return select(0.0, grad, v > 0.0); }
    case TANH: { let e = exp(-2.0 * abs(v)); return grad * (4.0 * e / ((1.0 + e) * (1.0 + e))); }
    case SIGMOID: { let e = exp(-abs(v)); return grad * (e / ((1.0 + e) * (1.0 + e))); }
    case GELU: {
      let c = clamp(v, -16.0, 16.0); // φ(16) underflows f32: the clamp only keeps c·c finite
      let cdf = 0.5 * (1.0 + erf_f32(v * FRAC_1_SQRT_2));
      return grad * (cdf + c * FRAC_1_SQRT_2PI * exp(-0.5 * c * c));
    }
    default: { return grad; }
  }
}

fn invocation_index(gid: vec3u, groups: vec3u) -> u32 { return gid.x + gid.y * groups.x * WORKGROUP_SIZE; }

fn tiles(n: u32) -> u32 { return (n + 7u) / 8u; }

// The first row and column of this invocation's 8×8 tile of a destination with `columns` columns.
fn tile_origin(gid: vec3u, groups: vec3u, columns: u32) -> vec2u {
  let tile = invocation_index(gid, groups);
  return vec2u(tile / tiles(columns), tile % tiles(columns)) * 8u;
}

// Indices first .. first + 3, those past the end clamped to the last: a tile that overhangs a
// matrix edge recomputes the last row or column there and does not store it.
fn clamped4(first: u32, count: u32) -> vec4u { return min(vec4u(first) + vec4u(0u, 1u, 2u, 3u), vec4u(count - 1u)); }

fn x4(at: vec4u) -> vec4f { return vec4f(x[at.x], x[at.y], x[at.z], x[at.w]); }
fn weight4(at: vec4u) -> vec4f { return vec4f(weight[at.x], weight[at.y], weight[at.z], weight[at.w]); }
fn bias4(at: vec4u) -> vec4f { return vec4f(bias[at.x], bias[at.y], bias[at.z], bias[at.w]); }
fn dz4(at: vec4u) -> vec4f { return vec4f(dz[at.x], dz[at.y], dz[at.z], dz[at.w]); }

// a bᵀ: column c is a·b[c].
fn outer(a: vec4f, b: vec4f) -> mat4x4f { return mat4x4f(a * b.x, a * b.y, a * b.z, a * b.w); }

// An invocation's 8×8 output tile as four 4×4 blocks, b<half of the destination's rows><half of its
// columns>; column c of a block holds row (first + c) of the destination. Named members, not an
// array: a private array indexed in a loop would live in memory, not registers (3× slower in nt_xent.wgsl).
struct Tile { b00: mat4x4f, b01: mat4x4f, b10: mat4x4f, b11: mat4x4f }

// tile += e rᵀ for the 8-vectors r = (r0, r1) along the destination's rows and e = (e0, e1) along
// its columns.
fn accumulate(t: ptr<function, Tile>, r0: vec4f, r1: vec4f, e0: vec4f, e1: vec4f) {
  (*t).b00 += outer(e0, r0);
  (*t).b01 += outer(e1, r0);
  (*t).b10 += outer(e0, r1);
  (*t).b11 += outer(e1, r1);
}

// The store_* functions write one 4×4 block of a tile, skipping rows and columns past the
// destination's edge. The block is a copy, so indexing it here leaves the tile in registers.
fn store_forward(r0: u32, o0: u32, block: mat4x4f, b: vec4f) {
  for (var c = 0u; c < 4u && r0 + c < params.batch; c++) {
    for (var j = 0u; j < 4u && o0 + j < params.outputs; j++) {
      let at = (r0 + c) * params.outputs + o0 + j;
      let v = block[c][j] + b[j];
      z[at] = v;
      y[at] = activate(v);
    }
  }
}

fn store_dweight(o0: u32, i0: u32, block: mat4x4f) {
  for (var c = 0u; c < 4u && o0 + c < params.outputs; c++) {
    for (var j = 0u; j < 4u && i0 + j < params.inputs; j++) { dweight[(o0 + c) * params.inputs + i0 + j] = block[c][j]; }
  }
}

fn store_dbias(o0: u32, sums: vec4f) {
  for (var j = 0u; j < 4u && o0 + j < params.outputs; j++) { dbias[o0 + j] = sums[j]; }
}

fn store_dx(r0: u32, i0: u32, block: mat4x4f) {
  for (var c = 0u; c < 4u && r0 + c < params.batch; c++) {
    for (var j = 0u; j < 4u && i0 + j < params.inputs; j++) { dx[(r0 + c) * params.inputs + i0 + j] = block[c][j]; }
  }
}

// z = x weightᵀ + bias and y = act(z) for 8 rows × 8 outputs.
@compute @workgroup_size(WORKGROUP_SIZE)
fn dense_forward(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) groups: vec3u) {
  let origin = tile_origin(gid, groups, params.outputs);
  let r0 = origin.x;
  let o0 = origin.y;
  if (r0 >= params.batch) { return; }
  let n = params.inputs;
  let x_lo = clamped4(r0, params.batch) * n; // where the tile's rows start in x, in two halves
  let x_hi = clamped4(r0 + 4u, params.batch) * n;
  let o_lo = clamped4(o0, params.outputs);
  let o_hi = clamped4(o0 + 4u, params.outputs);
  let w_lo = o_lo * n;
  let w_hi = o_hi * n;
  var acc = Tile();
  for (var i = 0u; i < n; i++) {
    accumulate(&acc, x4(x_lo + i), x4(x_hi + i), weight4(w_lo + i), weight4(w_hi + i));
  }
  let b0 = bias4(o_lo);
  let b1 = bias4(o_hi);
  store_forward(r0, o0, acc.b00, b0);
  store_forward(r0, o0 + 4u, acc.b01, b1);
  store_forward(r0 + 4u, o0, acc.b10, b0);
  store_forward(r0 + 4u, o0 + 4u, acc.b11, b1);
}

// dz = dy ⊙ act'(z), one entry per invocation; not dispatched for 'linear', whose dz is dy.
@compute @workgroup_size(WORKGROUP_SIZE)
fn dense_backward_activation(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) groups: vec3u) {
  let at = invocation_index(gid, groups);
  if (at >= params.batch * params.outputs) { return; }
  dz_out[at] = activation_backward(dy[at], z[at]);
}

// dweight = dzᵀ x for 8 outputs × 8 inputs, and dbias = Σ_batch dz, stored by the first input tile.
@compute @workgroup_size(WORKGROUP_SIZE)
fn dense_backward_weight(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) groups: vec3u) {
  let origin = tile_origin(gid, groups, params.inputs);
  let o0 = origin.x;
  let i0 = origin.y;
  if (o0 >= params.outputs) { return; }
  let o_lo = clamped4(o0, params.outputs);
  let o_hi = clamped4(o0 + 4u, params.outputs);
  let i_lo = clamped4(i0, params.inputs);
  let i_hi = clamped4(i0 + 4u, params.inputs);
  var acc = Tile();
  var bias0 = vec4f();
  var bias1 = vec4f();
  for (var r = 0u; r < params.batch; r++) {
    let dz0 = dz4(r * params.outputs + o_lo);
    let dz1 = dz4(r * params.outputs + o_hi);
    accumulate(&acc, dz0, dz1, x4(r * params.inputs + i_lo), x4(r * params.inputs + i_hi));
    bias0 += dz0;
    bias1 += dz1;
  }
  store_dweight(o0, i0, acc.b00);
  store_dweight(o0, i0 + 4u, acc.b01);
  store_dweight(o0 + 4u, i0, acc.b10);
  store_dweight(o0 + 4u, i0 + 4u, acc.b11);
  if (i0 == 0u) {
    store_dbias(o0, bias0);
    store_dbias(o0 + 4u, bias1);
  }
}

// dx = dz weight for 8 rows × 8 inputs.
@compute @workgroup_size(WORKGROUP_SIZE)
fn dense_backward_input(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) groups: vec3u) {
  let origin = tile_origin(gid, groups, params.inputs);
  let r0 = origin.x;
  let i0 = origin.y;
  if (r0 >= params.batch) { return; }
  let dz_lo = clamped4(r0, params.batch) * params.outputs;
  let dz_hi = clamped4(r0 + 4u, params.batch) * params.outputs;
  let i_lo = clamped4(i0, params.inputs);
  let i_hi = clamped4(i0 + 4u, params.inputs);
  var acc = Tile();
  for (var k = 0u; k < params.outputs; k++) {
    accumulate(&acc, dz4(dz_lo + k), dz4(dz_hi + k), weight4(k * params.inputs + i_lo), weight4(k * params.inputs + i_hi));
  }
  store_dx(r0, i0, acc.b00);
  store_dx(r0, i0 + 4u, acc.b01);
  store_dx(r0 + 4u, i0, acc.b10);
  store_dx(r0 + 4u, i0 + 4u, acc.b11);
}
