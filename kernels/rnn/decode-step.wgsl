// One Elman step while decoding, h' = tanh(W_hh h + W_xh x + b): the input term is
// computed here, in the same dispatch, because when tokens arrive one at a time
// there is no later x to project ahead of time. One invocation per hidden unit.

override WORKGROUP_SIZE: u32 = 64u;
override HIDDEN: u32 = 64u;
override INPUT: u32 = 64u;

@group(0) @binding(0) var<storage, read> w_hh: array<f32>;
@group(0) @binding(1) var<storage, read> w_xh: array<f32>;
@group(0) @binding(2) var<storage, read> bias: array<f32>;
@group(0) @binding(3) var<storage, read> h: array<f32>;
@group(0) @binding(4) var<storage, read> x: array<f32>;
@group(0) @binding(5) var<storage, read_write> h_next: array<f32>;

@compute @workgroup_size(WORKGROUP_SIZE)
fn elman_decode_step(@builtin(global_invocation_id) id: vec3<u32>) {
  let unit = id.x;
  if (unit >= HIDDEN) {
    return;
  }
  var recurrent = 0.0;
  for (var j = 0u; j < HIDDEN; j++) {
    recurrent += w_hh[unit * HIDDEN + j] * h[j];
  }
  var projected = 0.0;
  for (var j = 0u; j < INPUT; j++) {
    projected += w_xh[unit * INPUT + j] * x[j];
  }
  h_next[unit] = tanh(bias[unit] + recurrent + projected);
}
