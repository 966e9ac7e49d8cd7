// Dense layer for a sweep: R models of one layout in the same dispatches, the run being
// workgroup_id.z. Not kernels of its own: src/gpu/kernels/dense_batched.ts compiles dense.wgsl,
// dense_tiled.wgsl and the generated tiled entry points with every storage index shifted by its
// run's base (x[i] → x[run_x + i], weight[i] → weight[run_theta + i], …) and enter_run(gid.z) at the
// top of each entry point. Each run therefore sums the same products in the same order as Dense,
// on whichever variant (plain, 4×4, 8×8, 16×16 tiles): a run gets the bits it would get alone.
// dbias is written through dweight's binding (dbias[i] → dweight[run_theta + bias_from_weight + i]):
// across runs the two ranges interleave, and WebGPU refuses overlapping writable bindings.
// Shapes: R runs, B rows (capacity), I inputs, O outputs, L floats per run. weight, bias, dweight,
// dbias are bound as ranges from the layer's offset in run 0 of [R, L] buffers (so a run's tensor is
// L floats after the previous run's); x [R, B, I] or [B, I] shared by every run (the first layer:
// stride 0); z, y, dy, dz [R, B, O]; dx and input_z [R, B, I]. Math: as dense.wgsl, per run.

struct RunStrides {
  x: u32,     // floats between runs in x: B·I, or 0 when every run reads the same batch
  theta: u32, // L: floats between runs in the parameters and gradients
  rows: u32,  // B·O: floats between runs in z, y, dy, dz
  dx: u32,    // B·I: floats between runs in dx and input_z
  bias_from_weight: u32, // the bias's offset minus the weight's in a run's L: dbias is read from dweight's range
  _pad0: u32,
  _pad1: u32,
  _pad2: u32,
}

@group(0) @binding(13) var<uniform> run_strides: RunStrides;

// This invocation's run bases, in floats and (for the vec4 views) in vec4s: every stride is a
// multiple of 4 wherever a vec4 view is used (L always; B·I and B·O where I or O allow vec4 loads).
var<private> run_x: u32;
var<private> run_theta: u32;
var<private> run_rows: u32;
var<private> run_dx: u32;
var<private> run_x4: u32;
var<private> run_theta4: u32;
var<private> run_rows4: u32;
var<private> run_dx4: u32;

fn enter_run(run: u32) {
  run_x = run * run_strides.x;
  run_theta = run * run_strides.theta;
  run_rows = run * run_strides.rows;
  run_dx = run * run_strides.dx;
  run_x4 = run_x / 4u;
  run_theta4 = run_theta / 4u;
  run_rows4 = run_rows / 4u;
  run_dx4 = run_dx / 4u;
}
