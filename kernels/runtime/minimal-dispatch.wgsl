// The smallest dispatch that does real work: one invocation adds one to one number.
// Timing many of these measures what a dispatch costs on this device, apart from arithmetic.
@group(0) @binding(0) var<storage, read_write> counter: array<u32>;

@compute @workgroup_size(1)
fn minimal_dispatch() {
  counter[0] = counter[0] + 1u;
}
