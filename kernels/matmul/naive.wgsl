// C = alpha * A · op(B): A is M×K, op(B) is K×N (B stored K×N, or N×K when transposed).
// One invocation per output element; every operand is read straight from global memory.

struct Params {
  m: u32,
  n: u32,
  k: u32,
  transpose_b: u32,
  alpha: f32,
}

override WORKGROUP_X: u32 = 8u;
override WORKGROUP_Y: u32 = 8u;

@group(0) @binding(0) var<storage, read> a: array<f32>;
@group(0) @binding(1) var<storage, read> b: array<f32>;
@group(0) @binding(2) var<storage, read_write> c: array<f32>;
@group(0) @binding(3) var<uniform> params: Params;

fn b_at(row: u32, col: u32) -> f32 {
  if (params.transpose_b != 0u) {
    return b[col * params.k + row];
  }
  return b[row * params.n + col];
}

@compute @workgroup_size(WORKGROUP_X, WORKGROUP_Y)
fn matmul_naive(@builtin(global_invocation_id) id: vec3<u32>) {
  let row = id.y;
  let col = id.x;
  if (row >= params.m || col >= params.n) {
    return;
  }
  var sum = 0.0;
  for (var i = 0u; i < params.k; i++) {
    sum += a[row * params.k + i] * b_at(i, col);
  }
  c[row * params.n + col] = params.alpha * sum;
}
