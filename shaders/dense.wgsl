// Dense layer: PyTorch's nn.Linear followed by an activation, forward and backward.
// Shapes: B batch rows, I inputs, O outputs; x [B, I], weight [O, I] (nn.Linear's layout), bias [O],
// z and y [B, O]; dy, dz [B, O] → dweight [O, I], dbias [O], dx [B, I]. All row-major f32.
// Math: z = x weightᵀ + bias, y = act(z); dz = dy ⊙ act'(z), dx = dz weight, dweight = dzᵀ x,
// dbias = Σ_batch dz. The gradients are overwritten, not accumulated.
// Each matmul gives every invocation an 8×8 output tile, held as four 4×4 blocks, and adds four outer
// products of 4-vectors per step of the summed index: 16 loads per 64 multiply-adds, and no workgroup
// memory or barriers (both are very slow on SwiftShader). The *_vec4 entry points read rows of x,
// weight and dz as vec4: the wrapper picks them when those rows are 16-byte aligned (I a multiple
// of 4; for the backward O too). SwiftShader still gathers each component per lane, but the fewer
// index computations and bounds clamps made each 64→64 product 1.1–1.3× faster; unrolling the
// summed index did not help. The vec4 forward and dx sum four products per step before adding them
// to the tile: another f32 order, within the same error bound. Two more tile shapes follow the 8×8
// entry points, each summing the same products in the same order (the same bits): 16×16 ('_tile16',
// vec4 only), fastest on CPU adapters, and 4×4 ('_tile4'), fastest to compile.
// Stores name each component (v.x, v.y, …) and guard each with a per-lane condition: indexing a
// block by a loop counter put it in memory and cost ~10% of every matmul on SwiftShader. Where dx
// rows are vec4-aligned (I a multiple of 4), dx is stored, and z_in read, a vec4 at a time: on
// SwiftShader a vec4 costs about what one float does, and this took ~10% off the 64→64 dx. There,
// with O not a multiple of 4 (the 10 logits), the *_w_vec4 dx reads weight rows as vec4 too.
// z is written for every activation (for 'linear' it equals y), so one entry point serves them all.
// In a stack of layers, dense_backward_input_activation also applies the input layer's act' as it
// stores dx, writing that layer's dz directly: its dense_backward_activation dispatch is not needed.

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
// In a stack, x can be the layer below's z, read as y_in = act_in(z_in) with act_in = INPUT_ACTIVATION
// (LINEAR: x is read as it is). That layer then skips storing y (STORE_Y false): a store costs
// SwiftShader 2–3× a load, and recomputing ReLU as it loads is nearly free. The bits are the same.
override INPUT_ACTIVATION: u32 = LINEAR;
override STORE_Y: bool = true;

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
// The same rows as vec4, for the *_vec4 entry points (an entry point uses one view of a binding).
@group(0) @binding(1) var<storage, read> x_vec4: array<vec4f>;
@group(0) @binding(2) var<storage, read> weight_vec4: array<vec4f>;
@group(0) @binding(8) var<storage, read> dz_vec4: array<vec4f>;
// The pre-activation z_in of the layer whose output y_in = act(z_in) is this layer's x; read by
// dense_backward_input_activation, whose ACTIVATION is that layer's activation, not this one's.
@group(0) @binding(12) var<storage, read> input_z: array<f32>;
// dx and z_in as vec4, for the entry points whose dx rows (I floats) are vec4-aligned: one store
// and one load per four elements instead of four of each.
@group(0) @binding(11) var<storage, read_write> dx_vec4: array<vec4f>;
@group(0) @binding(12) var<storage, read> input_z_vec4: array<vec4f>;

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

fn activate(v: f32) -> f32 { return activate_as(ACTIVATION, v); }

fn activate_as(kind: u32, v: f32) -> f32 {
  switch (kind) {
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

// The vec4 columns of an 8-wide tile starting at `first` (a multiple of 8) in rows of `count`
// floats (a multiple of 4), the second clamped like clamped4.
fn vec4_columns(first: u32, count: u32) -> vec2u { return min(vec2u(first / 4u) + vec2u(0u, 1u), vec2u(count / 4u - 1u)); }

// x as this layer's input: act_in(z_in) when x holds the layer below's z (INPUT_ACTIVATION).
fn input_of(v: vec4f) -> vec4f {
  if (INPUT_ACTIVATION == LINEAR) { return v; }
  return vec4f(
    activate_as(INPUT_ACTIVATION, v.x),
    activate_as(INPUT_ACTIVATION, v.y),
    activate_as(INPUT_ACTIVATION, v.z),
    activate_as(INPUT_ACTIVATION, v.w),
  );
}
fn x4(at: vec4u) -> vec4f { return input_of(vec4f(x[at.x], x[at.y], x[at.z], x[at.w])); }
fn x_row(at: u32) -> vec4f { return input_of(x_vec4[at]); }
fn weight4(at: vec4u) -> vec4f { return vec4f(weight[at.x], weight[at.y], weight[at.z], weight[at.w]); }
fn bias4(at: vec4u) -> vec4f { return vec4f(bias[at.x], bias[at.y], bias[at.z], bias[at.w]); }
fn dz4(at: vec4u) -> vec4f { return vec4f(dz[at.x], dz[at.y], dz[at.z], dz[at.w]); }
// Four rows of weight (as the columns of a matrix) at vec4 column k.
fn weight_rows(at: vec4u, k: u32) -> mat4x4f {
  return mat4x4f(weight_vec4[at.x + k], weight_vec4[at.y + k], weight_vec4[at.z + k], weight_vec4[at.w + k]);
}
// Rows (at[c] + k) of x, and of dz, as the columns of a matrix (vec4 column k of each row).
fn x_rows(at: vec4u, k: u32) -> mat4x4f { return mat4x4f(x_row(at.x + k), x_row(at.y + k), x_row(at.z + k), x_row(at.w + k)); }
fn dz_rows(at: vec4u, k: u32) -> mat4x4f {
  return mat4x4f(dz_vec4[at.x + k], dz_vec4[at.y + k], dz_vec4[at.z + k], dz_vec4[at.w + k]);
}
// Column c is the dot products of column c of rows with the columns of w.
fn rows_times(rows: mat4x4f, w: mat4x4f) -> mat4x4f { return mat4x4f(rows[0] * w, rows[1] * w, rows[2] * w, rows[3] * w); }
// Column c is w times column c of rows: the columns of w weighted by that column's four values.
fn times_rows(w: mat4x4f, rows: mat4x4f) -> mat4x4f { return mat4x4f(w * rows[0], w * rows[1], w * rows[2], w * rows[3]); }

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

// How many of the indices first .. first + 3 lie below count (0 to 4): the columns of a block that
// a tile overhanging the destination's edge stores.
fn in_range4(first: u32, count: u32) -> u32 { return min(count - min(first, count), 4u); }

// The *_row functions store the first n components of v at `at`; the store_* functions store a
// tile, skipping rows and columns past the destination's edge.
fn forward_row(at: u32, n: u32, v: vec4f) {
  if (n > 0u) { z[at] = v.x; if (STORE_Y) { y[at] = activate(v.x); } }
  if (n > 1u) { z[at + 1u] = v.y; if (STORE_Y) { y[at + 1u] = activate(v.y); } }
  if (n > 2u) { z[at + 2u] = v.z; if (STORE_Y) { y[at + 2u] = activate(v.z); } }
  if (n > 3u) { z[at + 3u] = v.w; if (STORE_Y) { y[at + 3u] = activate(v.w); } }
}

fn forward_block(r0: u32, o0: u32, block: mat4x4f, b: vec4f) {
  let n = in_range4(o0, params.outputs);
  let o = params.outputs;
  if (r0 < params.batch) { forward_row(r0 * o + o0, n, block[0] + b); }
  if (r0 + 1u < params.batch) { forward_row((r0 + 1u) * o + o0, n, block[1] + b); }
  if (r0 + 2u < params.batch) { forward_row((r0 + 2u) * o + o0, n, block[2] + b); }
  if (r0 + 3u < params.batch) { forward_row((r0 + 3u) * o + o0, n, block[3] + b); }
}

fn store_forward(origin: vec2u, t: Tile) {
  let b0 = bias4(clamped4(origin.y, params.outputs));
  let b1 = bias4(clamped4(origin.y + 4u, params.outputs));
  forward_block(origin.x, origin.y, t.b00, b0);
  forward_block(origin.x, origin.y + 4u, t.b01, b1);
  forward_block(origin.x + 4u, origin.y, t.b10, b0);
  forward_block(origin.x + 4u, origin.y + 4u, t.b11, b1);
}

fn dweight_row(at: u32, n: u32, v: vec4f) {
  if (n > 0u) { dweight[at] = v.x; }
  if (n > 1u) { dweight[at + 1u] = v.y; }
  if (n > 2u) { dweight[at + 2u] = v.z; }
  if (n > 3u) { dweight[at + 3u] = v.w; }
}

fn dweight_block(o0: u32, i0: u32, block: mat4x4f) {
  let n = in_range4(i0, params.inputs);
  let i = params.inputs;
  if (o0 < params.outputs) { dweight_row(o0 * i + i0, n, block[0]); }
  if (o0 + 1u < params.outputs) { dweight_row((o0 + 1u) * i + i0, n, block[1]); }
  if (o0 + 2u < params.outputs) { dweight_row((o0 + 2u) * i + i0, n, block[2]); }
  if (o0 + 3u < params.outputs) { dweight_row((o0 + 3u) * i + i0, n, block[3]); }
}

fn dbias_block(o0: u32, sums: vec4f) {
  let n = in_range4(o0, params.outputs);
  if (n > 0u) { dbias[o0] = sums.x; }
  if (n > 1u) { dbias[o0 + 1u] = sums.y; }
  if (n > 2u) { dbias[o0 + 2u] = sums.z; }
  if (n > 3u) { dbias[o0 + 3u] = sums.w; }
}

// dweight's tile, and Σ_batch dz for its 8 outputs (stored by the first input tile).
struct WeightTile { t: Tile, bias0: vec4f, bias1: vec4f }

fn store_dweight(origin: vec2u, w: WeightTile) {
  dweight_block(origin.x, origin.y, w.t.b00);
  dweight_block(origin.x, origin.y + 4u, w.t.b01);
  dweight_block(origin.x + 4u, origin.y, w.t.b10);
  dweight_block(origin.x + 4u, origin.y + 4u, w.t.b11);
  if (origin.y == 0u) {
    dbias_block(origin.x, w.bias0);
    dbias_block(origin.x + 4u, w.bias1);
  }
}

fn dx_row(at: u32, n: u32, v: vec4f) {
  if (n > 0u) { dx[at] = v.x; }
  if (n > 1u) { dx[at + 1u] = v.y; }
  if (n > 2u) { dx[at + 2u] = v.z; }
  if (n > 3u) { dx[at + 3u] = v.w; }
}

fn dx_block(r0: u32, i0: u32, block: mat4x4f) {
  let n = in_range4(i0, params.inputs);
  let i = params.inputs;
  if (r0 < params.batch) { dx_row(r0 * i + i0, n, block[0]); }
  if (r0 + 1u < params.batch) { dx_row((r0 + 1u) * i + i0, n, block[1]); }
  if (r0 + 2u < params.batch) { dx_row((r0 + 2u) * i + i0, n, block[2]); }
  if (r0 + 3u < params.batch) { dx_row((r0 + 3u) * i + i0, n, block[3]); }
}

fn store_dx(origin: vec2u, t: Tile) {
  dx_block(origin.x, origin.y, t.b00);
  dx_block(origin.x, origin.y + 4u, t.b01);
  dx_block(origin.x + 4u, origin.y, t.b10);
  dx_block(origin.x + 4u, origin.y + 4u, t.b11);
}

// dx_row then the input layer's activation backward: dz_in = dx ⊙ act'(z_in).
fn dz_input_row(at: u32, n: u32, v: vec4f) {
  if (n > 0u) { dx[at] = activation_backward(v.x, input_z[at]); }
  if (n > 1u) { dx[at + 1u] = activation_backward(v.y, input_z[at + 1u]); }
  if (n > 2u) { dx[at + 2u] = activation_backward(v.z, input_z[at + 2u]); }
  if (n > 3u) { dx[at + 3u] = activation_backward(v.w, input_z[at + 3u]); }
}

fn dz_input_block(r0: u32, i0: u32, block: mat4x4f) {
  let n = in_range4(i0, params.inputs);
  let i = params.inputs;
  if (r0 < params.batch) { dz_input_row(r0 * i + i0, n, block[0]); }
  if (r0 + 1u < params.batch) { dz_input_row((r0 + 1u) * i + i0, n, block[1]); }
  if (r0 + 2u < params.batch) { dz_input_row((r0 + 2u) * i + i0, n, block[2]); }
  if (r0 + 3u < params.batch) { dz_input_row((r0 + 3u) * i + i0, n, block[3]); }
}

fn store_dz_input(origin: vec2u, t: Tile) {
  dz_input_block(origin.x, origin.y, t.b00);
  dz_input_block(origin.x, origin.y + 4u, t.b01);
  dz_input_block(origin.x + 4u, origin.y, t.b10);
  dz_input_block(origin.x + 4u, origin.y + 4u, t.b11);
}

// store_dx and store_dz_input for I a multiple of 4: a block's four columns (from a multiple of 4)
// are then all in range or all past the edge, so each row of a block is one vec4 store.
fn dx_block_vec4(r0: u32, i0: u32, block: mat4x4f) {
  if (i0 >= params.inputs) { return; }
  let at = r0 * (params.inputs / 4u) + i0 / 4u;
  let row = params.inputs / 4u;
  if (r0 < params.batch) { dx_vec4[at] = block[0]; }
  if (r0 + 1u < params.batch) { dx_vec4[at + row] = block[1]; }
  if (r0 + 2u < params.batch) { dx_vec4[at + 2u * row] = block[2]; }
  if (r0 + 3u < params.batch) { dx_vec4[at + 3u * row] = block[3]; }
}

fn store_dx_vec4(origin: vec2u, t: Tile) {
  dx_block_vec4(origin.x, origin.y, t.b00);
  dx_block_vec4(origin.x, origin.y + 4u, t.b01);
  dx_block_vec4(origin.x + 4u, origin.y, t.b10);
  dx_block_vec4(origin.x + 4u, origin.y + 4u, t.b11);
}

fn dz_input_vec4(at: u32, v: vec4f) {
  let z_in = input_z_vec4[at];
  dx_vec4[at] = vec4f(
    activation_backward(v.x, z_in.x),
    activation_backward(v.y, z_in.y),
    activation_backward(v.z, z_in.z),
    activation_backward(v.w, z_in.w),
  );
}

fn dz_input_block_vec4(r0: u32, i0: u32, block: mat4x4f) {
  if (i0 >= params.inputs) { return; }
  let at = r0 * (params.inputs / 4u) + i0 / 4u;
  let row = params.inputs / 4u;
  if (r0 < params.batch) { dz_input_vec4(at, block[0]); }
  if (r0 + 1u < params.batch) { dz_input_vec4(at + row, block[1]); }
  if (r0 + 2u < params.batch) { dz_input_vec4(at + 2u * row, block[2]); }
  if (r0 + 3u < params.batch) { dz_input_vec4(at + 3u * row, block[3]); }
}

fn store_dz_input_vec4(origin: vec2u, t: Tile) {
  dz_input_block_vec4(origin.x, origin.y, t.b00);
  dz_input_block_vec4(origin.x, origin.y + 4u, t.b01);
  dz_input_block_vec4(origin.x + 4u, origin.y, t.b10);
  dz_input_block_vec4(origin.x + 4u, origin.y + 4u, t.b11);
}

// The products. Each returns the tile at `origin` (first row, first column of the destination).

// z − bias = x weightᵀ for 8 rows × 8 outputs.
fn forward_tile(origin: vec2u) -> Tile {
  let n = params.inputs;
  let x_lo = clamped4(origin.x, params.batch) * n; // where the tile's rows start in x, in two halves
  let x_hi = clamped4(origin.x + 4u, params.batch) * n;
  let w_lo = clamped4(origin.y, params.outputs) * n;
  let w_hi = clamped4(origin.y + 4u, params.outputs) * n;
  var acc = Tile();
  for (var i = 0u; i < n; i++) {
    accumulate(&acc, x4(x_lo + i), x4(x_hi + i), weight4(w_lo + i), weight4(w_hi + i));
  }
  return acc;
}

// forward_tile for I a multiple of 4, four inputs per step as dot products.
fn forward_tile_vec4(origin: vec2u) -> Tile {
  let n = params.inputs / 4u;
  let x_lo = clamped4(origin.x, params.batch) * n;
  let x_hi = clamped4(origin.x + 4u, params.batch) * n;
  let w_lo = clamped4(origin.y, params.outputs) * n;
  let w_hi = clamped4(origin.y + 4u, params.outputs) * n;
  var acc = Tile();
  for (var k = 0u; k < n; k++) {
    let w0 = weight_rows(w_lo, k);
    let w1 = weight_rows(w_hi, k);
    let lo = x_rows(x_lo, k);
    let hi = x_rows(x_hi, k);
    acc.b00 += rows_times(lo, w0);
    acc.b01 += rows_times(lo, w1);
    acc.b10 += rows_times(hi, w0);
    acc.b11 += rows_times(hi, w1);
  }
  return acc;
}

// dweight = dzᵀ x for 8 outputs × 8 inputs, and the dbias sums.
fn weight_tile(origin: vec2u) -> WeightTile {
  let o_lo = clamped4(origin.x, params.outputs);
  let o_hi = clamped4(origin.x + 4u, params.outputs);
  let i_lo = clamped4(origin.y, params.inputs);
  let i_hi = clamped4(origin.y + 4u, params.inputs);
  var w = WeightTile();
  for (var r = 0u; r < params.batch; r++) {
    let dz0 = dz4(r * params.outputs + o_lo);
    let dz1 = dz4(r * params.outputs + o_hi);
    accumulate(&w.t, dz0, dz1, x4(r * params.inputs + i_lo), x4(r * params.inputs + i_hi));
    w.bias0 += dz0;
    w.bias1 += dz1;
  }
  return w;
}

// weight_tile for I and O multiples of 4.
fn weight_tile_vec4(origin: vec2u) -> WeightTile {
  let o = vec4_columns(origin.x, params.outputs);
  let i = vec4_columns(origin.y, params.inputs);
  let o_row = params.outputs / 4u;
  let i_row = params.inputs / 4u;
  var w = WeightTile();
  for (var r = 0u; r < params.batch; r++) {
    let dz0 = dz_vec4[r * o_row + o.x];
    let dz1 = dz_vec4[r * o_row + o.y];
    accumulate(&w.t, dz0, dz1, x_row(r * i_row + i.x), x_row(r * i_row + i.y));
    w.bias0 += dz0;
    w.bias1 += dz1;
  }
  return w;
}

// dx = dz weight for 8 rows × 8 inputs.
fn input_tile(origin: vec2u) -> Tile {
  let dz_lo = clamped4(origin.x, params.batch) * params.outputs;
  let dz_hi = clamped4(origin.x + 4u, params.batch) * params.outputs;
  let i_lo = clamped4(origin.y, params.inputs);
  let i_hi = clamped4(origin.y + 4u, params.inputs);
  var acc = Tile();
  for (var k = 0u; k < params.outputs; k++) {
    accumulate(&acc, dz4(dz_lo + k), dz4(dz_hi + k), weight4(k * params.inputs + i_lo), weight4(k * params.inputs + i_hi));
  }
  return acc;
}

// input_tile for I a multiple of 4 and any O (the 10 logits): rows of weight as vec4, dz gathered.
fn input_tile_w_vec4(origin: vec2u) -> Tile {
  let dz_lo = clamped4(origin.x, params.batch) * params.outputs;
  let dz_hi = clamped4(origin.x + 4u, params.batch) * params.outputs;
  let i = vec4_columns(origin.y, params.inputs);
  let i_row = params.inputs / 4u;
  var acc = Tile();
  for (var k = 0u; k < params.outputs; k++) {
    accumulate(&acc, dz4(dz_lo + k), dz4(dz_hi + k), weight_vec4[k * i_row + i.x], weight_vec4[k * i_row + i.y]);
  }
  return acc;
}

// input_tile for I and O multiples of 4, four of the summed outputs per step: rows k .. k + 3 of
// weight (vec4 columns of the tile) times vec4 column k of 8 rows of dz.
fn input_tile_vec4(origin: vec2u) -> Tile {
  let o_row = params.outputs / 4u;
  let i_row = params.inputs / 4u;
  let dz_lo = clamped4(origin.x, params.batch) * o_row;
  let dz_hi = clamped4(origin.x + 4u, params.batch) * o_row;
  let i = vec4_columns(origin.y, params.inputs);
  var acc = Tile();
  for (var k = 0u; k < o_row; k++) {
    let rows = 4u * k * i_row + vec4u(0u, 1u, 2u, 3u) * i_row; // weight rows 4k .. 4k + 3
    let w0 = weight_rows(rows + i.x, 0u);
    let w1 = weight_rows(rows + i.y, 0u);
    let lo = dz_rows(dz_lo, k);
    let hi = dz_rows(dz_hi, k);
    acc.b00 += times_rows(w0, lo);
    acc.b01 += times_rows(w1, lo);
    acc.b10 += times_rows(w0, hi);
    acc.b11 += times_rows(w1, hi);
  }
  return acc;
}

// 16×16 tiles (the '_tile16' entry points, vec4 only): four 8×8 tiles per invocation, tRC at
// rows origin + 8R and columns origin + 8C. Each step loads 32 vec4 for 1024 multiply-adds instead
// of 16 for 256, which on SwiftShader, where every load is a per-lane gather and the workgroups of
// a dispatch run one after another, made a 256×64×64 product 1.4–1.7× faster (README). On a real
// GPU the 8×8 tiles keep 4× more invocations busy. Each element sums the same products in the same
// order as in the 8×8 entry points, so the two agree bit for bit.
struct Tile16 { t00: Tile, t01: Tile, t10: Tile, t11: Tile }

fn tiles16(n: u32) -> u32 { return (n + 15u) / 16u; }

fn tile16_origin(gid: vec3u, groups: vec3u, columns: u32) -> vec2u {
  let tile = invocation_index(gid, groups);
  return vec2u(tile / tiles16(columns), tile % tiles16(columns)) * 16u;
}

// The vec4 columns of a 16-wide tile, clamped like vec4_columns.
fn vec4_columns16(first: u32, count: u32) -> vec4u {
  return min(vec4u(first / 4u) + vec4u(0u, 1u, 2u, 3u), vec4u(count / 4u - 1u));
}

const DOWN: vec2u = vec2u(8u, 0u);
const RIGHT: vec2u = vec2u(0u, 8u);

fn forward_tile16_vec4(origin: vec2u) -> Tile16 {
  let n = params.inputs / 4u;
  let x0 = clamped4(origin.x, params.batch) * n;
  let x1 = clamped4(origin.x + 4u, params.batch) * n;
  let x2 = clamped4(origin.x + 8u, params.batch) * n;
  let x3 = clamped4(origin.x + 12u, params.batch) * n;
  let w_at0 = clamped4(origin.y, params.outputs) * n;
  let w_at1 = clamped4(origin.y + 4u, params.outputs) * n;
  let w_at2 = clamped4(origin.y + 8u, params.outputs) * n;
  let w_at3 = clamped4(origin.y + 12u, params.outputs) * n;
  var acc = Tile16();
  for (var k = 0u; k < n; k++) {
    let w0 = weight_rows(w_at0, k);
    let w1 = weight_rows(w_at1, k);
    let w2 = weight_rows(w_at2, k);
    let w3 = weight_rows(w_at3, k);
    let r0 = x_rows(x0, k);
    let r1 = x_rows(x1, k);
    let r2 = x_rows(x2, k);
    let r3 = x_rows(x3, k);
    acc.t00.b00 += rows_times(r0, w0);
    acc.t00.b01 += rows_times(r0, w1);
    acc.t00.b10 += rows_times(r1, w0);
    acc.t00.b11 += rows_times(r1, w1);
    acc.t01.b00 += rows_times(r0, w2);
    acc.t01.b01 += rows_times(r0, w3);
    acc.t01.b10 += rows_times(r1, w2);
    acc.t01.b11 += rows_times(r1, w3);
    acc.t10.b00 += rows_times(r2, w0);
    acc.t10.b01 += rows_times(r2, w1);
    acc.t10.b10 += rows_times(r3, w0);
    acc.t10.b11 += rows_times(r3, w1);
    acc.t11.b00 += rows_times(r2, w2);
    acc.t11.b01 += rows_times(r2, w3);
    acc.t11.b10 += rows_times(r3, w2);
    acc.t11.b11 += rows_times(r3, w3);
  }
  return acc;
}

fn weight_tile16_vec4(origin: vec2u) -> array<WeightTile, 4> {
  let o = vec4_columns16(origin.x, params.outputs);
  let i = vec4_columns16(origin.y, params.inputs);
  let o_row = params.outputs / 4u;
  let i_row = params.inputs / 4u;
  var acc = Tile16();
  var bias = mat4x4f(); // column c: Σ_batch dz for outputs origin.x + 4c .. + 3
  for (var r = 0u; r < params.batch; r++) {
    let dz0 = dz_vec4[r * o_row + o.x];
    let dz1 = dz_vec4[r * o_row + o.y];
    let dz2 = dz_vec4[r * o_row + o.z];
    let dz3 = dz_vec4[r * o_row + o.w];
    let x0 = x_row(r * i_row + i.x);
    let x1 = x_row(r * i_row + i.y);
    let x2 = x_row(r * i_row + i.z);
    let x3 = x_row(r * i_row + i.w);
    accumulate(&acc.t00, dz0, dz1, x0, x1);
    accumulate(&acc.t01, dz0, dz1, x2, x3);
    accumulate(&acc.t10, dz2, dz3, x0, x1);
    accumulate(&acc.t11, dz2, dz3, x2, x3);
    bias += mat4x4f(dz0, dz1, dz2, dz3);
  }
  // In store order; only the tiles of the first input columns store dbias (store_dweight).
  return array<WeightTile, 4>(
    WeightTile(acc.t00, bias[0], bias[1]),
    WeightTile(acc.t01, bias[0], bias[1]),
    WeightTile(acc.t10, bias[2], bias[3]),
    WeightTile(acc.t11, bias[2], bias[3]),
  );
}

fn input_tile16_vec4(origin: vec2u) -> Tile16 {
  let o_row = params.outputs / 4u;
  let i_row = params.inputs / 4u;
  let dz0 = clamped4(origin.x, params.batch) * o_row;
  let dz1 = clamped4(origin.x + 4u, params.batch) * o_row;
  let dz2 = clamped4(origin.x + 8u, params.batch) * o_row;
  let dz3 = clamped4(origin.x + 12u, params.batch) * o_row;
  let i = vec4_columns16(origin.y, params.inputs);
  var acc = Tile16();
  for (var k = 0u; k < o_row; k++) {
    let rows = 4u * k * i_row + vec4u(0u, 1u, 2u, 3u) * i_row; // weight rows 4k .. 4k + 3
    let w0 = weight_rows(rows + i.x, 0u);
    let w1 = weight_rows(rows + i.y, 0u);
    let w2 = weight_rows(rows + i.z, 0u);
    let w3 = weight_rows(rows + i.w, 0u);
    let d0 = dz_rows(dz0, k);
    let d1 = dz_rows(dz1, k);
    let d2 = dz_rows(dz2, k);
    let d3 = dz_rows(dz3, k);
    acc.t00.b00 += times_rows(w0, d0);
    acc.t00.b01 += times_rows(w1, d0);
    acc.t00.b10 += times_rows(w0, d1);
    acc.t00.b11 += times_rows(w1, d1);
    acc.t01.b00 += times_rows(w2, d0);
    acc.t01.b01 += times_rows(w3, d0);
    acc.t01.b10 += times_rows(w2, d1);
    acc.t01.b11 += times_rows(w3, d1);
    acc.t10.b00 += times_rows(w0, d2);
    acc.t10.b01 += times_rows(w1, d2);
    acc.t10.b10 += times_rows(w0, d3);
    acc.t10.b11 += times_rows(w1, d3);
    acc.t11.b00 += times_rows(w2, d2);
    acc.t11.b01 += times_rows(w3, d2);
    acc.t11.b10 += times_rows(w2, d3);
    acc.t11.b11 += times_rows(w3, d3);
  }
  return acc;
}

// Entry points: one invocation per 8×8 tile (rows × columns of the destination), the first past
// the last row returning at once.

// z = x weightᵀ + bias and y = act(z).
@compute @workgroup_size(WORKGROUP_SIZE)
fn dense_forward(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) groups: vec3u) {
  let origin = tile_origin(gid, groups, params.outputs);
  if (origin.x < params.batch) { store_forward(origin, forward_tile(origin)); }
}

@compute @workgroup_size(WORKGROUP_SIZE)
fn dense_forward_vec4(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) groups: vec3u) {
  let origin = tile_origin(gid, groups, params.outputs);
  if (origin.x < params.batch) { store_forward(origin, forward_tile_vec4(origin)); }
}

// dz = dy ⊙ act'(z), one entry per invocation; not dispatched for 'linear', whose dz is dy.
@compute @workgroup_size(WORKGROUP_SIZE)
fn dense_backward_activation(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) groups: vec3u) {
  let at = invocation_index(gid, groups);
  if (at >= params.batch * params.outputs) { return; }
  dz_out[at] = activation_backward(dy[at], z[at]);
}

// dweight = dzᵀ x and dbias = Σ_batch dz.
@compute @workgroup_size(WORKGROUP_SIZE)
fn dense_backward_weight(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) groups: vec3u) {
  let origin = tile_origin(gid, groups, params.inputs);
  if (origin.x < params.outputs) { store_dweight(origin, weight_tile(origin)); }
}

@compute @workgroup_size(WORKGROUP_SIZE)
fn dense_backward_weight_vec4(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) groups: vec3u) {
  let origin = tile_origin(gid, groups, params.inputs);
  if (origin.x < params.outputs) { store_dweight(origin, weight_tile_vec4(origin)); }
}

// dx = dz weight.
@compute @workgroup_size(WORKGROUP_SIZE)
fn dense_backward_input(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) groups: vec3u) {
  let origin = tile_origin(gid, groups, params.inputs);
  if (origin.x < params.batch) { store_dx(origin, input_tile(origin)); }
}

@compute @workgroup_size(WORKGROUP_SIZE)
fn dense_backward_input_vec4(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) groups: vec3u) {
  let origin = tile_origin(gid, groups, params.inputs);
  if (origin.x < params.batch) { store_dx_vec4(origin, input_tile_vec4(origin)); }
}

@compute @workgroup_size(WORKGROUP_SIZE)
fn dense_backward_input_w_vec4(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) groups: vec3u) {
  let origin = tile_origin(gid, groups, params.inputs);
  if (origin.x < params.batch) { store_dx_vec4(origin, input_tile_w_vec4(origin)); }
}

// The input layer's dz_in = (dz weight) ⊙ act'(z_in), ACTIVATION being the input layer's: the same
// arithmetic as dense_backward_input then that layer's dense_backward_activation, in one pass.
@compute @workgroup_size(WORKGROUP_SIZE)
fn dense_backward_input_activation(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) groups: vec3u) {
  let origin = tile_origin(gid, groups, params.inputs);
  if (origin.x < params.batch) { store_dz_input(origin, input_tile(origin)); }
}

@compute @workgroup_size(WORKGROUP_SIZE)
fn dense_backward_input_activation_vec4(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) groups: vec3u) {
  let origin = tile_origin(gid, groups, params.inputs);
  if (origin.x < params.batch) { store_dz_input_vec4(origin, input_tile_vec4(origin)); }
}

@compute @workgroup_size(WORKGROUP_SIZE)
fn dense_backward_input_activation_w_vec4(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) groups: vec3u) {
  let origin = tile_origin(gid, groups, params.inputs);
  if (origin.x < params.batch) { store_dz_input_vec4(origin, input_tile_w_vec4(origin)); }
}

// The same on 16×16 tiles.

@compute @workgroup_size(WORKGROUP_SIZE)
fn dense_forward_vec4_tile16(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) groups: vec3u) {
  let origin = tile16_origin(gid, groups, params.outputs);
  if (origin.x >= params.batch) { return; }
  let t = forward_tile16_vec4(origin);
  store_forward(origin, t.t00);
  store_forward(origin + RIGHT, t.t01);
  store_forward(origin + DOWN, t.t10);
  store_forward(origin + DOWN + RIGHT, t.t11);
}

@compute @workgroup_size(WORKGROUP_SIZE)
fn dense_backward_weight_vec4_tile16(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) groups: vec3u) {
  let origin = tile16_origin(gid, groups, params.inputs);
  if (origin.x >= params.outputs) { return; }
  let w = weight_tile16_vec4(origin);
  store_dweight(origin, w[0]);
  store_dweight(origin + RIGHT, w[1]);
  store_dweight(origin + DOWN, w[2]);
  store_dweight(origin + DOWN + RIGHT, w[3]);
}

@compute @workgroup_size(WORKGROUP_SIZE)
fn dense_backward_input_vec4_tile16(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) groups: vec3u) {
  let origin = tile16_origin(gid, groups, params.inputs);
  if (origin.x >= params.batch) { return; }
  let t = input_tile16_vec4(origin);
  store_dx_vec4(origin, t.t00);
  store_dx_vec4(origin + RIGHT, t.t01);
  store_dx_vec4(origin + DOWN, t.t10);
  store_dx_vec4(origin + DOWN + RIGHT, t.t11);
}

@compute @workgroup_size(WORKGROUP_SIZE)
fn dense_backward_input_activation_vec4_tile16(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) groups: vec3u) {
  let origin = tile16_origin(gid, groups, params.inputs);
  if (origin.x >= params.batch) { return; }
  let t = input_tile16_vec4(origin);
  store_dz_input_vec4(origin, t.t00);
  store_dz_input_vec4(origin + RIGHT, t.t01);
  store_dz_input_vec4(origin + DOWN, t.t10);
  store_dz_input_vec4(origin + DOWN + RIGHT, t.t11);
}

// 4×4 tiles (the '_tile4' entry points): one 4×4 block per invocation, the block at the same place
// in an 8×8 tile summing the same products in the same order, so the two agree bit for bit. Each
// step loads 8 values for 64 multiply-adds, half the 8×8 tile's ratio, but on SwiftShader a 4×4
// entry point compiles in ~0.2 s where an 8×8 one takes ~0.7 s and a 16×16 one ~2.5 s: the trainer
// starts on these and moves to the adapter's tiles once they have compiled (GpuMlp.switchDenseVariant).

fn tiles4(n: u32) -> u32 { return (n + 3u) / 4u; }

fn tile4_origin(gid: vec3u, groups: vec3u, columns: u32) -> vec2u {
  let tile = invocation_index(gid, groups);
  return vec2u(tile / tiles4(columns), tile % tiles4(columns)) * 4u;
}

// z − bias = x weightᵀ for 4 rows × 4 outputs: forward_tile's b00.
fn forward_tile4(origin: vec2u) -> mat4x4f {
  let n = params.inputs;
  let x_at = clamped4(origin.x, params.batch) * n;
  let w_at = clamped4(origin.y, params.outputs) * n;
  var acc = mat4x4f();
  for (var i = 0u; i < n; i++) { acc += outer(weight4(w_at + i), x4(x_at + i)); }
  return acc;
}

// forward_tile_vec4's b00.
fn forward_tile4_vec4(origin: vec2u) -> mat4x4f {
  let n = params.inputs / 4u;
  let x_at = clamped4(origin.x, params.batch) * n;
  let w_at = clamped4(origin.y, params.outputs) * n;
  var acc = mat4x4f();
  for (var k = 0u; k < n; k++) { acc += rows_times(x_rows(x_at, k), weight_rows(w_at, k)); }
  return acc;
}

// dweight for 4 outputs × 4 inputs and Σ_batch dz for the 4 outputs: weight_tile's b00 and bias0.
struct WeightBlock { block: mat4x4f, bias: vec4f }

fn weight_tile4(origin: vec2u) -> WeightBlock {
  let o = clamped4(origin.x, params.outputs);
  let i = clamped4(origin.y, params.inputs);
  var w = WeightBlock();
  for (var r = 0u; r < params.batch; r++) {
    let d = dz4(r * params.outputs + o);
    w.block += outer(x4(r * params.inputs + i), d);
    w.bias += d;
  }
  return w;
}

// weight_tile_vec4's b00 and bias0 (origin.y < I and origin.x < O, both multiples of 4).
fn weight_tile4_vec4(origin: vec2u) -> WeightBlock {
  let o_row = params.outputs / 4u;
  let i_row = params.inputs / 4u;
  var w = WeightBlock();
  for (var r = 0u; r < params.batch; r++) {
    let d = dz_vec4[r * o_row + origin.x / 4u];
    w.block += outer(x_row(r * i_row + origin.y / 4u), d);
    w.bias += d;
  }
  return w;
}

// dx = dz weight for 4 rows × 4 inputs: input_tile's b00.
fn input_tile4(origin: vec2u) -> mat4x4f {
  let dz_at = clamped4(origin.x, params.batch) * params.outputs;
  let i = clamped4(origin.y, params.inputs);
  var acc = mat4x4f();
  for (var k = 0u; k < params.outputs; k++) { acc += outer(weight4(k * params.inputs + i), dz4(dz_at + k)); }
  return acc;
}

// input_tile_w_vec4's b00.
fn input_tile4_w_vec4(origin: vec2u) -> mat4x4f {
  let dz_at = clamped4(origin.x, params.batch) * params.outputs;
  let i_row = params.inputs / 4u;
  var acc = mat4x4f();
  for (var k = 0u; k < params.outputs; k++) { acc += outer(weight_vec4[k * i_row + origin.y / 4u], dz4(dz_at + k)); }
  return acc;
}

// input_tile_vec4's b00.
fn input_tile4_vec4(origin: vec2u) -> mat4x4f {
  let o_row = params.outputs / 4u;
  let i_row = params.inputs / 4u;
  let dz_at = clamped4(origin.x, params.batch) * o_row;
  var acc = mat4x4f();
  for (var k = 0u; k < o_row; k++) {
    let rows = 4u * k * i_row + vec4u(0u, 1u, 2u, 3u) * i_row; // weight rows 4k .. 4k + 3
    acc += times_rows(weight_rows(rows + origin.y / 4u, 0u), dz_rows(dz_at, k));
  }
  return acc;
}

fn store_forward4(origin: vec2u, block: mat4x4f) { forward_block(origin.x, origin.y, block, bias4(clamped4(origin.y, params.outputs))); }

fn store_dweight4(origin: vec2u, w: WeightBlock) {
  dweight_block(origin.x, origin.y, w.block);
  if (origin.y == 0u) { dbias_block(origin.x, w.bias); }
}

@compute @workgroup_size(WORKGROUP_SIZE)
fn dense_forward_tile4(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) groups: vec3u) {
  let origin = tile4_origin(gid, groups, params.outputs);
  if (origin.x < params.batch) { store_forward4(origin, forward_tile4(origin)); }
}

@compute @workgroup_size(WORKGROUP_SIZE)
fn dense_forward_vec4_tile4(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) groups: vec3u) {
  let origin = tile4_origin(gid, groups, params.outputs);
  if (origin.x < params.batch) { store_forward4(origin, forward_tile4_vec4(origin)); }
}

@compute @workgroup_size(WORKGROUP_SIZE)
fn dense_backward_weight_tile4(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) groups: vec3u) {
  let origin = tile4_origin(gid, groups, params.inputs);
  if (origin.x < params.outputs) { store_dweight4(origin, weight_tile4(origin)); }
}

@compute @workgroup_size(WORKGROUP_SIZE)
fn dense_backward_weight_vec4_tile4(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) groups: vec3u) {
  let origin = tile4_origin(gid, groups, params.inputs);
  if (origin.x < params.outputs) { store_dweight4(origin, weight_tile4_vec4(origin)); }
}

@compute @workgroup_size(WORKGROUP_SIZE)
fn dense_backward_input_tile4(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) groups: vec3u) {
  let origin = tile4_origin(gid, groups, params.inputs);
  if (origin.x < params.batch) { dx_block(origin.x, origin.y, input_tile4(origin)); }
}

@compute @workgroup_size(WORKGROUP_SIZE)
fn dense_backward_input_vec4_tile4(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) groups: vec3u) {
  let origin = tile4_origin(gid, groups, params.inputs);
  if (origin.x < params.batch) { dx_block_vec4(origin.x, origin.y, input_tile4_vec4(origin)); }
}

@compute @workgroup_size(WORKGROUP_SIZE)
fn dense_backward_input_w_vec4_tile4(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) groups: vec3u) {
  let origin = tile4_origin(gid, groups, params.inputs);
  if (origin.x < params.batch) { dx_block_vec4(origin.x, origin.y, input_tile4_w_vec4(origin)); }
}

@compute @workgroup_size(WORKGROUP_SIZE)
fn dense_backward_input_activation_tile4(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) groups: vec3u) {
  let origin = tile4_origin(gid, groups, params.inputs);
  if (origin.x < params.batch) { dz_input_block(origin.x, origin.y, input_tile4(origin)); }
}

@compute @workgroup_size(WORKGROUP_SIZE)
fn dense_backward_input_activation_vec4_tile4(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) groups: vec3u) {
  let origin = tile4_origin(gid, groups, params.inputs);
  if (origin.x < params.batch) { dz_input_block_vec4(origin.x, origin.y, input_tile4_vec4(origin)); }
}

@compute @workgroup_size(WORKGROUP_SIZE)
fn dense_backward_input_activation_w_vec4_tile4(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) groups: vec3u) {
  let origin = tile4_origin(gid, groups, params.inputs);
  if (origin.x < params.batch) { dz_input_block_vec4(origin.x, origin.y, input_tile4_w_vec4(origin)); }
}
