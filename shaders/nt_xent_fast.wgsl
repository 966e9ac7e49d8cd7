// NT-Xent's branch-free passes for R a multiple of 4 (nt_xent.ts picks them then): the row loss and
// G ← G + Gᵀ, a vec4 at a time. SwiftShader runs both sides of every branch and costs a vec4 load or
// store about what a float's costs, so these do the general passes' (nt_xent.wgsl) work with fewer
// of both. Shapes: R rows; similarity, dlogits [R, R] as [R, R/4] vec4. Shares nt_xent.wgsl's Params
// and bindings.

// nt_xent.wgsl's similarity and dlogits as vec4.
@group(0) @binding(4) var<storage, read_write> similarity_vec4: array<vec4f>;
@group(0) @binding(5) var<storage, read_write> dlogits_vec4: array<vec4f>;

// nt_xent_row_loss, branch-free, for R a multiple of 4 and 1/τ < NT_XENT_FAST_LIMIT (nt_xent.ts picks
// it then): SwiftShader runs both sides of every branch, so the general loop pays for its IEEE cases
// on every entry. For finite ẑ every logit S_ij/τ is then ordinary (|S_ij| ≤ 1 up to rounding), so the
// row's max and Σexp go a vec4 at a time (RowStats4). The diagonal is kept out of the max by putting
// the partner's logit, an entry of the row, in its lane, and out of Σexp by the lane mask. A row
// with a logit that is not ordinary (a NaN from a non-finite z) gets a NaN loss and gradient.
// Loss and gradient as nt_xent_row_loss's, up to rounding.

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

// nt_xent_symmetrize for R a multiple of 4, a pair of 4×4 blocks per invocation, loaded and stored as
// vec4: a 16th of the invocations, and a quarter of the loads and stores. Each entry is the same sum
// G_ij + G_ji, so the same bits.
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
