// C = alpha * A · op(B), tiled: each workgroup stages a TILE×TILE_K slice of A and a
// TILE_K×TILE slice of B in workgroup memory, and each invocation accumulates a 4×4
// block of C in registers (four vec4 rows), so every value loaded from workgroup
// memory is used four times. Tiles are stored as vec4: tile_a column-wise (four rows
// of A at one k), tile_b row-wise (four columns of B at one k).

struct Params {
  m: u32,
  n: u32,
  k: u32,
  transpose_b: u32,
  alpha: f32,
}

override WORKGROUP_EDGE: u32 = 8u;
override TILE_K: u32 = 32u;
// TILE = 4 · WORKGROUP_EDGE outputs per side; each tile holds TILE_K · TILE floats.
override TILE_VECTORS: u32 = TILE_K * WORKGROUP_EDGE;

@group(0) @binding(0) var<storage, read> a: array<f32>;
@group(0) @binding(1) var<storage, read> b: array<f32>;
@group(0) @binding(2) var<storage, read_write> c: array<f32>;
@group(0) @binding(3) var<uniform> params: Params;

var<workgroup> tile_a: array<vec4<f32>, TILE_VECTORS>;
var<workgroup> tile_b: array<vec4<f32>, TILE_VECTORS>;

fn load_a(row: u32, col: u32) -> f32 {
  if (row < params.m && col < params.k) {
    return a[row * params.k + col];
  }
  return 0.0;
}

fn load_b(row: u32, col: u32) -> f32 {
  if (row >= params.k || col >= params.n) {
    return 0.0;
  }
  if (params.transpose_b != 0u) {
    return b[col * params.k + row];
  }
  return b[row * params.n + col];
}

@compute @workgroup_size(WORKGROUP_EDGE, WORKGROUP_EDGE)
fn matmul_tiled(@builtin(workgroup_id) group: vec3<u32>, @builtin(local_invocation_id) local: vec3<u32>) {
  let tile = WORKGROUP_EDGE * 4u;
  let row0 = group.y * tile;
  let col0 = group.x * tile;
  let thread = local.y * WORKGROUP_EDGE + local.x;
  let threads = WORKGROUP_EDGE * WORKGROUP_EDGE;
  var acc0 = vec4<f32>();
  var acc1 = vec4<f32>();
  var acc2 = vec4<f32>();
  var acc3 = vec4<f32>();

  for (var k0 = 0u; k0 < params.k; k0 += TILE_K) {
    for (var i = thread; i < TILE_VECTORS; i += threads) {
      let kk = k0 + i / WORKGROUP_EDGE;
      let quad = (i % WORKGROUP_EDGE) * 4u;
      tile_a[i] = vec4<f32>(load_a(row0 + quad, kk), load_a(row0 + quad + 1u, kk), load_a(row0 + quad + 2u, kk), load_a(row0 + quad + 3u, kk));
      tile_b[i] = vec4<f32>(load_b(kk, col0 + quad), load_b(kk, col0 + quad + 1u), load_b(kk, col0 + quad + 2u), load_b(kk, col0 + quad + 3u));
    }
    workgroupBarrier();
    for (var kk = 0u; kk < TILE_K; kk++) {
      let column = tile_a[kk * WORKGROUP_EDGE + local.y];
      let row = tile_b[kk * WORKGROUP_EDGE + local.x];
      acc0 += column.x * row;
      acc1 += column.y * row;
      acc2 += column.z * row;
      acc3 += column.w * row;
    }
    workgroupBarrier();
  }

  let out_row = row0 + local.y * 4u;
  let out_col = col0 + local.x * 4u;
  store_row(out_row, out_col, acc0);
  store_row(out_row + 1u, out_col, acc1);
  store_row(out_row + 2u, out_col, acc2);
  store_row(out_row + 3u, out_col, acc3);
}

fn store_row(row: u32, col: u32, values: vec4<f32>) {
  if (row >= params.m) {
    return;
  }
  for (var j = 0u; j < 4u; j++) {
    if (col + j < params.n) {
      c[row * params.n + col + j] = params.alpha * values[j];
    }
  }
}
