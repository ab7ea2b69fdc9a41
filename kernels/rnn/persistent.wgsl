// All T Elman steps in one workgroup that loops over t. The hidden state lives in
// workgroup memory and workgroupBarrier() separates the steps, so the whole
// forward pass is a single dispatch; it only works while h fits one workgroup.

struct Shape {
  steps: u32,
  hidden: u32,
  input: u32,
}

override WORKGROUP_SIZE: u32 = 64u;
override HIDDEN_CAPACITY: u32 = 1024u;

@group(0) @binding(0) var<storage, read> w_hh: array<f32>;
@group(0) @binding(1) var<storage, read> w_xh: array<f32>;
@group(0) @binding(2) var<storage, read> bias: array<f32>;
@group(0) @binding(3) var<storage, read> x: array<f32>;
@group(0) @binding(4) var<storage, read_write> states: array<f32>;
@group(0) @binding(5) var<uniform> shape: Shape;

var<workgroup> h_current: array<f32, HIDDEN_CAPACITY>;
var<workgroup> h_next: array<f32, HIDDEN_CAPACITY>;

@compute @workgroup_size(WORKGROUP_SIZE)
fn elman_persistent(@builtin(local_invocation_index) local: u32) {
  let d = shape.hidden;
  for (var row = local; row < d; row += WORKGROUP_SIZE) {
    h_current[row] = states[row];
  }
  workgroupBarrier();
  for (var t = 0u; t < shape.steps; t++) {
    for (var row = local; row < d; row += WORKGROUP_SIZE) {
      var acc = bias[row];
      for (var j = 0u; j < d; j++) {
        acc += w_hh[row * d + j] * h_current[j];
      }
      for (var j = 0u; j < shape.input; j++) {
        acc += w_xh[row * shape.input + j] * x[t * shape.input + j];
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
