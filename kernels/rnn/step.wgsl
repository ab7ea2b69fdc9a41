// One Elman step, h_{t+1} = tanh(W_hh h_t + W_xh x_t + b), one invocation per
// hidden unit. W_xh x_t for every t is one matmul before the chain (`projected`,
// T×d), so a step reads its row instead of recomputing it. `states` holds h_0 … h_T row by row; step t reads row t and writes
// row t + 1, so every step must wait for the one before it. The step index comes
// from a uniform bound at a dynamic offset, so T steps can share one bind group.

struct Step {
  t: u32,
  hidden: u32,
  input: u32,
}

override WORKGROUP_SIZE: u32 = 64u;

@group(0) @binding(0) var<storage, read> w_hh: array<f32>;
@group(0) @binding(1) var<storage, read> projected: array<f32>;
@group(0) @binding(2) var<storage, read> bias: array<f32>;
@group(0) @binding(4) var<storage, read_write> states: array<f32>;
@group(0) @binding(5) var<uniform> step: Step;

@compute @workgroup_size(WORKGROUP_SIZE)
fn elman_step(@builtin(global_invocation_id) id: vec3<u32>) {
  let row = id.x;
  let d = step.hidden;
  if (row >= d) {
    return;
  }
  let h_prev = step.t * d;
  var acc = bias[row] + projected[h_prev + row];
  for (var j = 0u; j < d; j++) {
    acc += w_hh[row * d + j] * states[h_prev + j];
  }
  states[h_prev + d + row] = tanh(acc);
}
