// Norms of ∂h_T/∂h_{T−k} for a tanh RNN, k = 1 … K. The Jacobian of one step is
// J_t = diag(1 − h_t²) W_hh, and ∂h_T/∂h_{T−k} = J_T J_{T−1} … J_{T−k+1}.
// The running product is renormalised every step, so it never underflows in f32:
// `product` holds U_k = (U_{k−1} / n_{k−1}) · J_{T−k+1}, and n_k = ‖U_k‖ is written
// to `norms[k]`. Then ‖∂h_T/∂h_{T−k}‖ = n_1 · n_2 ⋯ n_k (Frobenius norm).

struct Step {
  k: u32,
  hidden: u32,
  steps: u32,
}

override WORKGROUP_SIZE: u32 = 64u;

@group(0) @binding(0) var<storage, read> w_hh: array<f32>;
@group(0) @binding(1) var<storage, read> states: array<f32>;
@group(0) @binding(2) var<storage, read> previous: array<f32>;
@group(0) @binding(3) var<storage, read_write> product: array<f32>;
@group(0) @binding(4) var<storage, read_write> norms: array<f32>;
@group(0) @binding(5) var<uniform> step: Step;

@compute @workgroup_size(WORKGROUP_SIZE)
fn jacobian_product(@builtin(global_invocation_id) id: vec3<u32>) {
  let d = step.hidden;
  let index = id.x;
  if (index >= d * d) {
    return;
  }
  let i = index / d;
  let j = index % d;
  // h_{T−k+1}: the state whose tanh derivative scales this step's Jacobian.
  let h = (step.steps - step.k + 1u) * d;
  // A product that reached exactly zero stays zero: 1/0 would make 0·∞ = NaN.
  let previous_norm = norms[step.k - 1u];
  let inverse_norm = select(0.0, 1.0 / previous_norm, previous_norm > 0.0);
  var sum = 0.0;
  for (var m = 0u; m < d; m++) {
    let h_m = states[h + m];
    sum += previous[i * d + m] * (1.0 - h_m * h_m) * w_hh[m * d + j];
  }
  product[index] = sum * inverse_norm;
}

var<workgroup> partial: array<f32, WORKGROUP_SIZE>;

@compute @workgroup_size(WORKGROUP_SIZE)
fn frobenius_norm(@builtin(local_invocation_index) local: u32) {
  let count = step.hidden * step.hidden;
  var sum = 0.0;
  for (var i = local; i < count; i += WORKGROUP_SIZE) {
    sum += product[i] * product[i];
  }
  partial[local] = sum;
  workgroupBarrier();
  for (var stride = WORKGROUP_SIZE / 2u; stride > 0u; stride /= 2u) {
    if (local < stride) {
      partial[local] += partial[local + stride];
    }
    workgroupBarrier();
  }
  if (local == 0u) {
    norms[step.k] = sqrt(partial[0]);
  }
}
