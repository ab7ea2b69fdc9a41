/** Host code for the matmul kernels: naive; tiled with workgroup memory and register blocking; and coalesced, with 64×64 tiles read as vec4s. */
import naiveSource from './naive.wgsl?raw';
import tiledSource from './tiled.wgsl?raw';
import coalescedSource from './coalesced.wgsl?raw';
import { matmulReference, type MatmulShape } from './reference';
import {
  adapterClass,
  bindGroup,
  encodeDispatch,
  limitTooSmall,
  packUniform,
  runKernel,
  type Backend,
  type GpuRuntime,
  type KernelResult,
  type PreparedKernel,
  type ResourceScope,
} from '../runtime';

export type MatmulVariant = 'naive' | 'tiled' | 'coalesced';

export const MATMUL_SOURCES: Record<MatmulVariant, string> = { naive: naiveSource, tiled: tiledSource, coalesced: coalescedSource };
/** The coalesced kernel's tile of C per workgroup (TILE in coalesced.wgsl). */
export const COALESCED_TILE = 64;

const NAIVE_WORKGROUP = 8;
const TILED_WORKGROUP_EDGE = 8;
const TILED_BLOCK = 4;
const TILED_TILE = TILED_WORKGROUP_EDGE * TILED_BLOCK;

/** Prepares C = alpha · A · op(B) on buffers that already exist. */
export async function prepareMatmul(
  runtime: GpuRuntime,
  scope: ResourceScope,
  variant: MatmulVariant,
  shape: MatmulShape,
  buffers: { a: GPUBuffer; b: GPUBuffer; c: GPUBuffer },
): Promise<PreparedKernel> {
  if (variant === 'coalesced') return prepareCoalescedMatmul(runtime, scope, shape, buffers);
  const label = `matmul/${variant}`;
  const pipeline = await runtime.pipeline({
    label,
    code: MATMUL_SOURCES[variant],
    entryPoint: variant === 'naive' ? 'matmul_naive' : 'matmul_tiled',
    constants: variant === 'naive' ? { WORKGROUP_X: NAIVE_WORKGROUP, WORKGROUP_Y: NAIVE_WORKGROUP } : { WORKGROUP_EDGE: TILED_WORKGROUP_EDGE, TILE_K: 32 },
  });
  const params = scope.uniform(
    `${label}/params`,
    packUniform([
      ['u32', shape.m],
      ['u32', shape.n],
      ['u32', shape.k],
      ['u32', shape.transposeB ? 1 : 0],
      ['f32', shape.alpha ?? 1],
    ]),
  );
  const group = bindGroup(runtime, `${label}/bindings`, pipeline, [buffers.a, buffers.b, buffers.c, params]);
  const edge = variant === 'naive' ? NAIVE_WORKGROUP : TILED_TILE;
  const grid: [number, number, number] = [Math.ceil(shape.n / edge), Math.ceil(shape.m / edge), 1];
  const max = runtime.limits.maxComputeWorkgroupsPerDimension;
  if (grid[0] > max || grid[1] > max) {
    throw limitTooSmall({ limit: 'maxComputeWorkgroupsPerDimension', required: Math.max(grid[0], grid[1]), available: max });
  }
  return { encode: (encoder, pass) => encodeDispatch(encoder, pass, label, pipeline, group, grid) };
}

async function prepareCoalescedMatmul(
  runtime: GpuRuntime,
  scope: ResourceScope,
  shape: MatmulShape,
  buffers: { a: GPUBuffer; b: GPUBuffer; c: GPUBuffer },
): Promise<PreparedKernel> {
  const label = 'matmul/coalesced';
  // Tuned per adapter class: on a CPU adapter, reads from workgroup memory cost most, so each invocation takes two row blocks.
  const rowGroups = adapterClass(runtime.adapter) === 'cpu' ? 2 : 1;
  const pipeline = await runtime.pipeline({ label, code: coalescedSource, entryPoint: 'matmul_coalesced', constants: { TILE_K: 16, ROW_GROUPS: rowGroups } });
  // The vec4 views line up with rows only when the contiguous dimensions are multiples of 4.
  const aligned = shape.k % 4 === 0 && (shape.transposeB || shape.n % 4 === 0);
  const params = scope.uniform(
    `${label}/params`,
    packUniform([
      ['u32', shape.m],
      ['u32', shape.n],
      ['u32', shape.k],
      ['u32', shape.transposeB ? 1 : 0],
      ['f32', shape.alpha ?? 1],
      ['u32', aligned ? 1 : 0],
    ]),
  );
  // Unaligned, the vec4 views are never read, but a binding needs at least one vec4.
  const unused = aligned ? undefined : scope.buffer(`${label}/unused-view`, 16, GPUBufferUsage.STORAGE, { counted: false });
  const group = bindGroup(runtime, `${label}/bindings`, pipeline, [buffers.a, buffers.b, buffers.c, params, unused ?? buffers.a, unused ?? buffers.b]);
  const grid: [number, number, number] = [Math.ceil(shape.n / COALESCED_TILE), Math.ceil(shape.m / COALESCED_TILE), 1];
  const max = runtime.limits.maxComputeWorkgroupsPerDimension;
  if (grid[0] > max || grid[1] > max) {
    throw limitTooSmall({ limit: 'maxComputeWorkgroupsPerDimension', required: Math.max(grid[0], grid[1]), available: max });
  }
  return { encode: (encoder, pass) => encodeDispatch(encoder, pass, label, pipeline, group, grid) };
}

/** C = alpha · A · op(B) on either backend. */
export async function matmul(
  backend: Backend,
  a: Float32Array,
  b: Float32Array,
  shape: MatmulShape,
  { variant = 'tiled', signal }: { variant?: MatmulVariant; signal?: AbortSignal } = {},
): Promise<KernelResult<Float32Array>> {
  return runKernel(backend, `matmul/${variant}`, {
    signal,
    cpu: () => matmulReference(a, b, shape),
    prepare: async (runtime, scope) => {
      const buffers = { a: scope.storage('matmul/a', a), b: scope.storage('matmul/b', b), c: scope.output('matmul/c', shape.m * shape.n) };
      return { kernel: await prepareMatmul(runtime, scope, variant, shape, buffers), output: buffers.c };
    },
  });
}
