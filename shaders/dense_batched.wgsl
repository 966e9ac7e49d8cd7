// Dense layer for a sweep: the plain kernels of shaders/dense.wgsl with a run index, so that R models
// of one layout train in the same dispatches (the run is workgroup_id.z; R ≤ 64).
// Shapes: R runs, B batch rows, I inputs, O outputs, L floats per run's parameters. theta and dtheta
// [R, L] (a run's weight [O, I] and bias [O] at the layer's offsets in its L); x [R, B, I], or [B, I]
// shared by every run (the first layer: x_run_stride 0); z, y, dy, dz [R, B, O]; dx [R, B, I].
// Math per run, as dense.wgsl: z = x weightᵀ + bias, y = act(z); dz = dy ⊙ act'(z), dx = dz weight,
// dweight = dzᵀ x, dbias = Σ_batch dz. Each element sums its products one at a time, in the order of
// dense.wgsl's plain kernels (and of the tiled ones with scalar loads), so a run gets the same bits as
// that model trained alone. Compiled after shaders/dense.wgsl, whose activations (ACTIVATION,
// activate, activation_backward) and overrides it uses; its own resources sit at bindings 20 and up.

struct BatchedShape {
  batch: u32,         // B rows in this batch (at most the capacity the buffers were made for)
  inputs: u32,        // I
  outputs: u32,       // O
  layout_length: u32, // L: floats between runs in theta and dtheta
  weight_offset: u32, // the layer's weight within a run's L
  bias_offset: u32,   // the layer's bias within a run's L
  x_run_stride: u32,  // floats between runs in x: 0 when every run reads the same batch
  row_stride: u32,    // floats between runs in z, y, dy, dz: the capacity's B·O
  dx_run_stride: u32, // floats between runs in dx: the capacity's B·I
  _pad0: u32,
  _pad1: u32,
  _pad2: u32,
}

@group(0) @binding(20) var<uniform> shape: BatchedShape;
@group(0) @binding(21) var<storage, read> layer_x: array<f32>;
@group(0) @binding(22) var<storage, read> theta: array<f32>;
@group(0) @binding(23) var<storage, read_write> layer_z: array<f32>;
@group(0) @binding(24) var<storage, read_write> layer_y: array<f32>;
@group(0) @binding(25) var<storage, read> layer_dy: array<f32>;
@group(0) @binding(26) var<storage, read_write> layer_dz_out: array<f32>;
@group(0) @binding(27) var<storage, read> layer_dz: array<f32>;
@group(0) @binding(28) var<storage, read_write> dtheta: array<f32>;
@group(0) @binding(29) var<storage, read_write> layer_dx: array<f32>;

fn element_index(gid: vec3u, groups: vec3u) -> u32 { return gid.x + gid.y * groups.x * WORKGROUP_SIZE; }

// z = x weightᵀ + bias and y = act(z), for run gid.z.
@compute @workgroup_size(WORKGROUP_SIZE)
fn dense_batched_forward(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) groups: vec3u) {
  let at = element_index(gid, groups);
  if (at >= shape.batch * shape.outputs) { return; }
  let run = gid.z;
  let row = at / shape.outputs;
  let output = at % shape.outputs;
  let w = run * shape.layout_length + shape.weight_offset + output * shape.inputs;
  let x = run * shape.x_run_stride + row * shape.inputs;
  var sum = 0.0;
  for (var i = 0u; i < shape.inputs; i++) {
    sum += theta[w + i] * layer_x[x + i];
  }
  let v = sum + theta[run * shape.layout_length + shape.bias_offset + output];
  let out = run * shape.row_stride + at;
  layer_z[out] = v;
  layer_y[out] = activate(v);
}

// dz = dy ⊙ act'(z); not dispatched for a linear layer, whose dz is dy.
@compute @workgroup_size(WORKGROUP_SIZE)
fn dense_batched_backward_activation(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) groups: vec3u) {
  let at = element_index(gid, groups);
  if (at >= shape.batch * shape.outputs) { return; }
  let out = gid.z * shape.row_stride + at;
  layer_dz_out[out] = activation_backward(layer_dy[out], layer_z[out]);
}

// dweight = dzᵀ x, and dbias = Σ_batch dz from the invocations of input column 0.
@compute @workgroup_size(WORKGROUP_SIZE)
fn dense_batched_backward_weight(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) groups: vec3u) {
  let at = element_index(gid, groups);
  if (at >= shape.outputs * shape.inputs) { return; }
  let run = gid.z;
  let output = at / shape.inputs;
  let input = at % shape.inputs;
  let x = run * shape.x_run_stride + input;
  let dz = run * shape.row_stride + output;
  var sum = 0.0;
  var bias_sum = 0.0;
  for (var r = 0u; r < shape.batch; r++) {
    let d = layer_dz[dz + r * shape.outputs];
    sum += layer_x[x + r * shape.inputs] * d;
    bias_sum += d;
  }
  let base = run * shape.layout_length;
  dtheta[base + shape.weight_offset + at] = sum;
  if (input == 0u) { dtheta[base + shape.bias_offset + output] = bias_sum; }
}

// dx = dz weight, for row at / I, input at % I of run gid.z.
@compute @workgroup_size(WORKGROUP_SIZE)
fn dense_batched_backward_input(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) groups: vec3u) {
  let at = element_index(gid, groups);
  if (at >= shape.batch * shape.inputs) { return; }
  let run = gid.z;
  let row = at / shape.inputs;
  let input = at % shape.inputs;
  let w = run * shape.layout_length + shape.weight_offset + input;
  let dz = run * shape.row_stride + row * shape.outputs;
  var sum = 0.0;
  for (var k = 0u; k < shape.outputs; k++) {
    sum += theta[w + k * shape.inputs] * layer_dz[dz + k];
  }
  layer_dx[run * shape.dx_run_stride + at] = sum;
}
