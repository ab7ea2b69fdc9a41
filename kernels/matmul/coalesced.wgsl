// C = alpha * A · op(B) with 64×64 tiles of C, 256 invocations in a 16×16 grid, each
// accumulating a 4×4 block in registers (four vec4 rows); with ROW_GROUPS = 2, 128
// invocations in a 16×8 grid each accumulate two 4×4 blocks 32 rows apart, so every
// value of B read from workgroup memory serves eight rows (the shape for CPU adapters,
// where those reads cost most). Global memory is read along
// each matrix's contiguous dimension, so neighbouring invocations read neighbouring
// addresses: A (row-major M×K) and a transposed B (N×K) as vec4s along k, B (K×N) as
// vec4s along n. Workgroup memory holds both tiles k-major (tile_a[k] is four rows
// of A as one vec4, tile_b[k] four columns of B), so A and a transposed B are stored
// transposed. Interior tiles, with every row, column and k inside and the rows
// 4-aligned, skip all bounds checks; edge tiles check each element.

struct Params {
  m: u32,
  n: u32,
  k: u32,
  transpose_b: u32,
  alpha: f32,
  // 1 when the vec4 views below line up with rows: k % 4 == 0, and n % 4 == 0 for a plain B.
  aligned: u32,
}

const EDGE: u32 = 16u;
const TILE: u32 = 64u;
override ROW_GROUPS: u32 = 1u;
override EDGE_Y: u32 = EDGE / ROW_GROUPS;
override THREADS: u32 = EDGE * EDGE_Y;
override TILE_K: u32 = 16u;
override TILE_VECTORS: u32 = TILE_K * EDGE;

@group(0) @binding(0) var<storage, read> a: array<f32>;
@group(0) @binding(1) var<storage, read> b: array<f32>;
@group(0) @binding(2) var<storage, read_write> c: array<f32>;
@group(0) @binding(3) var<uniform> params: Params;
// The same buffers as a and b, seen as vec4s.
@group(0) @binding(4) var<storage, read> a4: array<vec4<f32>>;
@group(0) @binding(5) var<storage, read> b4: array<vec4<f32>>;

var<workgroup> tile_a: array<vec4<f32>, TILE_VECTORS>;
var<workgroup> tile_b: array<vec4<f32>, TILE_VECTORS>;

fn checked_a(row: u32, col: u32) -> f32 {
  if (row < params.m && col < params.k) {
    return a[row * params.k + col];
  }
  return 0.0;
}

// Element (kk, col) of op(B), the K×N right-hand factor.
fn checked_b(kk: u32, col: u32) -> f32 {
  if (kk >= params.k || col >= params.n) {
    return 0.0;
  }
  if (params.transpose_b != 0u) {
    return b[col * params.k + kk];
  }
  return b[kk * params.n + col];
}

// Four consecutive elements along a row, from the vec4 view or element by element.
fn row_of_a(row: u32, col: u32, fast: bool) -> vec4<f32> {
  if (fast) {
    return a4[(row * params.k + col) / 4u];
  }
  return vec4<f32>(checked_a(row, col), checked_a(row, col + 1u), checked_a(row, col + 2u), checked_a(row, col + 3u));
}

fn row_of_b_transposed(col: u32, kk: u32, fast: bool) -> vec4<f32> {
  if (fast) {
    return b4[(col * params.k + kk) / 4u];
  }
  return vec4<f32>(checked_b(kk, col), checked_b(kk + 1u, col), checked_b(kk + 2u, col), checked_b(kk + 3u, col));
}

fn row_of_b(kk: u32, col: u32, fast: bool) -> vec4<f32> {
  if (fast) {
    return b4[(kk * params.n + col) / 4u];
  }
  return vec4<f32>(checked_b(kk, col), checked_b(kk, col + 1u), checked_b(kk, col + 2u), checked_b(kk, col + 3u));
}

@compute @workgroup_size(EDGE, EDGE_Y)
fn matmul_coalesced(@builtin(workgroup_id) group: vec3<u32>, @builtin(local_invocation_id) local: vec3<u32>) {
  let row0 = group.y * TILE;
  let col0 = group.x * TILE;
  let thread = local.y * EDGE + local.x;
  let inside = params.aligned != 0u && row0 + TILE <= params.m && col0 + TILE <= params.n;
  var acc0 = vec4<f32>();
  var acc1 = vec4<f32>();
  var acc2 = vec4<f32>();
  var acc3 = vec4<f32>();
  var acc4 = vec4<f32>();
  var acc5 = vec4<f32>();
  var acc6 = vec4<f32>();
  var acc7 = vec4<f32>();

  for (var k0 = 0u; k0 < params.k; k0 += TILE_K) {
    let fast = inside && k0 + TILE_K <= params.k;
    // A: each invocation reads vec4s along k and stores their elements down tile_a's k.
    for (var i = thread; i < TILE * TILE_K / 4u; i += THREADS) {
      let row = i / (TILE_K / 4u);
      let kk = (i % (TILE_K / 4u)) * 4u;
      let values = row_of_a(row0 + row, k0 + kk, fast);
      for (var e = 0u; e < 4u; e++) {
        tile_a[(kk + e) * EDGE + row / 4u][row % 4u] = values[e];
      }
    }
    if (params.transpose_b != 0u) {
      for (var i = thread; i < TILE * TILE_K / 4u; i += THREADS) {
        let col = i / (TILE_K / 4u);
        let kk = (i % (TILE_K / 4u)) * 4u;
        let values = row_of_b_transposed(col0 + col, k0 + kk, fast);
        for (var e = 0u; e < 4u; e++) {
          tile_b[(kk + e) * EDGE + col / 4u][col % 4u] = values[e];
        }
      }
    } else {
      for (var i = thread; i < TILE_VECTORS; i += THREADS) {
        tile_b[i] = row_of_b(k0 + i / EDGE, col0 + (i % EDGE) * 4u, fast);
      }
    }
    workgroupBarrier();
    for (var kk = 0u; kk < TILE_K; kk++) {
      let column = tile_a[kk * EDGE + local.y];
      let row = tile_b[kk * EDGE + local.x];
      acc0 = fma(vec4<f32>(column.x), row, acc0);
      acc1 = fma(vec4<f32>(column.y), row, acc1);
      acc2 = fma(vec4<f32>(column.z), row, acc2);
      acc3 = fma(vec4<f32>(column.w), row, acc3);
      if (ROW_GROUPS == 2u) {
        let lower = tile_a[kk * EDGE + local.y + 8u];
        acc4 = fma(vec4<f32>(lower.x), row, acc4);
        acc5 = fma(vec4<f32>(lower.y), row, acc5);
        acc6 = fma(vec4<f32>(lower.z), row, acc6);
        acc7 = fma(vec4<f32>(lower.w), row, acc7);
      }
    }
    workgroupBarrier();
  }

  let out_row = row0 + local.y * 4u;
  let out_col = col0 + local.x * 4u;
  store_row(out_row, out_col, acc0, inside);
  store_row(out_row + 1u, out_col, acc1, inside);
  store_row(out_row + 2u, out_col, acc2, inside);
  store_row(out_row + 3u, out_col, acc3, inside);
  if (ROW_GROUPS == 2u) {
    store_row(out_row + 32u, out_col, acc4, inside);
    store_row(out_row + 33u, out_col, acc5, inside);
    store_row(out_row + 34u, out_col, acc6, inside);
    store_row(out_row + 35u, out_col, acc7, inside);
  }
}

fn store_row(row: u32, col: u32, values: vec4<f32>, inside: bool) {
  let base = row * params.n + col;
  if (inside) {
    c[base] = params.alpha * values.x;
    c[base + 1u] = params.alpha * values.y;
    c[base + 2u] = params.alpha * values.z;
    c[base + 3u] = params.alpha * values.w;
    return;
  }
  if (row >= params.m) {
    return;
  }
  for (var j = 0u; j < 4u; j++) {
    if (col + j < params.n) {
      c[base + j] = params.alpha * values[j];
    }
  }
}
