// Row-wise softmax of a rows×cols matrix, in place, numerically stable: each row
// subtracts its maximum before exponentiating. With causal = 1, row r sees columns
// up to r + offset (offset = cols − rows: the queries are the last positions), and
// the rest get zero weight. One workgroup per row; the
// grid may be 2-D when rows exceed the device's per-dimension limit.

struct Params {
  rows: u32,
  cols: u32,
  causal: u32,
  offset: u32,
}

override WORKGROUP_SIZE: u32 = 64u;

@group(0) @binding(0) var<storage, read_write> scores: array<f32>;
@group(0) @binding(1) var<uniform> params: Params;

var<workgroup> partial: array<f32, WORKGROUP_SIZE>;

fn row_length(row: u32) -> u32 {
  if (params.causal != 0u) {
    return min(row + 1u + params.offset, params.cols);
  }
  return params.cols;
}

// Tree reduction across the workgroup; op 0 is max, op 1 is sum.
fn reduce(local: u32, value: f32, op: u32) -> f32 {
  partial[local] = value;
  workgroupBarrier();
  for (var stride = WORKGROUP_SIZE / 2u; stride > 0u; stride /= 2u) {
    if (local < stride) {
      if (op == 0u) {
        partial[local] = max(partial[local], partial[local + stride]);
      } else {
        partial[local] = partial[local] + partial[local + stride];
      }
    }
    workgroupBarrier();
  }
  let result = partial[0];
  workgroupBarrier();
  return result;
}

@compute @workgroup_size(WORKGROUP_SIZE)
fn softmax_rows(
  @builtin(workgroup_id) group: vec3<u32>,
  @builtin(num_workgroups) groups: vec3<u32>,
  @builtin(local_invocation_index) local: u32,
) {
  let row = group.x + group.y * groups.x;
  // Uniform across the workgroup, so returning here keeps the barriers uniform.
  if (row >= params.rows) {
    return;
  }
  let base = row * params.cols;
  let live = row_length(row);

  var largest = -3.402823e38;
  for (var col = local; col < live; col += WORKGROUP_SIZE) {
    largest = max(largest, scores[base + col]);
  }
  largest = reduce(local, largest, 0u);

  var total = 0.0;
  for (var col = local; col < live; col += WORKGROUP_SIZE) {
    let weight = exp(scores[base + col] - largest);
    scores[base + col] = weight;
    total += weight;
  }
  total = reduce(local, total, 1u);

  for (var col = local; col < params.cols; col += WORKGROUP_SIZE) {
    if (col < live) {
      scores[base + col] = scores[base + col] / total;
    } else {
      scores[base + col] = 0.0;
    }
  }
}
