// The linear recurrence h_t = a_t · h_{t−1} + b_t (h_0 = 0), one invocation per
// channel walking t = 1 … T in order: T dependent steps, as in an RNN.
// Arrays are channel-major: element t of channel c is at c · length + t.

struct Params {
  length: u32,
  channels: u32,
}

override WORKGROUP_SIZE: u32 = 64u;

@group(0) @binding(0) var<storage, read> a: array<f32>;
@group(0) @binding(1) var<storage, read> b: array<f32>;
@group(0) @binding(2) var<storage, read_write> h: array<f32>;
@group(0) @binding(3) var<uniform> params: Params;

@compute @workgroup_size(WORKGROUP_SIZE)
fn scan_sequential(@builtin(global_invocation_id) id: vec3<u32>) {
  let channel = id.x;
  if (channel >= params.channels) {
    return;
  }
  let base = channel * params.length;
  var state = 0.0;
  for (var t = 0u; t < params.length; t++) {
    state = a[base + t] * state + b[base + t];
    h[base + t] = state;
  }
}
