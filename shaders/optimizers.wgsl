// One optimizer step over every parameter of a model in one dispatch, four entries per invocation
// (torch.optim's single-tensor SGD, Adam and AdamW, in f32 with the scalars torch passes its kernels).
// Shapes: L entries, L a multiple of 4. param, grad, momentum_buffer, exp_avg, exp_avg_sq are [L]
// with one packed layout (each tensor at a 256-byte-aligned offset); padding is 0 in param and grad
// and stays 0 under every rule below. Reference: src/reference/optimizers.ts.
// SGD:   d = g + λ·p;  b = d (first momentum step) or μ·b + (1−τ)·d;  d = d + μ·b (Nesterov) or b;  p ← p − lr·d
// Adam:  d = g + λ·p;  m = β1·m + (1−β1)·d;  v = β2·v + (1−β2)·d²;  p ← p − (lr/(1−β1^t))·m / (√v/√(1−β2^t) + ε)
// AdamW: p ← p·(1 − lr·λ) first, then Adam with λ = 0 in d.

struct Hyperparameters {
  count: u32,                 // vec4s to update: L / 4
  first_momentum_step: u32,   // SGD: 1 while no momentum buffer exists (PyTorch's `buf is None`): b ← d
  nesterov: u32,              // SGD: 1 for Nesterov momentum
  _pad0: u32,
  lr: f32,                    // SGD learning rate (Adam's enters through step_size and decay_factor)
  weight_decay: f32,          // λ added to the gradient (SGD, Adam); 0 for AdamW
  momentum: f32,              // SGD μ; 0: the momentum buffer is neither read nor written
  one_minus_dampening: f32,   // SGD 1 − τ, formed in float64 by the host as in Python
  beta1: f32,                 // Adam β1
  one_minus_beta1: f32,       // 1 − β1, float64 on the host
  beta2: f32,                 // Adam β2
  one_minus_beta2: f32,       // 1 − β2, float64 on the host
  eps: f32,                   // Adam ε, added after the bias correction
  step_size: f32,             // lr / (1 − β1^t), float64 on the host
  bias_correction2_sqrt: f32, // √(1 − β2^t), float64 on the host (f32 would lose ~6e-5 of it at t = 1)
  decay_factor: f32,          // AdamW 1 − lr·λ; 1 for Adam
}

override WORKGROUP_SIZE: u32 = 64u;

@group(0) @binding(0) var<uniform> hyper: Hyperparameters;
@group(0) @binding(1) var<storage, read_write> param: array<vec4f>;
@group(0) @binding(2) var<storage, read> grad: array<vec4f>;
@group(0) @binding(3) var<storage, read_write> momentum_buffer: array<vec4f>;
@group(0) @binding(4) var<storage, read_write> exp_avg: array<vec4f>;
@group(0) @binding(5) var<storage, read_write> exp_avg_sq: array<vec4f>;

fn index_of(gid: vec3u, groups: vec3u) -> u32 { return gid.x + gid.y * groups.x * WORKGROUP_SIZE; }

@compute @workgroup_size(WORKGROUP_SIZE)
fn sgd_step(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) groups: vec3u) {
  let i = index_of(gid, groups);
  if (i >= hyper.count) { return; }
  let p = param[i];
  var d = grad[i] + hyper.weight_decay * p;
  if (hyper.momentum != 0.0) {
    var b = d;
    if (hyper.first_momentum_step == 0u) { b = hyper.momentum * momentum_buffer[i] + hyper.one_minus_dampening * d; }
    momentum_buffer[i] = b;
    d = select(b, d + hyper.momentum * b, hyper.nesterov == 1u);
  }
  param[i] = p - hyper.lr * d;
}

// Products keep torch's association: addcmul is (c·g)·g, addcdiv is (s·m)/denom.
@compute @workgroup_size(WORKGROUP_SIZE)
fn adam_step(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) groups: vec3u) {
  let i = index_of(gid, groups);
  if (i >= hyper.count) { return; }
  let p = param[i] * hyper.decay_factor;
  let d = grad[i] + hyper.weight_decay * p;
  let m = hyper.beta1 * exp_avg[i] + hyper.one_minus_beta1 * d;
  let v = hyper.beta2 * exp_avg_sq[i] + hyper.one_minus_beta2 * d * d;
  exp_avg[i] = m;
  exp_avg_sq[i] = v;
  let denom = sqrt(v) / hyper.bias_correction2_sqrt + hyper.eps;
  param[i] = p - hyper.step_size * m / denom;
}
