// The shared input layer, x[b, t] = E[token] + S[previous token] + P[t], and the
// gradients of the two tables. The previous token at t = 0 is the start row VOCAB of S.

override BATCH: u32;
override LENGTH: u32;
override VOCAB: u32;
override WIDTH: u32;
const WORKGROUP = 64u;

fn flat_index(workgroup: vec3<u32>, groups: vec3<u32>, local: u32) -> u32 {
  return (workgroup.x + workgroup.y * groups.x) * WORKGROUP + local;
}

fn previous_token(t: u32, token_before: i32) -> u32 {
  if (t == 0u) {
    return VOCAB;
  }
  return u32(token_before);
}

@group(0) @binding(0) var<storage, read> forward_tokens: array<i32>;
@group(0) @binding(1) var<storage, read> forward_embed: array<f32>;
@group(0) @binding(2) var<storage, read> forward_shift: array<f32>;
@group(0) @binding(3) var<storage, read> forward_positions: array<f32>;
@group(0) @binding(4) var<storage, read_write> forward_x: array<f32>;

@compute @workgroup_size(WORKGROUP)
fn embed_forward(@builtin(workgroup_id) wid: vec3<u32>, @builtin(num_workgroups) groups: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let index = flat_index(wid, groups, lid);
  if (index >= BATCH * LENGTH * WIDTH) {
    return;
  }
  let row = index / WIDTH;
  let c = index % WIDTH;
  let t = row % LENGTH;
  let token = u32(forward_tokens[row]);
  var before = 0i;
  if (t > 0u) {
    before = forward_tokens[row - 1u];
  }
  let prev = previous_token(t, before);
  forward_x[index] = forward_embed[token * WIDTH + c] + forward_shift[prev * WIDTH + c] + forward_positions[t * WIDTH + c];
}

@group(0) @binding(0) var<storage, read> backward_tokens: array<i32>;
@group(0) @binding(1) var<storage, read> backward_dx: array<f32>;
@group(0) @binding(2) var<storage, read_write> backward_dembed: array<f32>;
@group(0) @binding(3) var<storage, read_write> backward_dshift: array<f32>;

// One invocation per (table row v, column c) gathers every position that used row v:
// a scatter-add written as a gather, so no two invocations write the same number.
@compute @workgroup_size(WORKGROUP)
fn embed_backward(@builtin(workgroup_id) wid: vec3<u32>, @builtin(num_workgroups) groups: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let index = flat_index(wid, groups, lid);
  if (index >= (VOCAB + 1u) * WIDTH) {
    return;
  }
  let v = index / WIDTH;
  let c = index % WIDTH;
  var d_embed = 0.0;
  var d_shift = 0.0;
  for (var row = 0u; row < BATCH * LENGTH; row++) {
    let t = row % LENGTH;
    var before = 0i;
    if (t > 0u) {
      before = backward_tokens[row - 1u];
    }
    let g = backward_dx[row * WIDTH + c];
    if (u32(backward_tokens[row]) == v) {
      d_embed += g;
    }
    if (previous_token(t, before) == v) {
      d_shift += g;
    }
  }
  if (v < VOCAB) {
    backward_dembed[index] = d_embed;
  }
  backward_dshift[index] = d_shift;
}
