// All T Elman steps in one workgroup that loops over t. The hidden state lives in
// workgroup memory, and so does W_hh when it fits (W_CACHED); workgroupBarrier()
// separates the steps, so the whole forward pass is a single dispatch. W_xh x_t for
// every t is one matmul before the chain (`projected`, T×d). It only works while h
// fits one workgroup.

struct Shape {
  steps: u32,
  hidden: u32,
  input: u32,
}

override WORKGROUP_SIZE: u32 = 64u;
override HIDDEN_CAPACITY: u32 = 1024u;
// d² when W_hh is cached in workgroup memory, else 1 (unused).
override WEIGHT_CAPACITY: u32 = 1u;
override W_CACHED: bool = false;

@group(0) @binding(0) var<storage, read> w_hh: array<f32>;
@group(0) @binding(1) var<storage, read> projected: array<f32>;
@group(0) @binding(2) var<storage, read> bias: array<f32>;
@group(0) @binding(4) var<storage, read_write> states: array<f32>;
@group(0) @binding(5) var<uniform> shape: Shape;

var<workgroup> h_current: array<f32, HIDDEN_CAPACITY>;
var<workgroup> h_next: array<f32, HIDDEN_CAPACITY>;
var<workgroup> w_cache: array<f32, WEIGHT_CAPACITY>;

fn weight(index: u32) -> f32 {
  if (W_CACHED) {
    return w_cache[index];
  }
  return w_hh[index];
}

@compute @workgroup_size(WORKGROUP_SIZE)
fn elman_persistent(@builtin(local_invocation_index) local: u32) {
  let d = shape.hidden;
  for (var row = local; row < d; row += WORKGROUP_SIZE) {
    h_current[row] = states[row];
  }
  if (W_CACHED) {
    for (var i = local; i < d * d; i += WORKGROUP_SIZE) {
      w_cache[i] = w_hh[i];
    }
  }
  workgroupBarrier();
  for (var t = 0u; t < shape.steps; t++) {
    for (var row = local; row < d; row += WORKGROUP_SIZE) {
      var acc = bias[row] + projected[t * d + row];
      for (var j = 0u; j < d; j++) {
        acc += weight(row * d + j) * h_current[j];
      }
      h_next[row] = tanh(acc);
    }
    workgroupBarrier();
    for (var row = local; row < d; row += WORKGROUP_SIZE) {
      h_current[row] = h_next[row];
      states[(t + 1u) * d + row] = h_next[row];
    }
    workgroupBarrier();
  }
}
