// NT-Xent (SimCLR) loss forward + backward, in six dispatches with no workgroup memory; the two
// matmuls come in two tile sizes (variants 'tile4' and 'tile8', chosen per shape by nt_xent.ts).
// Shapes: R = 2N rows, D dims, D4 = ceil(D / 4) (zhat and dzhat are zero-padded to 4·D4 so the
// matmuls load vec4); z [R, D], zhat [R, 4·D4], similarity [R, R], dlogits [R, R], grad [R, D].
// Math: ẑ_i = z_i / max(‖z_i‖, 1e-12) (F.normalize); S = ẑ ẑᵀ (cosine similarity, returned);
// ℓ_i = −S_{i,p(i)}/τ + log Σ_{j≠i} exp(S_ij/τ), p(i) = (i + N) mod 2N;
// G = ∂L/∂S = s·(P − onehot(p))/τ with P the row softmax over j ≠ i (s = 1/R for 'mean');
// H = G + Gᵀ, ∂L/∂ẑ = H ẑ; ∂L/∂z_i = (∂ẑ_i − ẑ_i (ẑ_i·∂ẑ_i)) / ‖z_i‖, or ∂ẑ_i / 1e-12 when ‖z_i‖ < 1e-12.
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
// The same as vec4, for nt_xent_row_loss_fast and nt_xent_symmetrize_vec4 (R a multiple of 4).
@group(0) @binding(4) var<storage, read_write> similarity_vec4: array<vec4f>;
@group(0) @binding(5) var<storage, read_write> dlogits_vec4: array<vec4f>;

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

// Rows first .. first + 3 of ẑ (clamped to the last) at vec4 k, as the columns of a matrix.
fn zhat_rows(first: u32, k: u32) -> mat4x4f {
  let last = params.rows - 1u;
  return mat4x4f(
    zhat[min(first, last) * params.dim4 + k],
    zhat[min(first + 1u, last) * params.dim4 + k],
    zhat[min(first + 2u, last) * params.dim4 + k],
    zhat[min(first + 3u, last) * params.dim4 + k],
  );
}

// Column i: bt times column i of rows, i.e. that row's dot products with bt's four rows.
fn times_columns(bt: mat4x4f, rows: mat4x4f) -> mat4x4f {
  return mat4x4f(bt * rows[0], bt * rows[1], bt * rows[2], bt * rows[3]);
}

// Writes a 4×4 block (column i = row r0 + i, component j = column c0 + j) and its mirror.
fn store_similarity_block(r0: u32, c0: u32, block: mat4x4f) {
  for (var i = 0u; i < 4u; i++) {
    let r = r0 + i;
    if (r >= params.rows) { break; }
    for (var j = 0u; j < 4u; j++) {
      let c = c0 + j;
      if (c < params.rows) {
        similarity[r * params.rows + c] = block[i][j];
        similarity[c * params.rows + r] = block[i][j];
      }
    }
  }
}

// S = ẑ ẑᵀ, register-blocked: each invocation owns a 4×4 tile and reads 8 vec4 per step of 4 dims.
// S is symmetric, so only tiles on or above the diagonal are computed, and written twice.
@compute @workgroup_size(8, 8)
fn nt_xent_similarity(@builtin(global_invocation_id) gid: vec3u) {
  let r0 = gid.y * 4u;
  let c0 = gid.x * 4u;
  if (c0 < r0 || c0 >= params.rows) { return; }
  // Named accumulators (a matrix, column i = row r0 + i): a private array indexed in a loop
  // may live in memory rather than registers.
  var acc = mat4x4f();
  for (var k = 0u; k < params.dim4; k++) {
    // (a_i · b_j)_j = a_i ᵀ B as a row vector = transpose(B) a_i
    acc += times_columns(transpose(zhat_rows(c0, k)), zhat_rows(r0, k));
  }
  store_similarity_block(r0, c0, acc);
}

// The 'tile8' variant of nt_xent_similarity: 8×8 tiles, 16 vec4 loads per 256 multiply-adds
// instead of 8 per 64. On SwiftShader, where each load is a per-lane gather, that halves the loads
// of the largest matmul; each entry sums the same products in the same order as the 4×4 tiles.
@compute @workgroup_size(8, 8)
fn nt_xent_similarity_tile8(@builtin(global_invocation_id) gid: vec3u) {
  let r0 = gid.y * 8u;
  let c0 = gid.x * 8u;
  if (c0 < r0 || c0 >= params.rows) { return; }
  var a00 = mat4x4f(); // rows r0 .. +3, columns c0 .. +3
  var a01 = mat4x4f(); // rows r0 .. +3, columns c0 + 4 .. +7
  var a10 = mat4x4f();
  var a11 = mat4x4f();
  for (var k = 0u; k < params.dim4; k++) {
    let b0 = transpose(zhat_rows(c0, k));
    let b1 = transpose(zhat_rows(c0 + 4u, k));
    let lo = zhat_rows(r0, k);
    let hi = zhat_rows(r0 + 4u, k);
    a00 += times_columns(b0, lo);
    a01 += times_columns(b1, lo);
    a10 += times_columns(b0, hi);
    a11 += times_columns(b1, hi);
  }
  store_similarity_block(r0, c0, a00);
  store_similarity_block(r0, c0 + 4u, a01);
  store_similarity_block(r0 + 4u, c0, a10);
  store_similarity_block(r0 + 4u, c0 + 4u, a11);
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

// The same, branch-free, for R a multiple of 4 and 1/τ < NT_XENT_FAST_LIMIT (nt_xent.ts picks it
// then): SwiftShader runs both sides of every branch, so the loop above pays for its IEEE cases on
// every entry. For finite ẑ every logit S_ij/τ is then ordinary (|S_ij| ≤ 1 up to rounding), so the
// row's max and Σexp go a vec4 at a time (RowStats4). The diagonal is kept out of the max by putting
// the partner's logit, an entry of the row, in its lane, and out of Σexp by the lane mask. A row
// with a logit that is not ordinary (a NaN from a non-finite z) gets a NaN loss and gradient.
// Loss and gradient as above, up to rounding.

// The lanes of vec4 k of a row that are not its diagonal.
fn off_diagonal(k: u32, row: u32) -> vec4<bool> { return vec4u(4u * k) + vec4u(0u, 1u, 2u, 3u) != vec4u(row); }

// Folds vec4 k of the row: its logits, the diagonal lane replaced by the partner's logit.
fn push_logits(stats: ptr<function, RowStats4>, base4: u32, k: u32, row: u32, partner_logit: f32) {
  let keep = off_diagonal(k, row);
  let x = select(vec4f(partner_logit), similarity_vec4[base4 + k] * params.inv_temperature, keep);
  row_stats4_push_partial(stats, x, keep);
}

// scale·(p_j − [j = p(i)]) for vec4 k of the row, 0 on the diagonal.
fn store_dlogits(base4: u32, k: u32, row: u32, partner: u32, max: f32, p_scale: f32, scale: f32) {
  let lanes = vec4u(4u * k) + vec4u(0u, 1u, 2u, 3u);
  let p = exp(similarity_vec4[base4 + k] * params.inv_temperature - max) * p_scale;
  let g = select(vec4f(0.0), p, lanes != vec4u(row)) - select(vec4f(0.0), vec4f(scale), lanes == vec4u(partner));
  dlogits_vec4[base4 + k] = g;
}

@compute @workgroup_size(WORKGROUP_SIZE)
fn nt_xent_row_loss_fast(@builtin(global_invocation_id) gid: vec3u) {
  let row = gid.x;
  if (row >= params.rows) { return; }
  let n4 = params.rows / 4u;
  let base4 = row * n4;
  let partner = (row + params.rows / 2u) % params.rows;
  let partner_logit = similarity_vec4[base4 + partner / 4u][partner % 4u] * params.inv_temperature;
  var stats = row_stats4_new(partner_logit);
  // Four vec4 an iteration: on SwiftShader an iteration costs more than the arithmetic in it.
  var k = 0u;
  for (; k + 4u <= n4; k += 4u) {
    push_logits(&stats, base4, k, row, partner_logit);
    push_logits(&stats, base4, k + 1u, row, partner_logit);
    push_logits(&stats, base4, k + 2u, row, partner_logit);
    push_logits(&stats, base4, k + 3u, row, partner_logit);
  }
  for (; k < n4; k++) { push_logits(&stats, base4, k, row, partner_logit); }
  let total = row_stats4_total(stats);
  let ordinary = row_stats4_is_ordinary(stats);
  row_loss[row] = select(f32_nan(), log(total) - (partner_logit - stats.max), ordinary);
  let scale = select(select(1.0, 1.0 / f32(params.rows), params.mean == 1u) * params.inv_temperature, f32_nan(), !ordinary);
  let p_scale = scale / total;
  k = 0u;
  for (; k + 4u <= n4; k += 4u) {
    store_dlogits(base4, k, row, partner, stats.max, p_scale, scale);
    store_dlogits(base4, k + 1u, row, partner, stats.max, p_scale, scale);
    store_dlogits(base4, k + 2u, row, partner, stats.max, p_scale, scale);
    store_dlogits(base4, k + 3u, row, partner, stats.max, p_scale, scale);
  }
  for (; k < n4; k++) { store_dlogits(base4, k, row, partner, stats.max, p_scale, scale); }
}

// b hᵀ as a matrix whose column i is h_i · b.
fn outer(b: vec4f, h: vec4f) -> mat4x4f { return mat4x4f(h.x * b, h.y * b, h.z * b, h.w * b); }

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

// The same for R a multiple of 4, a pair of 4×4 blocks per invocation, loaded and stored as vec4: a
// 16th of the invocations, and a quarter of the loads and stores (on SwiftShader a vec4 costs about
// what a float does). Each entry is the same sum G_ij + G_ji, so the same bits.
fn dlogits_block(row0: u32, k: u32, n4: u32) -> mat4x4f {
  return mat4x4f(dlogits_vec4[row0 * n4 + k], dlogits_vec4[(row0 + 1u) * n4 + k], dlogits_vec4[(row0 + 2u) * n4 + k], dlogits_vec4[(row0 + 3u) * n4 + k]);
}

fn store_dlogits_block(row0: u32, k: u32, n4: u32, block: mat4x4f) {
  for (var r = 0u; r < 4u; r++) { dlogits_vec4[(row0 + r) * n4 + k] = block[r]; }
}

@compute @workgroup_size(8, 8)
fn nt_xent_symmetrize_vec4(@builtin(global_invocation_id) gid: vec3u) {
  let bi = gid.y;
  let bj = gid.x;
  let n4 = params.rows / 4u;
  if (bj < bi || bj >= n4) { return; }
  // Column r of a block is row 4·b + r: h[r][c] = G(4bi + r, 4bj + c) + G(4bj + c, 4bi + r).
  let a = dlogits_block(4u * bi, bj, n4);
  let h = a + transpose(dlogits_block(4u * bj, bi, n4));
  store_dlogits_block(4u * bi, bj, n4, h);
  if (bj != bi) { store_dlogits_block(4u * bj, bi, n4, transpose(h)); }
}

// ∂L/∂ẑ = H ẑ with H = G + Gᵀ symmetric: each invocation owns 4 rows × 16 dims (4 vec4), and
// reads H's column r0..r0+3 as row j (contiguous) next to ẑ_j.
@compute @workgroup_size(8, 8)
fn nt_xent_grad_zhat(@builtin(global_invocation_id) gid: vec3u) {
  let k0 = gid.x * 4u;
  let r0 = gid.y * 4u;
  if (k0 >= params.dim4 || r0 >= params.rows) { return; }
  let n = params.rows;
  let last_row = n - 1u;
  let last_k = params.dim4 - 1u;
  // acc_t (column i = row r0 + i) holds dims 4·(k0 + t) .. +3: named, so they stay in registers.
  var acc0 = mat4x4f();
  var acc1 = mat4x4f();
  var acc2 = mat4x4f();
  var acc3 = mat4x4f();
  for (var j = 0u; j < n; j++) {
    let h = vec4f(
      dlogits[j * n + min(r0, last_row)],
      dlogits[j * n + min(r0 + 1u, last_row)],
      dlogits[j * n + min(r0 + 2u, last_row)],
      dlogits[j * n + min(r0 + 3u, last_row)],
    );
    let row = j * params.dim4;
    acc0 += outer(zhat[row + min(k0, last_k)], h);
    acc1 += outer(zhat[row + min(k0 + 1u, last_k)], h);
    acc2 += outer(zhat[row + min(k0 + 2u, last_k)], h);
    acc3 += outer(zhat[row + min(k0 + 3u, last_k)], h);
  }
  let blocks = array<mat4x4f, 4>(acc0, acc1, acc2, acc3);
  for (var i = 0u; i < 4u; i++) {
    if (r0 + i >= n) { break; }
    for (var t = 0u; t < 4u; t++) {
      if (k0 + t < params.dim4) { dzhat[(r0 + i) * params.dim4 + k0 + t] = blocks[t][i]; }
    }
  }
}

// The 'tile8' variant of nt_xent_grad_zhat: 8 rows × 32 dims (8 vec4) per invocation, 8 + 32
// loads per 256 multiply-adds instead of 4 + 16 per 64; the same sums in the same order.
fn h_column(j: u32, r0: u32) -> vec4f {
  let n = params.rows;
  let last = n - 1u;
  return vec4f(dlogits[j * n + min(r0, last)], dlogits[j * n + min(r0 + 1u, last)],
    dlogits[j * n + min(r0 + 2u, last)], dlogits[j * n + min(r0 + 3u, last)]);
}

// Writes dims k (a vec4 index) of rows r0 .. r0 + 3 from a block whose column i is row r0 + i.
fn store_dzhat_block(r0: u32, k: u32, block: mat4x4f) {
  if (k >= params.dim4) { return; }
  for (var i = 0u; i < 4u; i++) {
    if (r0 + i >= params.rows) { break; }
    dzhat[(r0 + i) * params.dim4 + k] = block[i];
  }
}

@compute @workgroup_size(8, 8)
fn nt_xent_grad_zhat_tile8(@builtin(global_invocation_id) gid: vec3u) {
  let k0 = gid.x * 8u;
  let r0 = gid.y * 8u;
  if (k0 >= params.dim4 || r0 >= params.rows) { return; }
  let last_k = params.dim4 - 1u;
  // lo_t / hi_t: rows r0 .. +3 / r0 + 4 .. +7, dims of vec4 k0 + t.
  var lo0 = mat4x4f(); var lo1 = mat4x4f(); var lo2 = mat4x4f(); var lo3 = mat4x4f();
  var lo4 = mat4x4f(); var lo5 = mat4x4f(); var lo6 = mat4x4f(); var lo7 = mat4x4f();
  var hi0 = mat4x4f(); var hi1 = mat4x4f(); var hi2 = mat4x4f(); var hi3 = mat4x4f();
  var hi4 = mat4x4f(); var hi5 = mat4x4f(); var hi6 = mat4x4f(); var hi7 = mat4x4f();
  for (var j = 0u; j < params.rows; j++) {
    let h_lo = h_column(j, r0);
    let h_hi = h_column(j, r0 + 4u);
    let row = j * params.dim4;
    let z0 = zhat[row + min(k0, last_k)];
    let z1 = zhat[row + min(k0 + 1u, last_k)];
    let z2 = zhat[row + min(k0 + 2u, last_k)];
    let z3 = zhat[row + min(k0 + 3u, last_k)];
    let z4 = zhat[row + min(k0 + 4u, last_k)];
    let z5 = zhat[row + min(k0 + 5u, last_k)];
    let z6 = zhat[row + min(k0 + 6u, last_k)];
    let z7 = zhat[row + min(k0 + 7u, last_k)];
    lo0 += outer(z0, h_lo); lo1 += outer(z1, h_lo); lo2 += outer(z2, h_lo); lo3 += outer(z3, h_lo);
    lo4 += outer(z4, h_lo); lo5 += outer(z5, h_lo); lo6 += outer(z6, h_lo); lo7 += outer(z7, h_lo);
    hi0 += outer(z0, h_hi); hi1 += outer(z1, h_hi); hi2 += outer(z2, h_hi); hi3 += outer(z3, h_hi);
    hi4 += outer(z4, h_hi); hi5 += outer(z5, h_hi); hi6 += outer(z6, h_hi); hi7 += outer(z7, h_hi);
  }
  store_dzhat_block(r0, k0, lo0); store_dzhat_block(r0, k0 + 1u, lo1);
  store_dzhat_block(r0, k0 + 2u, lo2); store_dzhat_block(r0, k0 + 3u, lo3);
  store_dzhat_block(r0, k0 + 4u, lo4); store_dzhat_block(r0, k0 + 5u, lo5);
  store_dzhat_block(r0, k0 + 6u, lo6); store_dzhat_block(r0, k0 + 7u, lo7);
  store_dzhat_block(r0 + 4u, k0, hi0); store_dzhat_block(r0 + 4u, k0 + 1u, hi1);
  store_dzhat_block(r0 + 4u, k0 + 2u, hi2); store_dzhat_block(r0 + 4u, k0 + 3u, hi3);
  store_dzhat_block(r0 + 4u, k0 + 4u, hi4); store_dzhat_block(r0 + 4u, k0 + 5u, hi5);
  store_dzhat_block(r0 + 4u, k0 + 6u, hi6); store_dzhat_block(r0 + 4u, k0 + 7u, hi7);
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
