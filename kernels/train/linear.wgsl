// A linear layer y = x·Wᵀ + b (W is OUTPUTS×INPUTS, row-major) and its two
// gradients. One invocation per output element; shapes are pipeline constants,
// fixed for the life of a trainer. Each entry point binds its own globals.

override ROWS: u32;
override INPUTS: u32;
override OUTPUTS: u32;
// Add into the destination instead of overwriting it (residual sums, shared gradients).
override ACCUMULATE: bool = false;
const WORKGROUP = 64u;

fn flat_index(workgroup: vec3<u32>, groups: vec3<u32>, local: u32) -> u32 {
  return (workgroup.x + workgroup.y * groups.x) * WORKGROUP + local;
}

@group(0) @binding(0) var<storage, read> forward_x: array<f32>;
@group(0) @binding(1) var<storage, read> forward_w: array<f32>;
@group(0) @binding(2) var<storage, read> forward_b: array<f32>;
@group(0) @binding(3) var<storage, read_write> forward_y: array<f32>;

@compute @workgroup_size(WORKGROUP)
fn linear_forward(@builtin(workgroup_id) wid: vec3<u32>, @builtin(num_workgroups) groups: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let index = flat_index(wid, groups, lid);
  if (index >= ROWS * OUTPUTS) {
    return;
  }
  let m = index / OUTPUTS;
  let o = index % OUTPUTS;
  var acc = forward_b[o];
  for (var i = 0u; i < INPUTS; i++) {
    acc += forward_x[m * INPUTS + i] * forward_w[o * INPUTS + i];
  }
  if (ACCUMULATE) {
    acc += forward_y[index];
  }
  forward_y[index] = acc;
}

@group(0) @binding(0) var<storage, read> input_dy: array<f32>;
@group(0) @binding(1) var<storage, read> input_w: array<f32>;
@group(0) @binding(2) var<storage, read_write> input_dx: array<f32>;

// dx[m, i] = Σ_o dy[m, o]·W[o, i]
@compute @workgroup_size(WORKGROUP)
fn linear_backward_input(@builtin(workgroup_id) wid: vec3<u32>, @builtin(num_workgroups) groups: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let index = flat_index(wid, groups, lid);
  if (index >= ROWS * INPUTS) {
    return;
  }
  let m = index / INPUTS;
  let i = index % INPUTS;
  var acc = 0.0;
  for (var o = 0u; o < OUTPUTS; o++) {
    acc += input_dy[m * OUTPUTS + o] * input_w[o * INPUTS + i];
  }
  if (ACCUMULATE) {
    acc += input_dx[index];
  }
  input_dx[index] = acc;
}

@group(0) @binding(0) var<storage, read> weight_dy: array<f32>;
@group(0) @binding(1) var<storage, read> weight_x: array<f32>;
@group(0) @binding(2) var<storage, read_write> weight_dw: array<f32>;
@group(0) @binding(3) var<storage, read_write> weight_db: array<f32>;

// dW[o, i] = Σ_m dy[m, o]·x[m, i]; the extra column i = INPUTS is db[o] = Σ_m dy[m, o].
// A loop over rows rather than atomics: deterministic, and no float atomics in WGSL.
@compute @workgroup_size(WORKGROUP)
fn linear_backward_weight(@builtin(workgroup_id) wid: vec3<u32>, @builtin(num_workgroups) groups: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let index = flat_index(wid, groups, lid);
  if (index >= OUTPUTS * (INPUTS + 1u)) {
    return;
  }
  let o = index / (INPUTS + 1u);
  let i = index % (INPUTS + 1u);
  var acc = 0.0;
  if (i == INPUTS) {
    for (var m = 0u; m < ROWS; m++) {
      acc += weight_dy[m * OUTPUTS + o];
    }
    weight_db[o] = acc;
    return;
  }
  for (var m = 0u; m < ROWS; m++) {
    acc += weight_dy[m * OUTPUTS + o] * weight_x[m * INPUTS + i];
  }
  weight_dw[o * INPUTS + i] = acc;
}
