/**
 * Compares a kernel's output with its reference under a stated tolerance:
 * element i passes when |actual − expected| ≤ abs + rel·|expected|.
 */
export interface Tolerance {
  abs: number;
  rel: number;
}

export interface Mismatch {
  index: number;
  expected: number;
  actual: number;
  error: number;
}

export interface Comparison {
  passed: boolean;
  count: number;
  maxAbsError: number;
  tolerance: Tolerance;
  /** The first mismatching elements, in index order (at most 10). */
  mismatches: Mismatch[];
  mismatchCount: number;
}

export function compareArrays(expected: ArrayLike<number>, actual: ArrayLike<number>, tolerance: Tolerance): Comparison {
  const mismatches: Mismatch[] = [];
  let mismatchCount = 0;
  let maxAbsError = 0;
  if (expected.length !== actual.length) {
    return {
      passed: false,
      count: expected.length,
      maxAbsError: Infinity,
      tolerance,
      mismatches: [{ index: -1, expected: expected.length, actual: actual.length, error: Infinity }],
      mismatchCount: 1,
    };
  }
  for (let i = 0; i < expected.length; i++) {
    const want = expected[i]!;
    const got = actual[i]!;
    const error = Math.abs(got - want);
    // NaN never passes, whatever the tolerance.
    const ok = error <= tolerance.abs + tolerance.rel * Math.abs(want);
    if (Number.isNaN(error) || error > maxAbsError) maxAbsError = Number.isNaN(error) ? Infinity : error;
    if (!ok) {
      mismatchCount++;
      if (mismatches.length < 10) mismatches.push({ index: i, expected: want, actual: got, error });
    }
  }
  return { passed: mismatchCount === 0, count: expected.length, maxAbsError, tolerance, mismatches, mismatchCount };
}

/** A plain-text table of the first mismatches, for test failure messages. */
export function formatMismatches(name: string, comparison: Comparison): string {
  const header = `${name}: ${comparison.mismatchCount} of ${comparison.count} elements outside |Δ| ≤ ${comparison.tolerance.abs} + ${comparison.tolerance.rel}·|expected| (max |Δ| ${comparison.maxAbsError.toExponential(3)})`;
  const rows = comparison.mismatches.map(
    (m) =>
      `  ${String(m.index).padStart(8)}  ${m.expected.toPrecision(8).padStart(16)}  ${m.actual.toPrecision(8).padStart(16)}  ${m.error.toExponential(3).padStart(11)}`,
  );
  return [header, `  ${'index'.padStart(8)}  ${'expected'.padStart(16)}  ${'actual'.padStart(16)}  ${'|Δ|'.padStart(11)}`, ...rows].join('\n');
}
