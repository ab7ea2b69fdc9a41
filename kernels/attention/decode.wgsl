// One decode step of attention: a single query against p cached keys and values,
// softmax(q·Kᵀ/√d_k)·V, with scores, softmax and weighted sum fused in one pass.
// Each workgroup takes one split of the cache (a contiguous range of keys) and walks
// it in tiles of WORKGROUP_SIZE keys with an online softmax, one rescale per tile.
// With one split it writes the output itself: one dispatch. With several (a long
// cache, split so more workgroups share it) each writes its running max, sum and
// unnormalised output to `partials`, and `decode_combine` merges them: two dispatches.

struct Params {
  positions: u32,
  keys_per_split: u32,
  splits: u32,
  scale: f32,
}

override WORKGROUP_SIZE: u32 = 64u;
override KEY_DIM: u32 = 64u;
override VALUE_DIM: u32 = 64u;

@group(0) @binding(0) var<storage, read> query: array<f32>;
@group(0) @binding(1) var<storage, read> keys: array<f32>;
@group(0) @binding(2) var<storage, read> values: array<f32>;
// Per split: max, sum, then VALUE_DIM unnormalised outputs.
@group(0) @binding(3) var<storage, read_write> partials: array<f32>;
@group(0) @binding(4) var<storage, read_write> out: array<f32>;
@group(0) @binding(5) var<uniform> params: Params;

// A finite stand-in for −∞, so exp(old − new) stays 0 rather than NaN before the first tile.
const LOWEST: f32 = -3.402823e38;

var<workgroup> weights: array<f32, WORKGROUP_SIZE>;
var<workgroup> reduction: array<f32, WORKGROUP_SIZE>;
var<workgroup> acc: array<f32, VALUE_DIM>;

// Tree reduction across the workgroup; op 0 is max, op 1 is sum.
fn reduce(local: u32, value: f32, op: u32) -> f32 {
  reduction[local] = value;
  workgroupBarrier();
  for (var stride = WORKGROUP_SIZE / 2u; stride > 0u; stride /= 2u) {
    if (local < stride) {
      if (op == 0u) {
        reduction[local] = max(reduction[local], reduction[local + stride]);
      } else {
        reduction[local] = reduction[local] + reduction[local + stride];
      }
    }
    workgroupBarrier();
  }
  let result = reduction[0];
  workgroupBarrier();
  return result;
}

@compute @workgroup_size(WORKGROUP_SIZE)
fn decode_split(@builtin(workgroup_id) group: vec3<u32>, @builtin(local_invocation_index) local: u32) {
  let split = group.x;
  let begin = split * params.keys_per_split;
  let end = min(params.positions, begin + params.keys_per_split);
  // Each thread owns outputs local, local + WORKGROUP_SIZE, …, so acc needs no barrier of its own.
  for (var j = local; j < VALUE_DIM; j += WORKGROUP_SIZE) {
    acc[j] = 0.0;
  }
  var running_max = LOWEST;
  var running_sum = 0.0;
  // begin, end and the tile loop are uniform across the workgroup, so the barriers inside are too.
  for (var tile = begin; tile < end; tile += WORKGROUP_SIZE) {
    let key = tile + local;
    var score = LOWEST;
    if (key < end) {
      var dot = 0.0;
      for (var i = 0u; i < KEY_DIM; i++) {
        dot += query[i] * keys[key * KEY_DIM + i];
      }
      score = dot * params.scale;
    }
    let tile_max = reduce(local, score, 0u);
    let new_max = max(running_max, tile_max);
    var weight = 0.0;
    if (key < end) {
      weight = exp(score - new_max);
    }
    weights[local] = weight;
    // The reduction's barriers also publish every thread's weight.
    let tile_sum = reduce(local, weight, 1u);
    let correction = exp(running_max - new_max);
    running_sum = running_sum * correction + tile_sum;
    running_max = new_max;
    let live = min(WORKGROUP_SIZE, end - tile);
    for (var j = local; j < VALUE_DIM; j += WORKGROUP_SIZE) {
      var sum = acc[j] * correction;
      for (var i = 0u; i < live; i++) {
        sum += weights[i] * values[(tile + i) * VALUE_DIM + j];
      }
      acc[j] = sum;
    }
    // The next tile overwrites the weights.
    workgroupBarrier();
  }
  if (params.splits == 1u) {
    for (var j = local; j < VALUE_DIM; j += WORKGROUP_SIZE) {
      out[j] = acc[j] / running_sum;
    }
    return;
  }
  let base = split * (2u + VALUE_DIM);
  if (local == 0u) {
    partials[base] = running_max;
    partials[base + 1u] = running_sum;
  }
  for (var j = local; j < VALUE_DIM; j += WORKGROUP_SIZE) {
    partials[base + 2u + j] = acc[j];
  }
}

// Merges the splits: out_j = Σ_s e^(m_s − M) acc_s,j / Σ_s e^(m_s − M) l_s, with M the largest m_s.
@compute @workgroup_size(WORKGROUP_SIZE)
fn decode_combine(@builtin(local_invocation_index) local: u32) {
  let stride = 2u + VALUE_DIM;
  var largest = LOWEST;
  for (var s = 0u; s < params.splits; s++) {
    largest = max(largest, partials[s * stride]);
  }
  var total = 0.0;
  for (var s = 0u; s < params.splits; s++) {
    total += exp(partials[s * stride] - largest) * partials[s * stride + 1u];
  }
  for (var j = local; j < VALUE_DIM; j += WORKGROUP_SIZE) {
    var sum = 0.0;
    for (var s = 0u; s < params.splits; s++) {
      sum += exp(partials[s * stride] - largest) * partials[s * stride + 2u + j];
    }
    out[j] = sum / total;
  }
}
