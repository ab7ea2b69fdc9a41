// The linear recurrence h_t = a_t · h_{t−1} + b_t (h_0 = 0) as a chunked scan with
// no barriers: every invocation walks CHUNK steps of one channel on its own.
//   scan_reduce: each chunk folds its maps f_t(h) = a_t h + b_t into one map (A, B).
//   (host)       the chunk totals are the same recurrence, K long instead of T:
//                H_k = A_k · H_{k−1} + B_k, solved by the loop or by this scan again.
//   scan_apply:  each chunk replays h = a·h + b from the state entering it, H_{k−1}.
// Because h_0 = 0, the state entering a chunk is one number, not a map, and the last
// chunk's total is never needed, so scan_reduce skips it.
// Arrays are channel-major (element t of channel c at c·length + t); one invocation
// per (channel, chunk), linearised over a 2-D grid that may overshoot.

struct Params {
  length: u32,
  channels: u32,
  // Chunks per channel, K = ceil(length / CHUNK).
  chunks: u32,
  // Invocations per grid row (num_workgroups.x · WORKGROUP_SIZE).
  row_width: u32,
}

override WORKGROUP_SIZE: u32 = 64u;
override CHUNK: u32 = 256u;

@group(0) @binding(0) var<storage, read> a: array<f32>;
@group(0) @binding(1) var<storage, read> b: array<f32>;
@group(0) @binding(2) var<uniform> params: Params;
// scan_reduce: the totals of chunks 0 … K−2, channel-major with K−1 per channel.
@group(0) @binding(3) var<storage, read_write> total_a: array<f32>;
@group(0) @binding(4) var<storage, read_write> total_b: array<f32>;
// scan_apply: H_k for k = 0 … K−2 (the state leaving chunk k), and the output.
@group(0) @binding(5) var<storage, read> carry: array<f32>;
@group(0) @binding(6) var<storage, read_write> h: array<f32>;

@compute @workgroup_size(WORKGROUP_SIZE)
fn scan_reduce(@builtin(global_invocation_id) id: vec3<u32>) {
  let totals = params.chunks - 1u;
  let index = id.x + id.y * params.row_width;
  if (index >= totals * params.channels) {
    return;
  }
  let channel = index / totals;
  let chunk = index - channel * totals;
  // Only the last chunk can be short, and it is never reduced.
  let start = channel * params.length + chunk * CHUNK;
  var fold_a = 1.0;
  var fold_b = 0.0;
  for (var t = 0u; t < CHUNK; t++) {
    let step_a = a[start + t];
    fold_b = step_a * fold_b + b[start + t];
    fold_a = step_a * fold_a;
  }
  total_a[index] = fold_a;
  total_b[index] = fold_b;
}

@compute @workgroup_size(WORKGROUP_SIZE)
fn scan_apply(@builtin(global_invocation_id) id: vec3<u32>) {
  let index = id.x + id.y * params.row_width;
  if (index >= params.chunks * params.channels) {
    return;
  }
  let channel = index / params.chunks;
  let chunk = index - channel * params.chunks;
  var state = 0.0;
  if (chunk > 0u) {
    state = carry[channel * (params.chunks - 1u) + chunk - 1u];
  }
  let first = chunk * CHUNK;
  let count = min(CHUNK, params.length - first);
  let start = channel * params.length + first;
  for (var t = 0u; t < count; t++) {
    state = a[start + t] * state + b[start + t];
    h[start + t] = state;
  }
}
