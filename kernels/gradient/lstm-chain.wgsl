// Sizes of ∂c_T/∂c_{T−k} through an LSTM cell, k = 1 … K: the top-left d×d block of the
// product of the cell's per-step state Jacobians, J_T J_{T−1} ⋯ J_{T−k+1}, each 2d×2d
// (state (c, h); built from the forward pass, see reference.ts). As in jacobian.wgsl the
// running product is renormalised every step so it never underflows in f32:
// `product` holds U_k = (U_{k−1} / n_{k−1}) · M_k, and the norm pass writes
// n_k = ‖U_k‖_F to norms[2k] and the block's ‖·‖_F to norms[2k + 1].

struct Step {
  k: u32,
  // D = 2d: rows and columns of each Jacobian; the block is its top-left d×d (the cell state).
  size: u32,
  steps: u32,
}

override WORKGROUP_SIZE: u32 = 64u;

@group(0) @binding(0) var<storage, read> jacobians: array<f32>;
@group(0) @binding(1) var<storage, read> previous: array<f32>;
@group(0) @binding(2) var<storage, read_write> product: array<f32>;
@group(0) @binding(3) var<storage, read_write> norms: array<f32>;
@group(0) @binding(4) var<uniform> step: Step;

@compute @workgroup_size(WORKGROUP_SIZE)
fn chain_product(@builtin(global_invocation_id) id: vec3<u32>) {
  let size = step.size;
  let index = id.x;
  if (index >= size * size) {
    return;
  }
  let i = index / size;
  let j = index % size;
  let offset = (step.k - 1u) * size * size;
  // A product that reached exactly zero stays zero: 1/0 would make 0·∞ = NaN.
  let previous_norm = norms[2u * (step.k - 1u)];
  let inverse_norm = select(0.0, 1.0 / previous_norm, previous_norm > 0.0);
  var sum = 0.0;
  for (var m = 0u; m < size; m++) {
    sum += previous[i * size + m] * jacobians[offset + m * size + j];
  }
  product[index] = sum * inverse_norm;
}

var<workgroup> partial_all: array<f32, WORKGROUP_SIZE>;
var<workgroup> partial_block: array<f32, WORKGROUP_SIZE>;

@compute @workgroup_size(WORKGROUP_SIZE)
fn chain_norms(@builtin(local_invocation_index) local: u32) {
  let size = step.size;
  let block = size / 2u;
  var all = 0.0;
  var in_block = 0.0;
  for (var index = local; index < size * size; index += WORKGROUP_SIZE) {
    let square = product[index] * product[index];
    all += square;
    if (index / size < block && index % size < block) {
      in_block += square;
    }
  }
  partial_all[local] = all;
  partial_block[local] = in_block;
  workgroupBarrier();
  for (var stride = WORKGROUP_SIZE / 2u; stride > 0u; stride /= 2u) {
    if (local < stride) {
      partial_all[local] += partial_all[local + stride];
      partial_block[local] += partial_block[local + stride];
    }
    workgroupBarrier();
  }
  if (local == 0u) {
    norms[2u * step.k] = sqrt(partial_all[0]);
    norms[2u * step.k + 1u] = sqrt(partial_block[0]);
  }
}
