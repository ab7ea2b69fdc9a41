/** Host code for the linear recurrence: a sequential loop, a multi-level parallel scan, and a chunked scan. */
import sequentialSource from './sequential.wgsl?raw';
import parallelSource from './parallel.wgsl?raw';
import chunkedSource from './chunked.wgsl?raw';
import { chunkedScanReference, linearRecurrenceReference, planChunkedScan, type ChunkedScanPlan, type ScanShape } from './reference';
import {
  bindGroup,
  parallelLanes,
  workgroupGrid,
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

export type ScanVariant = 'sequential' | 'parallel' | 'chunked';

export const SCAN_SOURCES: Record<ScanVariant, string> = { sequential: sequentialSource, parallel: parallelSource, chunked: chunkedSource };

export interface ScanOptions {
  /** The chunked scan's plan; by default planChunkedScan for this adapter (scanPlanFor). */
  plan?: ChunkedScanPlan;
  /** Caps the grid's width below the device's, to exercise the 2-D split in tests. */
  maxWorkgroupsPerDimension?: number;
}

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
  options: ScanOptions = {},
): Promise<PreparedKernel> {
  if (variant === 'chunked') return prepareChunkedScan(runtime, scope, options.plan ?? scanPlanFor(runtime, shape), buffers, options);
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

const CHUNKED_WORKGROUP = 64;

/** The chunked scan's plan on this runtime's adapter (its lanes estimated by parallelLanes). */
export function scanPlanFor(runtime: GpuRuntime, shape: ScanShape): ChunkedScanPlan {
  return planChunkedScan(shape, parallelLanes(runtime.adapter));
}

/**
 * Reduce, carry, apply: per level, one dispatch folds the chunks into totals, the
 * totals' own recurrence is solved one level down (the loop at the base), and one
 * dispatch replays each chunk from its carry. No barriers and no copies.
 */
async function prepareChunkedScan(
  runtime: GpuRuntime,
  scope: ResourceScope,
  plan: ChunkedScanPlan,
  buffers: ScanBuffers,
  options: ScanOptions,
  depth = 0,
): Promise<PreparedKernel> {
  const level = plan.levels[depth];
  const channels = plan.channels;
  if (!level) return prepareScan(runtime, scope, 'sequential', { length: plan.baseLength, channels }, buffers);
  const constants = { WORKGROUP_SIZE: CHUNKED_WORKGROUP, CHUNK: level.chunk };
  const [reducePipeline, applyPipeline] = await Promise.all([
    runtime.pipeline({ label: 'scan/chunked/reduce', code: chunkedSource, entryPoint: 'scan_reduce', constants }),
    runtime.pipeline({ label: 'scan/chunked/apply', code: chunkedSource, entryPoint: 'scan_apply', constants }),
  ]);
  const totals = (level.chunks - 1) * channels;
  const inner: ScanBuffers = {
    a: scope.output(`scan/chunked/level${depth}/total-a`, totals),
    b: scope.output(`scan/chunked/level${depth}/total-b`, totals),
    h: scope.output(`scan/chunked/level${depth}/carry`, totals),
  };
  const innerKernel = await prepareChunkedScan(runtime, scope, plan, inner, options, depth + 1);
  const max = options.maxWorkgroupsPerDimension ?? runtime.limits.maxComputeWorkgroupsPerDimension;
  const gridFor = (invocations: number) => workgroupGrid(Math.ceil(invocations / CHUNKED_WORKGROUP), max);
  const reduceGrid = gridFor(totals);
  const applyGrid = gridFor(level.chunks * channels);
  const paramsFor = (grid: [number, number, number], name: string) =>
    scope.uniform(
      `scan/chunked/level${depth}/${name}-params`,
      packUniform([
        ['u32', level.length],
        ['u32', channels],
        ['u32', level.chunks],
        ['u32', grid[0] * CHUNKED_WORKGROUP],
      ]),
    );
  const reduceGroup = runtime.device.createBindGroup({
    label: `scan/chunked/level${depth}/reduce`,
    layout: reducePipeline.getBindGroupLayout(0),
    entries: [buffers.a, buffers.b, paramsFor(reduceGrid, 'reduce'), inner.a, inner.b].map((buffer, binding) => ({ binding, resource: { buffer } })),
  });
  const applyBuffers: Array<[number, GPUBuffer]> = [
    [0, buffers.a],
    [1, buffers.b],
    [2, paramsFor(applyGrid, 'apply')],
    [5, inner.h],
    [6, buffers.h],
  ];
  const applyGroup = runtime.device.createBindGroup({
    label: `scan/chunked/level${depth}/apply`,
    layout: applyPipeline.getBindGroupLayout(0),
    entries: applyBuffers.map(([binding, buffer]) => ({ binding, resource: { buffer } })),
  });
  return {
    encode(encoder, pass) {
      encodeDispatch(encoder, pass, `scan/chunked/level${depth}/reduce`, reducePipeline, reduceGroup, reduceGrid);
      innerKernel.encode(encoder, pass);
      encodeDispatch(encoder, pass, `scan/chunked/level${depth}/apply`, applyPipeline, applyGroup, applyGrid);
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
  { variant = 'parallel', signal, ...options }: { variant?: ScanVariant; signal?: AbortSignal } & ScanOptions = {},
): Promise<KernelResult<Float32Array>> {
  return runKernel(backend, `scan/${variant}`, {
    signal,
    // The CPU path of the chunked scan follows a plan for a two-core CPU unless given one.
    cpu: () => (variant === 'chunked' ? chunkedScanReference(a, b, options.plan ?? planChunkedScan(shape, 8)) : linearRecurrenceReference(a, b, shape)),
    prepare: async (runtime, scope) => {
      const buffers = uploadScan(scope, a, b, shape);
      return { kernel: await prepareScan(runtime, scope, variant, shape, buffers, options), output: buffers.h };
    },
  });
}
