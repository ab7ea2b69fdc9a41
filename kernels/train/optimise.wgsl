// Softmax cross-entropy on the answer positions, and the Adam update.

override ROWS: u32 = 1u;
override CLASSES: u32 = 1u;
// 1 / (number of answer positions in the batch): the loss is their mean.
override INVERSE_COUNT: f32 = 1.0;
override PARAMETERS: u32 = 1u;
const WORKGROUP = 64u;

fn flat_index(workgroup: vec3<u32>, groups: vec3<u32>, local: u32) -> u32 {
  return (workgroup.x + workgroup.y * groups.x) * WORKGROUP + local;
}

@group(0) @binding(0) var<storage, read> loss_logits: array<f32>;
@group(0) @binding(1) var<storage, read> loss_targets: array<i32>;
@group(0) @binding(2) var<storage, read_write> loss_dlogits: array<f32>;
// Per row: the loss and 1 if the argmax is the target (0 where there is no target).
@group(0) @binding(3) var<storage, read_write> loss_rows: array<f32>;

@compute @workgroup_size(WORKGROUP)
fn cross_entropy(@builtin(workgroup_id) wid: vec3<u32>, @builtin(num_workgroups) groups: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let m = flat_index(wid, groups, lid);
  if (m >= ROWS) {
    return;
  }
  let target_class = loss_targets[m];
  let base = m * CLASSES;
  if (target_class < 0i) {
    for (var k = 0u; k < CLASSES; k++) {
      loss_dlogits[base + k] = 0.0;
    }
    loss_rows[2u * m] = 0.0;
    loss_rows[2u * m + 1u] = 0.0;
    return;
  }
  var max_logit = loss_logits[base];
  var best = 0u;
  for (var k = 1u; k < CLASSES; k++) {
    if (loss_logits[base + k] > max_logit) {
      max_logit = loss_logits[base + k];
      best = k;
    }
  }
  var sum = 0.0;
  for (var k = 0u; k < CLASSES; k++) {
    sum += exp(loss_logits[base + k] - max_logit);
  }
  let answer = u32(target_class);
  for (var k = 0u; k < CLASSES; k++) {
    var grad = exp(loss_logits[base + k] - max_logit) / sum;
    if (k == answer) {
      grad -= 1.0;
    }
    loss_dlogits[base + k] = grad * INVERSE_COUNT;
  }
  loss_rows[2u * m] = log(sum) + max_logit - loss_logits[base + answer];
  loss_rows[2u * m + 1u] = select(0.0, 1.0, best == answer);
}

struct AdamStep {
  learning_rate: f32,
  beta1: f32,
  beta2: f32,
  epsilon: f32,
  // 1 − β₁ᵗ and 1 − β₂ᵗ, computed on the host in float64 for this step.
  correction1: f32,
  correction2: f32,
}

@group(0) @binding(0) var<storage, read_write> adam_params: array<f32>;
@group(0) @binding(1) var<storage, read> adam_grads: array<f32>;
@group(0) @binding(2) var<storage, read_write> adam_m: array<f32>;
@group(0) @binding(3) var<storage, read_write> adam_v: array<f32>;
@group(0) @binding(4) var<uniform> adam_step: AdamStep;

@compute @workgroup_size(WORKGROUP)
fn adam(@builtin(workgroup_id) wid: vec3<u32>, @builtin(num_workgroups) groups: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let i = flat_index(wid, groups, lid);
  if (i >= PARAMETERS) {
    return;
  }
  let g = adam_grads[i];
  let m = adam_step.beta1 * adam_m[i] + (1.0 - adam_step.beta1) * g;
  let v = adam_step.beta2 * adam_v[i] + (1.0 - adam_step.beta2) * g * g;
  adam_m[i] = m;
  adam_v[i] = v;
  adam_params[i] -= adam_step.learning_rate * (m / adam_step.correction1) / (sqrt(v / adam_step.correction2) + adam_step.epsilon);
}
