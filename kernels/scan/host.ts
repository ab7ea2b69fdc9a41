/** Host code for the linear recurrence: a sequential loop, and a multi-level parallel scan. */
import sequentialSource from './sequential.wgsl?raw';
import parallelSource from './parallel.wgsl?raw';
import { linearRecurrenceReference, type ScanShape } from './reference';
import {
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

export type ScanVariant = 'sequential' | 'parallel';

export const SCAN_SOURCES: Record<ScanVariant, string> = { sequential: sequentialSource, parallel: parallelSource };

const SEQUENTIAL_WORKGROUP = 64;
const BLOCK = 128;

export interface ScanBuffers {
  a: GPUBuffer;
  b: GPUBuffer;
  h: GPUBuffer;
}

export async function prepareScan(
  runtime: GpuRuntime,
  scope: ResourceScope,
  variant: ScanVariant,
  shape: ScanShape,
  buffers: ScanBuffers,
): Promise<PreparedKernel> {
  const max = runtime.limits.maxComputeWorkgroupsPerDimension;
  if (shape.channels > max * (variant === 'sequential' ? SEQUENTIAL_WORKGROUP : 1)) {
    throw limitTooSmall({ limit: 'maxComputeWorkgroupsPerDimension', required: shape.channels, available: max });
  }
  if (variant === 'sequential') {
    const pipeline = await runtime.pipeline({
      label: 'scan/sequential',
      code: sequentialSource,
      entryPoint: 'scan_sequential',
      constants: { WORKGROUP_SIZE: SEQUENTIAL_WORKGROUP },
    });
    const params = scope.uniform(
      'scan/sequential/params',
      packUniform([
        ['u32', shape.length],
        ['u32', shape.channels],
      ]),
    );
    const group = bindGroup(runtime, 'scan/sequential/bindings', pipeline, [buffers.a, buffers.b, buffers.h, params]);
    const grid: [number, number, number] = [Math.ceil(shape.channels / SEQUENTIAL_WORKGROUP), 1, 1];
    return { encode: (encoder, pass) => encodeDispatch(encoder, pass, 'scan/sequential', pipeline, group, grid) };
  }

  const constants = { BLOCK };
  const [blocksPipeline, applyPipeline] = await Promise.all([
    runtime.pipeline({ label: 'scan/blocks', code: parallelSource, entryPoint: 'scan_blocks', constants }),
    runtime.pipeline({ label: 'scan/apply', code: parallelSource, entryPoint: 'scan_apply', constants }),
  ]);
  // Level 0 works on copies of a and b (the scan runs in place); each level up holds one total per block.
  const bytes = shape.length * shape.channels * 4;
  const levels: Array<{ length: number; blocks: number; a: GPUBuffer; b: GPUBuffer }> = [];
  let length = shape.length;
  let a = scope.output('scan/level0/a', shape.length * shape.channels);
  let b = scope.output('scan/level0/b', shape.length * shape.channels);
  for (let level = 0; ; level++) {
    const blocks = Math.ceil(length / BLOCK);
    if (blocks > max) throw limitTooSmall({ limit: 'maxComputeWorkgroupsPerDimension', required: blocks, available: max });
    levels.push({ length, blocks, a, b });
    if (blocks === 1) break;
    length = blocks;
    a = scope.output(`scan/level${level + 1}/a`, length * shape.channels);
    b = scope.output(`scan/level${level + 1}/b`, length * shape.channels);
  }
  // The top level's totals are never read, but the shader writes them somewhere.
  const topTotals = { a: scope.output('scan/top-totals/a', shape.channels), b: scope.output('scan/top-totals/b', shape.channels) };
  const dispatches = levels.map((level, index) => {
    const totals = levels[index + 1] ?? topTotals;
    const params = scope.uniform(
      `scan/level${index}/params`,
      packUniform([
        ['u32', level.length],
        ['u32', shape.channels],
        ['u32', level.blocks],
      ]),
    );
    const entries = [level.a, level.b, totals.a, totals.b, params];
    return {
      grid: [level.blocks, shape.channels, 1] as [number, number, number],
      blocks: bindGroup(runtime, `scan/level${index}/blocks`, blocksPipeline, entries),
      apply: bindGroup(runtime, `scan/level${index}/apply`, applyPipeline, entries),
    };
  });
  return {
    encode(encoder, pass) {
      encoder.copyBufferToBuffer(buffers.a, 0, levels[0]!.a, 0, bytes);
      encoder.copyBufferToBuffer(buffers.b, 0, levels[0]!.b, 0, bytes);
      for (const [index, dispatch] of dispatches.entries()) {
        encodeDispatch(encoder, pass, `scan/level${index}/blocks`, blocksPipeline, dispatch.blocks, dispatch.grid);
      }
      for (let index = dispatches.length - 2; index >= 0; index--) {
        const dispatch = dispatches[index]!;
        encodeDispatch(encoder, pass, `scan/level${index}/apply`, applyPipeline, dispatch.apply, dispatch.grid);
      }
      encoder.copyBufferToBuffer(levels[0]!.b, 0, buffers.h, 0, bytes);
    },
  };
}

export function uploadScan(scope: ResourceScope, a: Float32Array, b: Float32Array, shape: ScanShape): ScanBuffers {
  return { a: scope.storage('scan/a', a), b: scope.storage('scan/b', b), h: scope.output('scan/h', shape.length * shape.channels) };
}

/** h_t = a_t · h_{t−1} + b_t on either backend; channel-major arrays. */
export async function linearRecurrence(
  backend: Backend,
  a: Float32Array,
  b: Float32Array,
  shape: ScanShape,
  { variant = 'parallel', signal }: { variant?: ScanVariant; signal?: AbortSignal } = {},
): Promise<KernelResult<Float32Array>> {
  return runKernel(backend, `scan/${variant}`, {
    signal,
    cpu: () => linearRecurrenceReference(a, b, shape),
    prepare: async (runtime, scope) => {
      const buffers = uploadScan(scope, a, b, shape);
      return { kernel: await prepareScan(runtime, scope, variant, shape, buffers), output: buffers.h };
    },
  });
}
