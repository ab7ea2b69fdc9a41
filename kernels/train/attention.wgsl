// Causal multi-head attention on packed projections, forward and backward.
// qkv is BATCH×LENGTH×3·WIDTH (q, k, v, each HEADS slices of WIDTH/HEADS);
// probs is BATCH×HEADS×LENGTH×LENGTH and is kept for the backward pass (the
// sequences here are short; the flash family is the one that avoids T×T).

override BATCH: u32;
override LENGTH: u32;
override WIDTH: u32;
override HEADS: u32;
const WORKGROUP = 64u;

fn flat_index(workgroup: vec3<u32>, groups: vec3<u32>, local: u32) -> u32 {
  return (workgroup.x + workgroup.y * groups.x) * WORKGROUP + local;
}

fn head_width() -> u32 {
  return WIDTH / HEADS;
}

// Offset of q (part 0), k (1) or v (2) of head `head` at row b·LENGTH + t.
fn packed(row: u32, part: u32, head: u32) -> u32 {
  return row * 3u * WIDTH + part * WIDTH + head * head_width();
}

@group(0) @binding(0) var<storage, read> forward_qkv: array<f32>;
@group(0) @binding(1) var<storage, read_write> forward_probs: array<f32>;
@group(0) @binding(2) var<storage, read_write> forward_out: array<f32>;

// One invocation per (b, head, query t): a stable softmax over s ≤ t, then the weighted values.
@compute @workgroup_size(WORKGROUP)
fn attention_forward(@builtin(workgroup_id) wid: vec3<u32>, @builtin(num_workgroups) groups: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let index = flat_index(wid, groups, lid);
  if (index >= BATCH * HEADS * LENGTH) {
    return;
  }
  let t = index % LENGTH;
  let head = (index / LENGTH) % HEADS;
  let b = index / (LENGTH * HEADS);
  let dh = head_width();
  let scale = 1.0 / sqrt(f32(dh));
  let p = index * LENGTH;
  let q = packed(b * LENGTH + t, 0u, head);
  var max_score = -3.4e38;
  for (var s = 0u; s <= t; s++) {
    let k = packed(b * LENGTH + s, 1u, head);
    var dot = 0.0;
    for (var c = 0u; c < dh; c++) {
      dot += forward_qkv[q + c] * forward_qkv[k + c];
    }
    forward_probs[p + s] = dot * scale;
    max_score = max(max_score, dot * scale);
  }
  var sum = 0.0;
  for (var s = 0u; s <= t; s++) {
    let e = exp(forward_probs[p + s] - max_score);
    forward_probs[p + s] = e;
    sum += e;
  }
  for (var s = t + 1u; s < LENGTH; s++) {
    forward_probs[p + s] = 0.0;
  }
  let out = (b * LENGTH + t) * WIDTH + head * dh;
  for (var c = 0u; c < dh; c++) {
    forward_out[out + c] = 0.0;
  }
  for (var s = 0u; s <= t; s++) {
    let weight = forward_probs[p + s] / sum;
    forward_probs[p + s] = weight;
    let v = packed(b * LENGTH + s, 2u, head);
    for (var c = 0u; c < dh; c++) {
      forward_out[out + c] += weight * forward_qkv[v + c];
    }
  }
}

@group(0) @binding(0) var<storage, read> scores_qkv: array<f32>;
@group(0) @binding(1) var<storage, read> scores_probs: array<f32>;
@group(0) @binding(2) var<storage, read> scores_dout: array<f32>;
@group(0) @binding(3) var<storage, read_write> scores_dscores: array<f32>;

// dL/dscore[t, s] = p[t, s]·(dL/dp[t, s] − Σ_s' p[t, s']·dL/dp[t, s'])·scale, with dL/dp[t, s] = dout_t·v_s.
@compute @workgroup_size(WORKGROUP)
fn attention_backward_scores(@builtin(workgroup_id) wid: vec3<u32>, @builtin(num_workgroups) groups: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let index = flat_index(wid, groups, lid);
  if (index >= BATCH * HEADS * LENGTH) {
    return;
  }
  let t = index % LENGTH;
  let head = (index / LENGTH) % HEADS;
  let b = index / (LENGTH * HEADS);
  let dh = head_width();
  let p = index * LENGTH;
  let out = (b * LENGTH + t) * WIDTH + head * dh;
  var weighted = 0.0;
  for (var s = 0u; s <= t; s++) {
    let v = packed(b * LENGTH + s, 2u, head);
    var dp = 0.0;
    for (var c = 0u; c < dh; c++) {
      dp += scores_dout[out + c] * scores_qkv[v + c];
    }
    scores_dscores[p + s] = dp;
    weighted += scores_probs[p + s] * dp;
  }
  let scale = 1.0 / sqrt(f32(dh));
  for (var s = 0u; s < LENGTH; s++) {
    if (s <= t) {
      scores_dscores[p + s] = scores_probs[p + s] * (scores_dscores[p + s] - weighted) * scale;
    } else {
      scores_dscores[p + s] = 0.0;
    }
  }
}

@group(0) @binding(0) var<storage, read> inputs_qkv: array<f32>;
@group(0) @binding(1) var<storage, read> inputs_probs: array<f32>;
@group(0) @binding(2) var<storage, read> inputs_dout: array<f32>;
@group(0) @binding(3) var<storage, read> inputs_dscores: array<f32>;
@group(0) @binding(4) var<storage, read_write> inputs_dqkv: array<f32>;

// One invocation per element of dqkv: dq_t = Σ_{s ≤ t} ds[t, s]·k_s; dk_t = Σ_{s ≥ t} ds[s, t]·q_s;
// dv_t = Σ_{s ≥ t} p[s, t]·dout_s. Each is a gather, so no two invocations write one number.
@compute @workgroup_size(WORKGROUP)
fn attention_backward_inputs(@builtin(workgroup_id) wid: vec3<u32>, @builtin(num_workgroups) groups: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let index = flat_index(wid, groups, lid);
  if (index >= BATCH * LENGTH * 3u * WIDTH) {
    return;
  }
  let column = index % (3u * WIDTH);
  let row = index / (3u * WIDTH);
  let t = row % LENGTH;
  let b = row / LENGTH;
  let part = column / WIDTH;
  let dh = head_width();
  let head = (column % WIDTH) / dh;
  let c = column % dh;
  let scores = (b * HEADS + head) * LENGTH * LENGTH;
  var acc = 0.0;
  if (part == 0u) {
    for (var s = 0u; s <= t; s++) {
      acc += inputs_dscores[scores + t * LENGTH + s] * inputs_qkv[packed(b * LENGTH + s, 1u, head) + c];
    }
  } else if (part == 1u) {
    for (var s = t; s < LENGTH; s++) {
      acc += inputs_dscores[scores + s * LENGTH + t] * inputs_qkv[packed(b * LENGTH + s, 0u, head) + c];
    }
  } else {
    for (var s = t; s < LENGTH; s++) {
      acc += inputs_probs[scores + s * LENGTH + t] * inputs_dout[(b * LENGTH + s) * WIDTH + head * dh + c];
    }
  }
  inputs_dqkv[index] = acc;
}
