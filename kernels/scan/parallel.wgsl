// The same recurrence as a parallel scan in O(log T) depth. Each step is the affine
// map f_t(h) = a_t h + b_t, and composing maps is associative:
//   f_2 ∘ f_1 = (a_1 a_2, a_2 b_1 + b_2),
// so an inclusive scan of the maps gives F_t = f_t ∘ … ∘ f_1, and h_t = F_t(0) = B_t.
// scan_blocks scans each block of BLOCK maps in workgroup memory (Hillis–Steele)
// and writes each block's total; the host scans the totals the same way, one level
// up, and scan_apply folds each block's prefix back into its elements.
// Arrays are channel-major; the grid is (blocks, channels).

struct Params {
  length: u32,
  channels: u32,
  blocks: u32,
}

override BLOCK: u32 = 128u;

@group(0) @binding(0) var<storage, read_write> a: array<f32>;
@group(0) @binding(1) var<storage, read_write> b: array<f32>;
@group(0) @binding(2) var<storage, read_write> total_a: array<f32>;
@group(0) @binding(3) var<storage, read_write> total_b: array<f32>;
@group(0) @binding(4) var<uniform> params: Params;

var<workgroup> block_a: array<f32, BLOCK>;
var<workgroup> block_b: array<f32, BLOCK>;

@compute @workgroup_size(BLOCK)
fn scan_blocks(@builtin(workgroup_id) group: vec3<u32>, @builtin(local_invocation_index) local: u32) {
  let channel = group.y;
  let t = group.x * BLOCK + local;
  let index = channel * params.length + t;
  let inside = t < params.length;
  // Padding is the identity map (1, 0).
  var my_a = 1.0;
  var my_b = 0.0;
  if (inside) {
    my_a = a[index];
    my_b = b[index];
  }
  block_a[local] = my_a;
  block_b[local] = my_b;
  workgroupBarrier();
  for (var offset = 1u; offset < BLOCK; offset *= 2u) {
    var left_a = 1.0;
    var left_b = 0.0;
    if (local >= offset) {
      left_a = block_a[local - offset];
      left_b = block_b[local - offset];
    }
    workgroupBarrier();
    // (this) ∘ (left): apply the earlier maps first.
    my_b = my_a * left_b + my_b;
    my_a = my_a * left_a;
    block_a[local] = my_a;
    block_b[local] = my_b;
    workgroupBarrier();
  }
  if (inside) {
    a[index] = my_a;
    b[index] = my_b;
  }
  if (local == BLOCK - 1u) {
    total_a[channel * params.blocks + group.x] = my_a;
    total_b[channel * params.blocks + group.x] = my_b;
  }
}

@compute @workgroup_size(BLOCK)
fn scan_apply(@builtin(workgroup_id) group: vec3<u32>, @builtin(local_invocation_index) local: u32) {
  let channel = group.y;
  let t = group.x * BLOCK + local;
  if (group.x == 0u || t >= params.length) {
    return;
  }
  // The scanned totals hold, for each block, the composition of every block up to it.
  let prefix = channel * params.blocks + group.x - 1u;
  let prefix_a = total_a[prefix];
  let prefix_b = total_b[prefix];
  let index = channel * params.length + t;
  let my_a = a[index];
  b[index] = my_a * prefix_b + b[index];
  a[index] = my_a * prefix_a;
}
