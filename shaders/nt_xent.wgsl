// NT-Xent (SimCLR) loss forward + backward, in five dispatches with no workgroup memory.
// Shapes: R = 2N rows, D dims, D4 = ceil(D / 4) (zhat and dzhat are zero-padded to 4·D4 so the
// matmuls load vec4); z [R, D], zhat [R, 4·D4], similarity [R, R], dlogits [R, R], grad [R, D].
// Math: ẑ_i = z_i / max(‖z_i‖, 1e-12) (F.normalize); S = ẑ ẑᵀ (cosine similarity, returned);
// ℓ_i = −S_{i,p(i)}/τ + log Σ_{j≠i} exp(S_ij/τ), p(i) = (i + N) mod 2N;
// G = ∂L/∂S = s·(P − onehot(p))/τ with P the row softmax over j ≠ i (s = 1/R for 'mean');
// ∂L/∂ẑ = (G + Gᵀ) ẑ; ∂L/∂z_i = (∂ẑ_i − ẑ_i (ẑ_i·∂ẑ_i)) / ‖z_i‖, or ∂ẑ_i / 1e-12 when ‖z_i‖ < 1e-12.
// Needs lib/ieee.wgsl, lib/compensated_sum.wgsl, lib/row_stats.wgsl.

struct Params {
  rows: u32,          // R = 2N
  dim: u32,           // D
  dim4: u32,          // D4 = ceil(D / 4)
  mean: u32,          // 1 for reduction 'mean'
  inv_temperature: f32, // 1/τ
  _pad0: u32,
  _pad1: u32,
  _pad2: u32,
}

const NORMALIZE_EPS: f32 = 1e-12; // F.normalize's default eps

override WORKGROUP_SIZE: u32 = 64u;

@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read> z: array<f32>;
@group(0) @binding(2) var<storage, read_write> zhat: array<vec4f>;
@group(0) @binding(3) var<storage, read_write> norms: array<f32>;
@group(0) @binding(4) var<storage, read_write> similarity: array<f32>;
@group(0) @binding(5) var<storage, read_write> dlogits: array<f32>;
@group(0) @binding(6) var<storage, read_write> row_loss: array<f32>;
@group(0) @binding(7) var<storage, read_write> dzhat: array<vec4f>;
@group(0) @binding(8) var<storage, read_write> grad: array<f32>;

fn z_at(row: u32, d: u32) -> f32 { return select(0.0, z[row * params.dim + d], d < params.dim); }

// One row per invocation: the norm and the zero-padded unit row.
@compute @workgroup_size(WORKGROUP_SIZE)
fn nt_xent_normalize(@builtin(global_invocation_id) gid: vec3u) {
  let row = gid.x;
  if (row >= params.rows) { return; }
  var sq = 0.0;
  for (var d = 0u; d < params.dim; d++) { let v = z[row * params.dim + d]; sq += v * v; }
  let norm = sqrt(sq);
  norms[row] = norm;
  let inv = 1.0 / max(norm, NORMALIZE_EPS);
  for (var k = 0u; k < params.dim4; k++) {
    let d = 4u * k;
    zhat[row * params.dim4 + k] = vec4f(z_at(row, d), z_at(row, d + 1u), z_at(row, d + 2u), z_at(row, d + 3u)) * inv;
  }
}

// S = ẑ ẑᵀ, register-blocked: each invocation owns a 4×4 tile and reads 8 vec4 per step of 4 dims.
@compute @workgroup_size(8, 8)
fn nt_xent_similarity(@builtin(global_invocation_id) gid: vec3u) {
  let r0 = gid.y * 4u;
  let c0 = gid.x * 4u;
  if (r0 >= params.rows || c0 >= params.rows) { return; }
  let last = params.rows - 1u;
  var acc: array<vec4f, 4>;
  for (var k = 0u; k < params.dim4; k++) {
    let b0 = zhat[min(c0, last) * params.dim4 + k];
    let b1 = zhat[min(c0 + 1u, last) * params.dim4 + k];
    let b2 = zhat[min(c0 + 2u, last) * params.dim4 + k];
    let b3 = zhat[min(c0 + 3u, last) * params.dim4 + k];
    for (var i = 0u; i < 4u; i++) {
      let a = zhat[min(r0 + i, last) * params.dim4 + k];
      acc[i] += vec4f(dot(a, b0), dot(a, b1), dot(a, b2), dot(a, b3));
    }
  }
  for (var i = 0u; i < 4u; i++) {
    let r = r0 + i;
    if (r >= params.rows) { break; }
    for (var j = 0u; j < 4u; j++) {
      if (c0 + j < params.rows) { similarity[r * params.rows + c0 + j] = acc[i][j]; }
    }
  }
}

// One row per invocation: masked log-sum-exp over j ≠ i, the row loss, and G = ∂L/∂S.
@compute @workgroup_size(WORKGROUP_SIZE)
fn nt_xent_row_loss(@builtin(global_invocation_id) gid: vec3u) {
  let row = gid.x;
  if (row >= params.rows) { return; }
  let base = row * params.rows;
  let partner = (row + params.rows / 2u) % params.rows;
  let t = params.inv_temperature;
  var stats = row_stats_new();
  for (var j = 0u; j < params.rows; j++) {
    if (j != row) { row_stats_push(&stats, similarity[base + j] * t); }
  }
  let log_total = log(row_stats_total(stats));
  row_loss[row] = log_total - (similarity[base + partner] * t - stats.max);
  let scale = select(1.0, 1.0 / f32(params.rows), params.mean == 1u) * t;
  for (var j = 0u; j < params.rows; j++) {
    var g = 0.0;
    if (j != row) {
      let p = exp_nonpositive(similarity[base + j] * t - stats.max) / row_stats_total(stats);
      g = scale * (p - select(0.0, 1.0, j == partner));
    }
    dlogits[base + j] = g;
  }
}

// ∂L/∂ẑ = (G + Gᵀ) ẑ: each invocation owns 4 rows × 4 dims (one vec4 column block).
@compute @workgroup_size(8, 8)
fn nt_xent_grad_zhat(@builtin(global_invocation_id) gid: vec3u) {
  let k = gid.x;
  let r0 = gid.y * 4u;
  if (k >= params.dim4 || r0 >= params.rows) { return; }
  let n = params.rows;
  let last = n - 1u;
  var acc: array<vec4f, 4>;
  for (var j = 0u; j < n; j++) {
    let b = zhat[j * params.dim4 + k];
    for (var i = 0u; i < 4u; i++) {
      let r = min(r0 + i, last);
      acc[i] += (dlogits[r * n + j] + dlogits[j * n + r]) * b;
    }
  }
  for (var i = 0u; i < 4u; i++) {
    if (r0 + i < n) { dzhat[(r0 + i) * params.dim4 + k] = acc[i]; }
  }
}

// One row per invocation: back through ẑ = z / max(‖z‖, eps).
@compute @workgroup_size(WORKGROUP_SIZE)
fn nt_xent_grad_input(@builtin(global_invocation_id) gid: vec3u) {
  let row = gid.x;
  if (row >= params.rows) { return; }
  let norm = norms[row];
  var radial = 0.0;
  if (norm >= NORMALIZE_EPS) {
    for (var k = 0u; k < params.dim4; k++) {
      radial += dot(zhat[row * params.dim4 + k], dzhat[row * params.dim4 + k]);
    }
  }
  let inv = 1.0 / max(norm, NORMALIZE_EPS);
  for (var k = 0u; k < params.dim4; k++) {
    let g = (dzhat[row * params.dim4 + k] - zhat[row * params.dim4 + k] * radial) * inv;
    for (var c = 0u; c < 4u; c++) {
      let d = 4u * k + c;
      if (d < params.dim) { grad[row * params.dim + d] = g[c]; }
    }
  }
}
