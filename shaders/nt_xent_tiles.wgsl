// The helpers of NT-Xent's two matmuls, S = ẑẑᵀ and ∂ẑ = Hẑ, register-blocked in 4×4 blocks: their
// entry points, for one tile size each, are written out by src/gpu/kernels/nt_xent_tiles.ts and
// appended to the module (nt_xent.wgsl's Params and bindings). A block is a mat4x4f whose column i is
// row r0 + i. On SwiftShader each load is a per-lane gather, so the larger tile ('tile8') halves the
// loads per multiply-add; every tile size sums the same products in the same order.
// Shapes: R rows, D4 vec4 of dims; zhat [R, D4] vec4, similarity [R, R], dlogits (H) [R, R], dzhat [R, D4] vec4.
// Math: S_rc = ẑ_r · ẑ_c; ∂ẑ_r = Σ_j H_jr ẑ_j (H symmetric, so its column r is read as row j).

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

// b hᵀ as a matrix whose column i is h_i · b.
fn outer(b: vec4f, h: vec4f) -> mat4x4f { return mat4x4f(h.x * b, h.y * b, h.z * b, h.w * b); }

// H's column entries r0 .. r0 + 3 (clamped to the last row) of row j.
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
