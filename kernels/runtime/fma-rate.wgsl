// Two micro-kernels that measure this device's roofline constants (Williams, Waterman and
// Patterson, CACM 2009): this one the arithmetic rate of FMA-bound work, stream-copy.wgsl the
// bandwidth of a streaming read/write. Timed by kernels/runtime/device-constants.ts.

override ITERATIONS: u32 = 256u;

@group(0) @binding(0) var<storage, read_write> sink: array<f32>;

// Four independent chains of fused multiply-adds per invocation, so the arithmetic units,
// not one chain's latency, bound the rate: 4 chains × ITERATIONS × 2 FLOPs per invocation.
// The result is stored, so the compiler cannot drop the loop.
@compute @workgroup_size(64)
fn fma_rate(@builtin(global_invocation_id) id: vec3<u32>) {
  let seed = f32(id.x) * 1e-7;
  var a = seed;
  var b = seed + 0.25;
  var c = seed + 0.5;
  var d = seed + 0.75;
  for (var i = 0u; i < ITERATIONS; i = i + 1u) {
    a = fma(a, 0.9999, 1e-4);
    b = fma(b, 0.9999, 1e-4);
    c = fma(c, 0.9999, 1e-4);
    d = fma(d, 0.9999, 1e-4);
  }
  sink[id.x] = a + b + c + d;
}
