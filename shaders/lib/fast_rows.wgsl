// The fast path of the row kernels (cross-entropy, log-softmax): a fast kernel handles the ordinary
// rows (every |x| < 2^126) with no per-entry branch, since SwiftShader runs both sides of every
// branch and so pays for IEEE cases on every entry even when none occurs. It sweeps each row once
// for its RowStats4 (lib/row_stats.wgsl), sixteen entries an iteration, and lists any other row with
// defer_row; deferred_rows_run then runs the module's general_row(row) on exactly those, dispatched
// indirectly over the list by the host, and deferred_rows_reset (or a dispatch of the module's that
// runs before the fast kernel anyway, calling deferred_rows_empty) empties the list first. Needs, in the module: override WORKGROUP_SIZE, the input as
// `logits: array<f32>` and `logits_vec4: array<vec4f>`, and fn general_row(row: u32).

// The first sweep of a row of `classes` entries from `base`: sixteen an iteration (on SwiftShader
// an iteration costs more than the arithmetic in it), then four, from scalar loads; where C is not
// a multiple of 4 the last quad repeats the row's last entry in its spare lanes, which add no terms.
fn fast_row_stats(base: u32, classes: u32) -> RowStats4 {
  var stats = row_stats4_new(logits[base]);
  let whole = classes & ~3u;
  var j = 0u;
  for (; j + 16u <= whole; j += 16u) {
    row_stats4_push_block(&stats, logits_quad(base + j), logits_quad(base + j + 4u), logits_quad(base + j + 8u), logits_quad(base + j + 12u));
  }
  for (; j < whole; j += 4u) { row_stats4_push(&stats, logits_quad(base + j)); }
  if (whole < classes) {
    let last = base + classes - 1u;
    let x = vec4f(logits[base + whole], logits[min(base + whole + 1u, last)], logits[min(base + whole + 2u, last)], logits[last]);
    row_stats4_push_partial(&stats, x, vec4u(whole) + vec4u(0u, 1u, 2u, 3u) < vec4u(classes));
  }
  return stats;
}

fn logits_quad(i: u32) -> vec4f { return vec4f(logits[i], logits[i + 1u], logits[i + 2u], logits[i + 3u]); }

// The same for a row of n vec4 from `base` (in vec4), C a multiple of 4.
fn fast_row_stats_vec4(base: u32, n: u32) -> RowStats4 {
  var stats = row_stats4_new(logits_vec4[base].x);
  var k = 0u;
  for (; k + 4u <= n; k += 4u) {
    row_stats4_push_block(&stats, logits_vec4[base + k], logits_vec4[base + k + 1u], logits_vec4[base + k + 2u], logits_vec4[base + k + 3u]);
  }
  for (; k < n; k++) { row_stats4_push(&stats, logits_vec4[base + k]); }
  return stats;
}

// deferred_args: the indirect dispatch's [workgroups x, y, z] and then the number of rows listed.
@group(0) @binding(9) var<storage, read_write> deferred_rows: array<u32>;
@group(0) @binding(10) var<storage, read_write> deferred_args: array<atomic<u32>, 4>;
@group(0) @binding(9) var<storage, read> deferred_rows_to_do: array<u32>;
@group(0) @binding(10) var<storage, read> deferred_args_to_do: array<u32, 4>;
// An indirect dispatch's workgroups must fit one grid dimension; more rows are looped over.
const DEFERRED_MAX_WORKGROUPS: u32 = 65535u;

fn defer_row(row: u32) {
  let slot = atomicAdd(&deferred_args[3], 1u);
  deferred_rows[slot] = row;
  if (slot % WORKGROUP_SIZE == 0u && slot / WORKGROUP_SIZE < DEFERRED_MAX_WORKGROUPS) { atomicAdd(&deferred_args[0], 1u); }
}

fn deferred_rows_empty() {
  atomicStore(&deferred_args[0], 0u);
  atomicStore(&deferred_args[3], 0u);
}

@compute @workgroup_size(1)
fn deferred_rows_reset() { deferred_rows_empty(); }

@compute @workgroup_size(WORKGROUP_SIZE)
fn deferred_rows_run(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) groups: vec3u) {
  let count = deferred_args_to_do[3];
  for (var slot = gid.x; slot < count; slot += groups.x * WORKGROUP_SIZE) { general_row(deferred_rows_to_do[slot]); }
}
