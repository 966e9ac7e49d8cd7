// One optimizer step over every parameter of every run of a sweep in one dispatch: the rules of
// shaders/optimizers.wgsl (torch.optim's SGD, Adam, AdamW in f32, the same expressions in the same
// order, so a run gets the bits it would get alone), each run with its own rule and hyperparameters.
// Shapes: R runs, L entries per run (a multiple of 4); param, grad, momentum_buffer, exp_avg,
// exp_avg_sq [R, L]; hyper [R]. The run is workgroup_id.z, so every invocation of a workgroup takes
// the same branch. Changing a run's lr, or its rule, is a write to hyper, not a new pipeline.
// SGD:   d = g + λ·p;  b = d (first momentum step) or μ·b + (1−τ)·d;  d = d + μ·b (Nesterov) or b;  p ← p − lr·d
// Adam:  d = g + λ·p;  m = β1·m + (1−β1)·d;  v = β2·v + (1−β2)·d²;  p ← p − (lr/(1−β1^t))·m / (√v/√(1−β2^t) + ε)
// AdamW: p ← p·(1 − lr·λ) first, then Adam with λ = 0 in d.

struct RunHyperparameters {
  rule: u32,                  // 0 SGD, 1 Adam or AdamW (AdamW through decay_factor and weight_decay 0)
  first_momentum_step: u32,   // SGD: 1 while the run has no momentum buffer yet: b ← d
  nesterov: u32,              // SGD: 1 for Nesterov momentum
  _pad0: u32,
  lr: f32,                    // SGD learning rate (Adam's enters through step_size and decay_factor)
  weight_decay: f32,          // λ added to the gradient (SGD, Adam); 0 for AdamW
  momentum: f32,              // SGD μ; 0: the momentum buffer is neither read nor written
  one_minus_dampening: f32,   // SGD 1 − τ, float64 on the host
  beta1: f32,
  one_minus_beta1: f32,
  beta2: f32,
  one_minus_beta2: f32,
  eps: f32,
  step_size: f32,             // lr / (1 − β1^t), float64 on the host
  bias_correction2_sqrt: f32, // √(1 − β2^t), float64 on the host
  decay_factor: f32,          // AdamW 1 − lr·λ; 1 for Adam
}

override WORKGROUP_SIZE: u32 = 64u;

@group(0) @binding(0) var<uniform> count: vec4u; // x: vec4s per run, L / 4
@group(0) @binding(1) var<storage, read_write> param: array<vec4f>;
@group(0) @binding(2) var<storage, read> grad: array<vec4f>;
@group(0) @binding(3) var<storage, read_write> momentum_buffer: array<vec4f>;
@group(0) @binding(4) var<storage, read_write> exp_avg: array<vec4f>;
@group(0) @binding(5) var<storage, read_write> exp_avg_sq: array<vec4f>;
@group(0) @binding(6) var<storage, read> hyper: array<RunHyperparameters>;

@compute @workgroup_size(WORKGROUP_SIZE)
fn optimizer_batched_step(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) groups: vec3u) {
  let local = gid.x + gid.y * groups.x * WORKGROUP_SIZE;
  if (local >= count.x) { return; }
  let h = hyper[gid.z];
  let i = gid.z * count.x + local;
  if (h.rule == 0u) {
    let p = param[i];
    var d = grad[i] + h.weight_decay * p;
    if (h.momentum != 0.0) {
      var b = d;
      if (h.first_momentum_step == 0u) { b = h.momentum * momentum_buffer[i] + h.one_minus_dampening * d; }
      momentum_buffer[i] = b;
      d = select(b, d + h.momentum * b, h.nesterov == 1u);
    }
    param[i] = p - h.lr * d;
    return;
  }
  // Products keep torch's association: addcmul is (c·g)·g, addcdiv is (s·m)/denom.
  let p = param[i] * h.decay_factor;
  let d = grad[i] + h.weight_decay * p;
  let m = h.beta1 * exp_avg[i] + h.one_minus_beta1 * d;
  let v = h.beta2 * exp_avg_sq[i] + h.one_minus_beta2 * d * d;
  exp_avg[i] = m;
  exp_avg_sq[i] = v;
  let denom = sqrt(v) / h.bias_correction2_sqrt + h.eps;
  param[i] = p - h.step_size * m / denom;
}
