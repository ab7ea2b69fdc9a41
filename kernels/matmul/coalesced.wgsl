// C = alpha * A · op(B) with 64×64 tiles of C. Invocations form an EDGE_X × EDGE_Y grid;
// each accumulates ROWS rows by COLS columns in registers (ROWS · COLS / 4 vec4s). Its
// rows are contiguous (local.y * ROWS + r) and its columns strided by EDGE_X
// (local.x + EDGE_X j), so in the inner loop neighbouring invocations read neighbouring
// floats of tile_b and the same float of tile_a: on a GPU, no bank conflicts and a
// broadcast; on SwiftShader, which runs four invocations as the lanes of one SIMD
// register, one vector load and one scalar load instead of a per-lane gather.
// Shapes (set by the host per adapter class): 16 × 16 invocations of 4×4 (256, for
// GPUs); 8 × 4 invocations of 16×8 (32, for CPU adapters, where every read from
// workgroup memory costs dozens of instructions, so each read must serve many FMAs).
// Global memory is read along each matrix's contiguous dimension, so neighbouring
// invocations read neighbouring addresses: A (row-major M×K) and a transposed B (N×K) as
// vec4s along k, B (K×N) as vec4s along n; workgroup memory holds both tiles k-major
// (tile_a[k * 64 + row], tile_b[k * 64 + column]). Interior tiles, with every row, column
// and k inside and the vec4 views aligned, skip all bounds checks; edge tiles check each
// element.

struct Params {
  m: u32,
  n: u32,
  k: u32,
  transpose_b: u32,
  alpha: f32,
  // 1 when the vec4 views below line up with rows: k % 4 == 0, and n % 4 == 0 for a plain B.
  aligned: u32,
}

const TILE: u32 = 64u;
// Invocations across a tile's columns (16 or 8); each owns COLS = 64 / EDGE_X columns.
override EDGE_X: u32 = 16u;
override COLS: u32 = TILE / EDGE_X;
// Rows per invocation: 4, 8 or 16.
override ROWS: u32 = 4u;
override EDGE_Y: u32 = TILE / ROWS;
override THREADS: u32 = EDGE_X * EDGE_Y;
override TILE_K: u32 = 16u;
override TILE_FLOATS: u32 = TILE_K * TILE;

@group(0) @binding(0) var<storage, read> a: array<f32>;
@group(0) @binding(1) var<storage, read> b: array<f32>;
@group(0) @binding(2) var<storage, read_write> c: array<f32>;
@group(0) @binding(3) var<uniform> params: Params;
// The same buffers as a and b, seen as vec4s.
@group(0) @binding(4) var<storage, read> a4: array<vec4<f32>>;
@group(0) @binding(5) var<storage, read> b4: array<vec4<f32>>;

var<workgroup> tile_a: array<f32, TILE_FLOATS>;
var<workgroup> tile_b: array<f32, TILE_FLOATS>;

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

@compute @workgroup_size(EDGE_X, EDGE_Y)
fn matmul_coalesced(@builtin(workgroup_id) group: vec3<u32>, @builtin(local_invocation_id) local: vec3<u32>) {
  let row0 = group.y * TILE;
  let col0 = group.x * TILE;
  let thread = local.y * EDGE_X + local.x;
  let inside = params.aligned != 0u && row0 + TILE <= params.m && col0 + TILE <= params.n;
  // acc_r_h: row r of the block, columns local.x + EDGE_X (4h + j) for j < 4.
  var acc0_0 = vec4<f32>();
  var acc0_1 = vec4<f32>();
  var acc1_0 = vec4<f32>();
  var acc1_1 = vec4<f32>();
  var acc2_0 = vec4<f32>();
  var acc2_1 = vec4<f32>();
  var acc3_0 = vec4<f32>();
  var acc3_1 = vec4<f32>();
  var acc4_0 = vec4<f32>();
  var acc4_1 = vec4<f32>();
  var acc5_0 = vec4<f32>();
  var acc5_1 = vec4<f32>();
  var acc6_0 = vec4<f32>();
  var acc6_1 = vec4<f32>();
  var acc7_0 = vec4<f32>();
  var acc7_1 = vec4<f32>();
  var acc8_0 = vec4<f32>();
  var acc8_1 = vec4<f32>();
  var acc9_0 = vec4<f32>();
  var acc9_1 = vec4<f32>();
  var acc10_0 = vec4<f32>();
  var acc10_1 = vec4<f32>();
  var acc11_0 = vec4<f32>();
  var acc11_1 = vec4<f32>();
  var acc12_0 = vec4<f32>();
  var acc12_1 = vec4<f32>();
  var acc13_0 = vec4<f32>();
  var acc13_1 = vec4<f32>();
  var acc14_0 = vec4<f32>();
  var acc14_1 = vec4<f32>();
  var acc15_0 = vec4<f32>();
  var acc15_1 = vec4<f32>();

  for (var k0 = 0u; k0 < params.k; k0 += TILE_K) {
    let fast = inside && k0 + TILE_K <= params.k;
    // A: each invocation reads a vec4 along k and stores its elements down tile_a's k.
    for (var i = thread; i < TILE_FLOATS / 4u; i += THREADS) {
      let row = i / (TILE_K / 4u);
      let kk = (i % (TILE_K / 4u)) * 4u;
      let values = row_of_a(row0 + row, k0 + kk, fast);
      for (var e = 0u; e < 4u; e++) {
        tile_a[(kk + e) * TILE + row] = values[e];
      }
    }
    if (params.transpose_b != 0u) {
      for (var i = thread; i < TILE_FLOATS / 4u; i += THREADS) {
        let col = i / (TILE_K / 4u);
        let kk = (i % (TILE_K / 4u)) * 4u;
        let values = row_of_b_transposed(col0 + col, k0 + kk, fast);
        for (var e = 0u; e < 4u; e++) {
          tile_b[(kk + e) * TILE + col] = values[e];
        }
      }
    } else {
      for (var i = thread; i < TILE_FLOATS / 4u; i += THREADS) {
        let kk = i / (TILE / 4u);
        let col = (i % (TILE / 4u)) * 4u;
        let values = row_of_b(k0 + kk, col0 + col, fast);
        for (var e = 0u; e < 4u; e++) {
          tile_b[kk * TILE + col + e] = values[e];
        }
      }
    }
    workgroupBarrier();
    // Written out rather than looped over arrays: SwiftShader keeps a function-scope array in
    // memory and reads it lane by lane, while named accumulators stay in registers.
    for (var kk = 0u; kk < TILE_K; kk++) {
      let b_at = kk * TILE + local.x;
      let b0 = vec4<f32>(tile_b[b_at], tile_b[b_at + EDGE_X], tile_b[b_at + 2u * EDGE_X], tile_b[b_at + 3u * EDGE_X]);
      var b1 = vec4<f32>();
      if (COLS == 8u) {
        b1 = vec4<f32>(tile_b[b_at + 4u * EDGE_X], tile_b[b_at + 5u * EDGE_X], tile_b[b_at + 6u * EDGE_X], tile_b[b_at + 7u * EDGE_X]);
      }
      let a_at = kk * TILE + local.y * ROWS;
      let a0 = vec4<f32>(tile_a[a_at + 0u]);
      let a1 = vec4<f32>(tile_a[a_at + 1u]);
      let a2 = vec4<f32>(tile_a[a_at + 2u]);
      let a3 = vec4<f32>(tile_a[a_at + 3u]);
      acc0_0 = fma(a0, b0, acc0_0);
      acc1_0 = fma(a1, b0, acc1_0);
      acc2_0 = fma(a2, b0, acc2_0);
      acc3_0 = fma(a3, b0, acc3_0);
      if (COLS == 8u) {
        acc0_1 = fma(a0, b1, acc0_1);
        acc1_1 = fma(a1, b1, acc1_1);
        acc2_1 = fma(a2, b1, acc2_1);
        acc3_1 = fma(a3, b1, acc3_1);
      }
      if (ROWS > 4u) {
        let a4 = vec4<f32>(tile_a[a_at + 4u]);
        let a5 = vec4<f32>(tile_a[a_at + 5u]);
        let a6 = vec4<f32>(tile_a[a_at + 6u]);
        let a7 = vec4<f32>(tile_a[a_at + 7u]);
        acc4_0 = fma(a4, b0, acc4_0);
        acc5_0 = fma(a5, b0, acc5_0);
        acc6_0 = fma(a6, b0, acc6_0);
        acc7_0 = fma(a7, b0, acc7_0);
        if (COLS == 8u) {
          acc4_1 = fma(a4, b1, acc4_1);
          acc5_1 = fma(a5, b1, acc5_1);
          acc6_1 = fma(a6, b1, acc6_1);
          acc7_1 = fma(a7, b1, acc7_1);
        }
      }
      if (ROWS > 8u) {
        let a8 = vec4<f32>(tile_a[a_at + 8u]);
        let a9 = vec4<f32>(tile_a[a_at + 9u]);
        let a10 = vec4<f32>(tile_a[a_at + 10u]);
        let a11 = vec4<f32>(tile_a[a_at + 11u]);
        let a12 = vec4<f32>(tile_a[a_at + 12u]);
        let a13 = vec4<f32>(tile_a[a_at + 13u]);
        let a14 = vec4<f32>(tile_a[a_at + 14u]);
        let a15 = vec4<f32>(tile_a[a_at + 15u]);
        acc8_0 = fma(a8, b0, acc8_0);
        acc9_0 = fma(a9, b0, acc9_0);
        acc10_0 = fma(a10, b0, acc10_0);
        acc11_0 = fma(a11, b0, acc11_0);
        acc12_0 = fma(a12, b0, acc12_0);
        acc13_0 = fma(a13, b0, acc13_0);
        acc14_0 = fma(a14, b0, acc14_0);
        acc15_0 = fma(a15, b0, acc15_0);
        if (COLS == 8u) {
          acc8_1 = fma(a8, b1, acc8_1);
          acc9_1 = fma(a9, b1, acc9_1);
          acc10_1 = fma(a10, b1, acc10_1);
          acc11_1 = fma(a11, b1, acc11_1);
          acc12_1 = fma(a12, b1, acc12_1);
          acc13_1 = fma(a13, b1, acc13_1);
          acc14_1 = fma(a14, b1, acc14_1);
          acc15_1 = fma(a15, b1, acc15_1);
        }
      }
    }
    workgroupBarrier();
  }

  let out_row = row0 + local.y * ROWS;
  let out_col = col0 + local.x;
  let out_col_1 = out_col + 4u * EDGE_X;
  store_row(out_row + 0u, out_col, acc0_0, inside);
  store_row(out_row + 1u, out_col, acc1_0, inside);
  store_row(out_row + 2u, out_col, acc2_0, inside);
  store_row(out_row + 3u, out_col, acc3_0, inside);
  if (COLS == 8u) {
    store_row(out_row + 0u, out_col_1, acc0_1, inside);
    store_row(out_row + 1u, out_col_1, acc1_1, inside);
    store_row(out_row + 2u, out_col_1, acc2_1, inside);
    store_row(out_row + 3u, out_col_1, acc3_1, inside);
  }
  if (ROWS > 4u) {
    store_row(out_row + 4u, out_col, acc4_0, inside);
    store_row(out_row + 5u, out_col, acc5_0, inside);
    store_row(out_row + 6u, out_col, acc6_0, inside);
    store_row(out_row + 7u, out_col, acc7_0, inside);
    if (COLS == 8u) {
      store_row(out_row + 4u, out_col_1, acc4_1, inside);
      store_row(out_row + 5u, out_col_1, acc5_1, inside);
      store_row(out_row + 6u, out_col_1, acc6_1, inside);
      store_row(out_row + 7u, out_col_1, acc7_1, inside);
    }
  }
  if (ROWS > 8u) {
    store_row(out_row + 8u, out_col, acc8_0, inside);
    store_row(out_row + 9u, out_col, acc9_0, inside);
    store_row(out_row + 10u, out_col, acc10_0, inside);
    store_row(out_row + 11u, out_col, acc11_0, inside);
    store_row(out_row + 12u, out_col, acc12_0, inside);
    store_row(out_row + 13u, out_col, acc13_0, inside);
    store_row(out_row + 14u, out_col, acc14_0, inside);
    store_row(out_row + 15u, out_col, acc15_0, inside);
    if (COLS == 8u) {
      store_row(out_row + 8u, out_col_1, acc8_1, inside);
      store_row(out_row + 9u, out_col_1, acc9_1, inside);
      store_row(out_row + 10u, out_col_1, acc10_1, inside);
      store_row(out_row + 11u, out_col_1, acc11_1, inside);
      store_row(out_row + 12u, out_col_1, acc12_1, inside);
      store_row(out_row + 13u, out_col_1, acc13_1, inside);
      store_row(out_row + 14u, out_col_1, acc14_1, inside);
      store_row(out_row + 15u, out_col_1, acc15_1, inside);
    }
  }
}

// Four of a row's outputs: columns col, col + EDGE_X, col + 2 EDGE_X and col + 3 EDGE_X.
fn store_row(row: u32, col: u32, values: vec4<f32>, inside: bool) {
  let base = row * params.n + col;
  if (inside) {
    c[base] = params.alpha * values.x;
    c[base + EDGE_X] = params.alpha * values.y;
    c[base + 2u * EDGE_X] = params.alpha * values.z;
    c[base + 3u * EDGE_X] = params.alpha * values.w;
    return;
  }
  if (row >= params.m) {
    return;
  }
  for (var j = 0u; j < 4u; j++) {
    if (col + EDGE_X * j < params.n) {
      c[base + EDGE_X * j] = params.alpha * values[j];
    }
  }
}
