// The LSTM recurrence over t, forward and backward (BPTT), one dispatch per step:
// step t needs h_{t−1} (forward) or dz_{t+1} (backward) from the dispatch before.
// One invocation per (sequence b, unit j) computes all four gates of unit j.
// Gates are stored i, f, g, o, each a block of HIDDEN; the projection of the
// input, preX = x·Wxᵀ + b, is a linear layer computed for all t beforehand.

override BATCH: u32;
override LENGTH: u32;
override HIDDEN: u32;
const WORKGROUP = 64u;

struct Step {
  t: u32,
}

fn flat_index(workgroup: vec3<u32>, groups: vec3<u32>, local: u32) -> u32 {
  return (workgroup.x + workgroup.y * groups.x) * WORKGROUP + local;
}

fn sigmoid(z: f32) -> f32 {
  return 1.0 / (1.0 + exp(-z));
}

@group(0) @binding(0) var<storage, read> forward_prex: array<f32>;
@group(0) @binding(1) var<storage, read> forward_u: array<f32>;
@group(0) @binding(2) var<storage, read_write> forward_h: array<f32>;
@group(0) @binding(3) var<storage, read_write> forward_c: array<f32>;
@group(0) @binding(4) var<storage, read_write> forward_gates: array<f32>;
@group(0) @binding(5) var<uniform> forward_step: Step;

@compute @workgroup_size(WORKGROUP)
fn lstm_forward_step(@builtin(workgroup_id) wid: vec3<u32>, @builtin(num_workgroups) groups: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let index = flat_index(wid, groups, lid);
  if (index >= BATCH * HIDDEN) {
    return;
  }
  let b = index / HIDDEN;
  let j = index % HIDDEN;
  let t = forward_step.t;
  let row = b * LENGTH + t;
  var z: array<f32, 4>;
  for (var gate = 0u; gate < 4u; gate++) {
    let r = gate * HIDDEN + j;
    var acc = forward_prex[row * 4u * HIDDEN + r];
    if (t > 0u) {
      for (var k = 0u; k < HIDDEN; k++) {
        acc += forward_u[r * HIDDEN + k] * forward_h[(row - 1u) * HIDDEN + k];
      }
    }
    z[gate] = acc;
  }
  let i = sigmoid(z[0]);
  let f = sigmoid(z[1]);
  let g = tanh(z[2]);
  let o = sigmoid(z[3]);
  var c_prev = 0.0;
  if (t > 0u) {
    c_prev = forward_c[(row - 1u) * HIDDEN + j];
  }
  let c = f * c_prev + i * g;
  forward_c[row * HIDDEN + j] = c;
  forward_h[row * HIDDEN + j] = o * tanh(c);
  let base = row * 4u * HIDDEN;
  forward_gates[base + j] = i;
  forward_gates[base + HIDDEN + j] = f;
  forward_gates[base + 2u * HIDDEN + j] = g;
  forward_gates[base + 3u * HIDDEN + j] = o;
}

@group(0) @binding(0) var<storage, read> backward_dh: array<f32>;
@group(0) @binding(1) var<storage, read> backward_u: array<f32>;
@group(0) @binding(2) var<storage, read> backward_c: array<f32>;
@group(0) @binding(3) var<storage, read> backward_gates: array<f32>;
@group(0) @binding(4) var<storage, read_write> backward_dz: array<f32>;
// dL/dc carried from step t+1 to t, one per (b, j); cleared before step LENGTH−1.
@group(0) @binding(5) var<storage, read_write> backward_dcarry: array<f32>;
@group(0) @binding(6) var<uniform> backward_step: Step;

@compute @workgroup_size(WORKGROUP)
fn lstm_backward_step(@builtin(workgroup_id) wid: vec3<u32>, @builtin(num_workgroups) groups: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let index = flat_index(wid, groups, lid);
  if (index >= BATCH * HIDDEN) {
    return;
  }
  let b = index / HIDDEN;
  let j = index % HIDDEN;
  let t = backward_step.t;
  let row = b * LENGTH + t;
  var dh = backward_dh[row * HIDDEN + j];
  if (t + 1u < LENGTH) {
    // h_t fed every gate of step t+1 through U.
    for (var r = 0u; r < 4u * HIDDEN; r++) {
      dh += backward_u[r * HIDDEN + j] * backward_dz[(row + 1u) * 4u * HIDDEN + r];
    }
  }
  let base = row * 4u * HIDDEN;
  let i = backward_gates[base + j];
  let f = backward_gates[base + HIDDEN + j];
  let g = backward_gates[base + 2u * HIDDEN + j];
  let o = backward_gates[base + 3u * HIDDEN + j];
  let tc = tanh(backward_c[row * HIDDEN + j]);
  var c_prev = 0.0;
  if (t > 0u) {
    c_prev = backward_c[(row - 1u) * HIDDEN + j];
  }
  let dc = dh * o * (1.0 - tc * tc) + backward_dcarry[index];
  backward_dz[base + j] = dc * g * i * (1.0 - i);
  backward_dz[base + HIDDEN + j] = dc * c_prev * f * (1.0 - f);
  backward_dz[base + 2u * HIDDEN + j] = dc * i * (1.0 - g * g);
  backward_dz[base + 3u * HIDDEN + j] = dh * tc * o * (1.0 - o);
  backward_dcarry[index] = dc * f;
}

@group(0) @binding(0) var<storage, read> recurrent_dz: array<f32>;
@group(0) @binding(1) var<storage, read> recurrent_h: array<f32>;
@group(0) @binding(2) var<storage, read_write> recurrent_du: array<f32>;

// dU[r, k] = Σ_b Σ_{t ≥ 1} dz[b, t, r]·h[b, t−1, k], after every step is done.
@compute @workgroup_size(WORKGROUP)
fn lstm_recurrent_gradient(@builtin(workgroup_id) wid: vec3<u32>, @builtin(num_workgroups) groups: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let index = flat_index(wid, groups, lid);
  if (index >= 4u * HIDDEN * HIDDEN) {
    return;
  }
  let r = index / HIDDEN;
  let k = index % HIDDEN;
  var acc = 0.0;
  for (var b = 0u; b < BATCH; b++) {
    for (var t = 1u; t < LENGTH; t++) {
      let row = b * LENGTH + t;
      acc += recurrent_dz[row * 4u * HIDDEN + r] * recurrent_h[(row - 1u) * HIDDEN + k];
    }
  }
  recurrent_du[index] = acc;
}
