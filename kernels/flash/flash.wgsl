// Tiled ("flash") attention with an online softmax, after FlashAttention-2 (Dao, 2023).
// Each workgroup owns QUERY_BLOCK = 4 · INVOCATIONS queries and walks the keys in
// blocks of KEY_BLOCK staged in workgroup memory. Each invocation owns four query rows
// (loaded once, pre-scaled by 1/√d_k) and, per key block,
//   1. computes its 4 × KEY_BLOCK tile of S in registers: every key vector it reads
//      from workgroup memory serves all four rows (one vec4 × mat4x4 product);
//   2. takes each row's block maximum (the invocation owns its rows: no reduction);
//   3. rescales its running sums and its output rows once, by exp(old max − new max);
//   4. adds exp(s − max)·v for each key to its output rows, kept in registers.
// Rows are packed four to a vec4 (or a mat4x4's columns), so row-wise work is one
// vector operation. Head widths are override constants (in vec4s): the private arrays
// have the fixed size of the widest head, and every loop over them runs to an override
// constant, so a compiler that specialises the pipeline can unroll it.
// The T×T score matrix never exists. With key_splits > 1 the keys are split across
// workgroups (grid y); each split writes its (max, sum, unnormalised row) per query
// to `partial`, and flash_combine merges them.

struct Params {
  sequence_length: u32,
  key_dim: u32,
  value_dim: u32,
  causal: u32,
  scale: f32,
  key_splits: u32,
  // Keys per split, a multiple of KEY_BLOCK.
  split_keys: u32,
}

// The widest head (128) and the largest key block, in the units the private arrays use.
const MAX_HEAD_VECTORS: u32 = 32u;
const MAX_KEY_BLOCK: u32 = 64u;

override INVOCATIONS: u32 = 16u;
override QUERY_BLOCK: u32 = 4u * INVOCATIONS;
override KEY_BLOCK: u32 = 32u;
// ceil(d_k / 4) and ceil(d_v / 4).
override KEY_VECTORS: u32 = 16u;
override VALUE_VECTORS: u32 = 16u;
override KEY_TILE: u32 = KEY_BLOCK * KEY_VECTORS;
override VALUE_TILE: u32 = KEY_BLOCK * VALUE_VECTORS;

// A score no real one reaches: marks masked keys, and is the maximum before any key.
const MASKED: f32 = -3.0e38;

@group(0) @binding(0) var<storage, read> q: array<f32>;
@group(0) @binding(1) var<storage, read> k: array<f32>;
@group(0) @binding(2) var<storage, read> v: array<f32>;
@group(0) @binding(3) var<storage, read_write> out: array<f32>;
@group(0) @binding(4) var<uniform> params: Params;
// Per split and row: max, sum, then VALUE_VECTORS · 4 unnormalised outputs.
@group(0) @binding(5) var<storage, read_write> partial: array<f32>;

var<workgroup> key_tile: array<vec4<f32>, KEY_TILE>;
var<workgroup> value_tile: array<vec4<f32>, VALUE_TILE>;

// Loads four consecutive elements of a row-major row `width` wide; past the row's end
// the index is clamped to its last element and the lane masked to zero.
fn clamped(row: u32, col: u32, width: u32) -> u32 {
  return row * width + min(col, width - 1u);
}

fn inside(col: u32, width: u32) -> vec4<f32> {
  return select(vec4<f32>(), vec4<f32>(1.0), vec4<u32>(col, col + 1u, col + 2u, col + 3u) < vec4<u32>(width));
}

fn load_q(row: u32, col: u32) -> vec4<f32> {
  let w = params.key_dim;
  return vec4<f32>(q[clamped(row, col, w)], q[clamped(row, col + 1u, w)], q[clamped(row, col + 2u, w)], q[clamped(row, col + 3u, w)]) * inside(col, w);
}

fn load_k(row: u32, col: u32) -> vec4<f32> {
  let w = params.key_dim;
  return vec4<f32>(k[clamped(row, col, w)], k[clamped(row, col + 1u, w)], k[clamped(row, col + 2u, w)], k[clamped(row, col + 3u, w)]) * inside(col, w);
}

fn load_v(row: u32, col: u32) -> vec4<f32> {
  let w = params.value_dim;
  return vec4<f32>(v[clamped(row, col, w)], v[clamped(row, col + 1u, w)], v[clamped(row, col + 2u, w)], v[clamped(row, col + 3u, w)]) * inside(col, w);
}

fn partial_base(split: u32, row: u32) -> u32 {
  return (split * params.sequence_length + row) * (VALUE_VECTORS * 4u + 2u);
}

fn store_row(row: u32, values: vec4<f32>, vector: u32) {
  let col = vector * 4u;
  for (var i = 0u; i < 4u; i++) {
    if (col + i < params.value_dim) {
      out[row * params.value_dim + col + i] = values[i];
    }
  }
}

@compute @workgroup_size(INVOCATIONS)
fn flash_attention(@builtin(workgroup_id) group: vec3<u32>, @builtin(local_invocation_index) local: u32) {
  let t = params.sequence_length;
  let query_block = group.x;
  let split = group.y;
  let first_row = query_block * QUERY_BLOCK + local * 4u;
  let rows = vec4<u32>(first_row, first_row + 1u, first_row + 2u, first_row + 3u);

  // query[c] holds vector c of the four rows as its columns; acc[c] likewise for the output.
  var query: array<mat4x4<f32>, MAX_HEAD_VECTORS>;
  var acc: array<mat4x4<f32>, MAX_HEAD_VECTORS>;
  var scores: array<vec4<f32>, MAX_KEY_BLOCK>;
  for (var c = 0u; c < KEY_VECTORS; c++) {
    for (var r = 0u; r < 4u; r++) {
      if (rows[r] < t) {
        query[c][r] = load_q(rows[r], c * 4u) * params.scale;
      }
    }
  }
  var running_max = vec4<f32>(MASKED);
  var running_sum = vec4<f32>();

  let split_begin = split * params.split_keys;
  var split_end = min(t, split_begin + params.split_keys);
  // With a causal mask, no row of this workgroup looks past its last row.
  if (params.causal != 0u) {
    split_end = min(split_end, (query_block + 1u) * QUERY_BLOCK);
  }

  for (var key0 = split_begin; key0 < split_end; key0 += KEY_BLOCK) {
    let count = min(KEY_BLOCK, split_end - key0);
    for (var i = local; i < KEY_TILE; i += INVOCATIONS) {
      let key = i / KEY_VECTORS;
      var value = vec4<f32>();
      if (key < count) {
        value = load_k(key0 + key, (i % KEY_VECTORS) * 4u);
      }
      key_tile[i] = value;
    }
    for (var i = local; i < VALUE_TILE; i += INVOCATIONS) {
      let key = i / VALUE_VECTORS;
      var value = vec4<f32>();
      if (key < count) {
        value = load_v(key0 + key, (i % VALUE_VECTORS) * 4u);
      }
      value_tile[i] = value;
    }
    workgroupBarrier();

    // 1–2: the 4 × KEY_BLOCK tile of S, and each row's maximum.
    var block_max = vec4<f32>(MASKED);
    for (var j = 0u; j < KEY_BLOCK; j++) {
      var score = vec4<f32>();
      for (var c = 0u; c < KEY_VECTORS; c++) {
        score += key_tile[j * KEY_VECTORS + c] * query[c];
      }
      var masked = vec4<bool>(j >= count);
      if (params.causal != 0u) {
        masked = masked | (vec4<u32>(key0 + j) > rows);
      }
      score = select(score, vec4<f32>(MASKED), masked);
      scores[j] = score;
      block_max = max(block_max, score);
    }
    // 3: one rescale per key block.
    let new_max = max(running_max, block_max);
    let rescale = exp(running_max - new_max);
    running_sum *= rescale;
    for (var c = 0u; c < VALUE_VECTORS; c++) {
      let block = acc[c];
      acc[c] = mat4x4<f32>(block[0] * rescale.x, block[1] * rescale.y, block[2] * rescale.z, block[3] * rescale.w);
    }
    // 4: the block's weights times its values.
    for (var j = 0u; j < KEY_BLOCK; j++) {
      let weight = select(vec4<f32>(), exp(scores[j] - new_max), scores[j] > vec4<f32>(MASKED));
      running_sum += weight;
      for (var c = 0u; c < VALUE_VECTORS; c++) {
        let value = value_tile[j * VALUE_VECTORS + c];
        acc[c] += mat4x4<f32>(value * weight.x, value * weight.y, value * weight.z, value * weight.w);
      }
    }
    running_max = new_max;
    workgroupBarrier();
  }

  for (var r = 0u; r < 4u; r++) {
    let row = rows[r];
    if (row >= t) {
      return;
    }
    if (params.key_splits == 1u) {
      let inverse = 1.0 / running_sum[r];
      for (var c = 0u; c < VALUE_VECTORS; c++) {
        store_row(row, acc[c][r] * inverse, c);
      }
    } else {
      let base = partial_base(split, row);
      partial[base] = running_max[r];
      partial[base + 1u] = running_sum[r];
      for (var c = 0u; c < VALUE_VECTORS; c++) {
        for (var i = 0u; i < 4u; i++) {
          partial[base + 2u + c * 4u + i] = acc[c][r][i];
        }
      }
    }
  }
}

// Merges the splits of one row: each split's sum and output are rescaled to the
// largest split maximum. Split 0 always holds key 0, so some split has weight.
@compute @workgroup_size(INVOCATIONS)
fn flash_combine(@builtin(global_invocation_id) id: vec3<u32>) {
  let row = id.x;
  if (row >= params.sequence_length) {
    return;
  }
  var overall_max = MASKED;
  for (var split = 0u; split < params.key_splits; split++) {
    overall_max = max(overall_max, partial[partial_base(split, row)]);
  }
  var acc: array<vec4<f32>, MAX_HEAD_VECTORS>;
  var total = 0.0;
  for (var split = 0u; split < params.key_splits; split++) {
    let base = partial_base(split, row);
    let weight = exp(partial[base] - overall_max);
    total += weight * partial[base + 1u];
    for (var c = 0u; c < VALUE_VECTORS; c++) {
      let offset = base + 2u + c * 4u;
      acc[c] += weight * vec4<f32>(partial[offset], partial[offset + 1u], partial[offset + 2u], partial[offset + 3u]);
    }
  }
  for (var c = 0u; c < VALUE_VECTORS; c++) {
    store_row(row, acc[c] / total, c);
  }
}
