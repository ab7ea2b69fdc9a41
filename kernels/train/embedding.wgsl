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

// For each table, the rows that used each token: VOCAB + 2 offsets, then the BATCH·LENGTH row
// numbers grouped by token (a CSR index the host builds per batch). First for E, then for S.
@group(0) @binding(0) var<storage, read> backward_index: array<u32>;
@group(0) @binding(1) var<storage, read> backward_dx: array<f32>;
@group(0) @binding(2) var<storage, read_write> backward_dembed: array<f32>;
@group(0) @binding(3) var<storage, read_write> backward_dshift: array<f32>;

fn gather_rows(table: u32, v: u32, c: u32) -> f32 {
  let base = table * (VOCAB + 2u + BATCH * LENGTH);
  var acc = 0.0;
  for (var k = backward_index[base + v]; k < backward_index[base + v + 1u]; k++) {
    acc += backward_dx[backward_index[base + VOCAB + 2u + k] * WIDTH + c];
  }
  return acc;
}

// One invocation per (table row v, column c) sums the rows that used token v: a scatter-add
// written as a gather, so no two invocations write the same number and no float atomics are needed.
@compute @workgroup_size(WORKGROUP)
fn embed_backward(@builtin(workgroup_id) wid: vec3<u32>, @builtin(num_workgroups) groups: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let index = flat_index(wid, groups, lid);
  if (index >= (VOCAB + 1u) * WIDTH) {
    return;
  }
  let v = index / WIDTH;
  let c = index % WIDTH;
  if (v < VOCAB) {
    backward_dembed[index] = gather_rows(0u, v, c);
  }
  backward_dshift[index] = gather_rows(1u, v, c);
}
