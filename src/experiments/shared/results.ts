/**
 * Results are data first: typed rows. The plot, the table, the copy buttons and
 * the tests all read the same rows. These helpers are pure.
 */
export interface Column<Row> {
  key: keyof Row & string;
  label: string;
  /** How a value reads in the table; CSV and JSON keep the raw value. */
  format?: (value: Row[keyof Row], row: Row) => string;
  /**
   * A column that decides the result. Where a table marks some columns essential, it first shows
   * only those (and the first column), with a button for the rest, so they fit at 1280 px; CSV and
   * JSON keep every column.
   */
  essential?: boolean;
}

export function toCsv<Row>(rows: readonly Row[], columns: readonly Column<Row>[]): string {
  const escape = (value: unknown) => {
    const text = value === undefined || value === null ? '' : String(value);
    return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  return [columns.map((column) => escape(column.key)).join(','), ...rows.map((row) => columns.map((column) => escape(row[column.key])).join(','))].join('\n');
}

export function toJson<Row>(rows: readonly Row[], meta: Record<string, unknown>): string {
  return JSON.stringify({ ...meta, rows }, null, 2);
}

/** Least-squares slope of log(y) against log(x): the exponent of a power law. */
export function logLogSlope(points: ReadonlyArray<{ x: number; y: number }>): number | undefined {
  const usable = points.filter((point) => point.x > 0 && point.y > 0);
  if (usable.length < 2) return undefined;
  const xs = usable.map((point) => Math.log(point.x));
  const ys = usable.map((point) => Math.log(point.y));
  const meanX = xs.reduce((a, b) => a + b, 0) / xs.length;
  const meanY = ys.reduce((a, b) => a + b, 0) / ys.length;
  let numerator = 0;
  let denominator = 0;
  xs.forEach((x, i) => {
    numerator += (x - meanX) * (ys[i]! - meanY);
    denominator += (x - meanX) ** 2;
  });
  return denominator === 0 ? undefined : numerator / denominator;
}

/** The upper half of a sweep, by x: where growth rates show. */
export function upperHalf<T extends { x: number }>(points: readonly T[]): T[] {
  const sorted = [...points].sort((a, b) => a.x - b.x);
  return sorted.slice(Math.floor(sorted.length / 2));
}

/**
 * The first x at which series `a` stops being below series `b` (or the reverse),
 * over the x values both share, and the last x before it. Undefined if they never cross.
 */
export function crossing(a: ReadonlyMap<number, number>, b: ReadonlyMap<number, number>): { x: number; lastBefore: number; before: 'a' | 'b' } | undefined {
  const xs = [...a.keys()].filter((x) => b.has(x)).sort((p, q) => p - q);
  let previous: { x: number; aFaster: boolean } | undefined;
  for (const x of xs) {
    const aFaster = a.get(x)! < b.get(x)!;
    if (previous !== undefined && aFaster !== previous.aFaster) return { x, lastBefore: previous.x, before: previous.aFaster ? 'a' : 'b' };
    previous = { x, aFaster };
  }
  return undefined;
}
