// The memory-bandwidth micro-kernel of this device's roofline constants (Williams, Waterman
// and Patterson, CACM 2009); fma-rate.wgsl measures the arithmetic rate. Timed by
// kernels/runtime/device-constants.ts.

@group(0) @binding(0) var<storage, read> source: array<vec4<f32>>;
@group(0) @binding(1) var<storage, read_write> destination: array<vec4<f32>>;

// One read and one write of 16 bytes per invocation: no arithmetic worth counting.
@compute @workgroup_size(64)
fn stream_copy(@builtin(global_invocation_id) id: vec3<u32>) {
  if (id.x < arrayLength(&destination)) {
    destination[id.x] = source[id.x];
  }
}
