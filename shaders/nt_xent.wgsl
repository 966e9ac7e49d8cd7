// NT-Xent (SimCLR) loss forward + backward, in six dispatches with no workgroup memory: normalize,
// S = ẑẑᵀ, the row loss and G, H = G + Gᵀ, ∂ẑ = Hẑ, back through the norm. This file holds the plain
// passes; the two matmuls come in two tile sizes (variants 'tile4' and 'tile8', chosen per shape by
// nt_xent.ts; nt_xent_tiles.wgsl and the generator src/gpu/kernels/nt_xent_tiles.ts), and the row loss
// and symmetrize have branch-free vec4 forms for R a multiple of 4 (nt_xent_fast.wgsl).
// Shapes: R = 2N rows, D dims, D4 = ceil(D / 4) (zhat and dzhat are zero-padded to 4·D4 so the
// matmuls load vec4); z [R, D], zhat [R, 4·D4], similarity [R, R], dlogits [R, R], grad [R, D].
// Math: ẑ_i = z_i / max(‖z_i‖, 1e-12) (F.normalize); S = ẑ ẑᵀ (cosine similarity, returned);
// ℓ_i = −S_{i,p(i)}/τ + log Σ_{j≠i} exp(S_ij/τ), p(i) = (i + N) mod 2N;
// G = ∂L/∂S = s·(P − onehot(p))/τ with P the row softmax over j ≠ i (s = 1/R for 'mean');
// H = G + Gᵀ, ∂L/∂ẑ = H ẑ; ∂L/∂z_i = (∂ẑ_i − ẑ_i (ẑ_i·∂ẑ_i)) / ‖z_i‖, or ∂ẑ_i / 1e-12 when ‖z_i‖ < 1e-12.
// Needs lib/ieee.wgsl, lib/compensated_sum.wgsl, lib/row_stats.wgsl; nt_xent_tiles.wgsl and
// nt_xent_fast.wgsl share its Params and bindings.

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
  let inv_total = 1.0 / row_stats_total(stats);
  row_loss[row] = log_total - (similarity[base + partner] * t - stats.max);
  let scale = select(1.0, 1.0 / f32(params.rows), params.mean == 1u) * t;
  for (var j = 0u; j < params.rows; j++) {
    var g = 0.0;
    if (j != row) {
      let p = exp_nonpositive(similarity[base + j] * t - stats.max) * inv_total;
      g = scale * (p - select(0.0, 1.0, j == partner));
    }
    dlogits[base + j] = g;
  }
}

// G ← G + Gᵀ in place, one (i, j) pair per invocation, so that the next matmul reads rows only.
@compute @workgroup_size(8, 8)
fn nt_xent_symmetrize(@builtin(global_invocation_id) gid: vec3u) {
  let i = gid.y;
  let j = gid.x;
  if (j <= i || j >= params.rows) { return; } // the diagonal of G is 0 and stays 0
  let n = params.rows;
  let h = dlogits[i * n + j] + dlogits[j * n + i];
  dlogits[i * n + j] = h;
  dlogits[j * n + i] = h;
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
