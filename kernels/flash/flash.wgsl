// Tiled ("flash") attention with an online softmax. Each invocation owns one query
// row and keeps a running maximum, a running sum and an unnormalised output; the
// workgroup stages KEY_BLOCK keys and values at a time in workgroup memory. The
// T×T score matrix never exists: memory is O(T·d).

struct Params {
  sequence_length: u32,
  key_dim: u32,
  value_dim: u32,
  causal: u32,
  scale: f32,
}

// Largest head width a row's private accumulators hold.
const MAX_DIM: u32 = 128u;
override WORKGROUP_SIZE: u32 = 64u;
override KEY_BLOCK: u32 = 16u;
// KEY_BLOCK × MAX_DIM floats for keys, and as many for values.
override BLOCK_FLOATS: u32 = KEY_BLOCK * MAX_DIM;

@group(0) @binding(0) var<storage, read> q: array<f32>;
@group(0) @binding(1) var<storage, read> k: array<f32>;
@group(0) @binding(2) var<storage, read> v: array<f32>;
@group(0) @binding(3) var<storage, read_write> out: array<f32>;
@group(0) @binding(4) var<uniform> params: Params;

var<workgroup> key_block: array<f32, BLOCK_FLOATS>;
var<workgroup> value_block: array<f32, BLOCK_FLOATS>;

@compute @workgroup_size(WORKGROUP_SIZE)
fn flash_attention(
  @builtin(workgroup_id) group: vec3<u32>,
  @builtin(num_workgroups) groups: vec3<u32>,
  @builtin(local_invocation_index) local: u32,
) {
  let block_index = group.x + group.y * groups.x;
  let row = block_index * WORKGROUP_SIZE + local;
  let t = params.sequence_length;
  let dk = params.key_dim;
  let dv = params.value_dim;
  let has_row = row < t;

  var query: array<f32, MAX_DIM>;
  var acc: array<f32, MAX_DIM>;
  if (has_row) {
    for (var i = 0u; i < dk; i++) {
      query[i] = q[row * dk + i] * params.scale;
    }
  }
  var running_max = -3.402823e38;
  var running_sum = 0.0;

  // With a causal mask, no row of this workgroup looks past its last row.
  var key_end = t;
  if (params.causal != 0u) {
    key_end = min(t, (block_index + 1u) * WORKGROUP_SIZE);
  }

  for (var key0 = 0u; key0 < key_end; key0 += KEY_BLOCK) {
    let count = min(KEY_BLOCK, t - key0);
    for (var i = local; i < count * dk; i += WORKGROUP_SIZE) {
      key_block[i] = k[key0 * dk + i];
    }
    for (var i = local; i < count * dv; i += WORKGROUP_SIZE) {
      value_block[i] = v[key0 * dv + i];
    }
    workgroupBarrier();
    if (has_row) {
      for (var j = 0u; j < count; j++) {
        let key = key0 + j;
        if (params.causal != 0u && key > row) {
          break;
        }
        var score = 0.0;
        for (var i = 0u; i < dk; i++) {
          score += query[i] * key_block[j * dk + i];
        }
        let new_max = max(running_max, score);
        let rescale = exp(running_max - new_max);
        let weight = exp(score - new_max);
        running_sum = running_sum * rescale + weight;
        for (var i = 0u; i < dv; i++) {
          acc[i] = acc[i] * rescale + weight * value_block[j * dv + i];
        }
        running_max = new_max;
      }
    }
    workgroupBarrier();
  }

  if (has_row) {
    for (var i = 0u; i < dv; i++) {
      out[row * dv + i] = acc[i] / running_sum;
    }
  }
}
