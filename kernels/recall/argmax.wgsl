// The column of each row's largest value: rows×cols in, one index per row out
// (as f32, exact below 2^24). One workgroup per row reduces (value, index) pairs;
// ties go to the lower index, as in the CPU reference.

struct Params {
  rows: u32,
  cols: u32,
}

override WORKGROUP_SIZE: u32 = 64u;

@group(0) @binding(0) var<storage, read> values: array<f32>;
@group(0) @binding(1) var<storage, read_write> indices: array<f32>;
@group(0) @binding(2) var<uniform> params: Params;

var<workgroup> best_value: array<f32, WORKGROUP_SIZE>;
var<workgroup> best_index: array<u32, WORKGROUP_SIZE>;

@compute @workgroup_size(WORKGROUP_SIZE)
fn row_argmax(
  @builtin(workgroup_id) group: vec3<u32>,
  @builtin(num_workgroups) groups: vec3<u32>,
  @builtin(local_invocation_index) local: u32,
) {
  let row = group.x + group.y * groups.x;
  if (row >= params.rows) {
    return;
  }
  var value = -3.402823e38;
  var index = 0xffffffffu;
  for (var col = local; col < params.cols; col += WORKGROUP_SIZE) {
    let candidate = values[row * params.cols + col];
    if (candidate > value) {
      value = candidate;
      index = col;
    }
  }
  best_value[local] = value;
  best_index[local] = index;
  workgroupBarrier();
  for (var stride = WORKGROUP_SIZE / 2u; stride > 0u; stride /= 2u) {
    if (local < stride) {
      let other_value = best_value[local + stride];
      let other_index = best_index[local + stride];
      if (other_value > best_value[local] || (other_value == best_value[local] && other_index < best_index[local])) {
        best_value[local] = other_value;
        best_index[local] = other_index;
      }
    }
    workgroupBarrier();
  }
  if (local == 0u) {
    indices[row] = f32(best_index[0]);
  }
}
