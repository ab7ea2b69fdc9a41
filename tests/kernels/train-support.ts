/** Shapes and checks shared by the CPU and WebGPU tests of kernels/train. */
import { compareArrays, formatMismatches, type Tolerance } from '../../kernels/runtime/compare';
import type { ModelLayout } from '../../kernels/train/models';
import type { RecallTask } from '../../kernels/train/task';

export interface AwkwardShape {
  name: string;
  task: RecallTask;
  batch: number;
  lstmWidth: number;
  attentionWidth: number;
  heads: number;
}

/** Widths and lengths that are not multiples of the 64-wide workgroups, odd head widths, a single sequence. */
export const AWKWARD_SHAPES: AwkwardShape[] = [
  { name: 'B3-N5-Q3-h7-d9-3heads', task: { pairs: 5, queries: 3, keys: 6, values: 5 }, batch: 3, lstmWidth: 7, attentionWidth: 9, heads: 3 },
  { name: 'B1-N1-Q1-h1-d2', task: { pairs: 1, queries: 1, keys: 2, values: 2 }, batch: 1, lstmWidth: 1, attentionWidth: 2, heads: 1 },
  { name: 'B2-N33-Q5-h65-d66-2heads', task: { pairs: 33, queries: 5, keys: 40, values: 7 }, batch: 2, lstmWidth: 65, attentionWidth: 66, heads: 2 },
];

/** Compares two flat gradients tensor by tensor; returns one message per tensor outside the tolerance. */
export function compareGradients(layout: ModelLayout, expected: ArrayLike<number>, actual: ArrayLike<number>, tolerance: Tolerance): string[] {
  const failures: string[] = [];
  for (const [name, slot] of Object.entries(layout.tensors)) {
    const pick = (values: ArrayLike<number>) => Array.from({ length: slot.size }, (_, i) => values[slot.offset + i]!);
    const comparison = compareArrays(pick(expected), pick(actual), tolerance);
    if (!comparison.passed) failures.push(formatMismatches(`${layout.shape.kind}/${name}`, comparison));
  }
  return failures;
}

/** A unit vector along `values`, for a directional finite difference. */
export function unitAlong(values: ArrayLike<number>): Float64Array {
  let squares = 0;
  for (let i = 0; i < values.length; i++) squares += values[i]! ** 2;
  const norm = Math.sqrt(squares);
  return Float64Array.from(values, (value) => value / norm);
}
