/**
 * This device's memory wall for materialised attention: the largest T whose T×T scores fit in one
 * buffer (or, on the CPU path, one array), and the run that reaches it. Light, so the definition
 * can offer the run without loading the summary.
 */
import { largestMaterialisedSequence, largestSequenceForScores } from '../../../kernels/attention/cost';
import type { DeviceConstants } from '../../../kernels/runtime/device-constants';
import { CPU_LARGEST_ARRAY_BYTES } from '../shared/sweep-steps';

/** The longest sequence the experiment offers. */
export const MAX_T = 65536;
/** The CPU path's longest (`cpuMax`): its row-by-row reference at T = 8,192 would take minutes per point. */
export const CPU_MAX_T = 4096;

/** The preset that runs to the wall, as the definition offers it and the summary names it. */
export const WALL_PRESET_LABEL = (maxT: number) => `Run up to the memory wall (T = ${maxT.toLocaleString('en-US')})`;

/** The largest T whose T×T scores this device holds in one buffer (or the CPU path in one array). */
export function memoryWall(constants: DeviceConstants | undefined): number | undefined {
  if (!constants) return undefined;
  if (constants.kind === 'cpu') return largestSequenceForScores(CPU_LARGEST_ARRAY_BYTES);
  return largestMaterialisedSequence(constants);
}

/**
 * The longest T of a sweep that meets the wall: the first power of two past it, where materialised
 * attention is refused and tiled attention carries on. Undefined where that is beyond what the
 * experiment offers on this path (the CPU path's cap sits far below its wall).
 */
export function wallRunLength(constants: DeviceConstants | undefined): number | undefined {
  const wall = memoryWall(constants);
  if (wall === undefined) return undefined;
  const length = 2 ** Math.ceil(Math.log2(wall + 1));
  return length <= (constants?.kind === 'cpu' ? CPU_MAX_T : MAX_T) ? length : undefined;
}
