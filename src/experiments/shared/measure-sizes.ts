/**
 * How a timing sweep steps through its sizes so that no point off its neighbours' trend becomes a
 * finding unchecked: each size's rows are held until the sizes that judge it are measured; a series
 * whose time at a size is more than 2× off its neighbours' trend on log–log axes (see `offTrend`:
 * the line through its two neighbours, or at the first and last size the line extrapolated from its
 * two nearest) is measured again, every method at that size, interleaved as before, and the new rows
 * replace the old. Rows therefore reach the page two sizes late (the first two sizes wait for the
 * fourth, which tells whether the first size's neighbours can be trusted). Re-measuring stops once it
 * has taken half as long as the sweep's own measuring. `pairFindings` then keeps a point measured
 * again that is back on its trend, or that reproduced its first time within 25% (a real effect such
 * as a memory wall); it holds back one that did neither, or that was not measured again. Pure code,
 * with the clock passed in, so tests drive it with a fake timer.
 */
import type { TimedRow } from './definition';
import { offTrend } from './ratio-interval';

/** Re-measuring may take at most this share of the time the sweep has spent measuring so far. */
export const REMEASURE_SHARE = 0.5;

/** A point more than this many times off its neighbours' trend is measured again. */
export const OFF_TREND_FACTOR = 2;

export interface MeasureSizesOptions<Row extends TimedRow> {
  /** The sizes, smallest first. */
  sizes: readonly number[];
  /** The row field that holds the size ("T", "position"). */
  key: keyof Row & string;
  /** Measures every method at one size and returns their rows; `again` is true when the size is measured a second time. */
  measureAt(size: number, again: boolean): Promise<Row[]>;
  emit(row: Row): void;
  /** Milliseconds from some origin; `performance.now` unless a test passes a fake. */
  now?: () => number;
}

/**
 * The series whose time at `sizes[index]` is off its neighbours' trend (see `offTrend`), judged
 * over the sizes up to three either side: enough to tell whether the point or a neighbour is the
 * one off, and at the first or last size whether its two nearest neighbours can be trusted.
 */
export function seriesOffTrend<Row extends TimedRow>(rowsBySize: ReadonlyArray<readonly Row[]>, index: number, key: keyof Row & string): string[] {
  const window = rowsBySize.slice(Math.max(0, index - 3), index + 4);
  const flagged: string[] = [];
  for (const row of rowsBySize[index]!) {
    const points = window
      .flatMap((rows) => rows.filter((other) => other.series === row.series))
      .map((point) => ({ x: Number(point[key]), ms: point.medianMs }));
    if (offTrend(points, OFF_TREND_FACTOR).includes(Number(row[key]))) flagged.push(row.series);
  }
  return flagged;
}

/**
 * Measures `sizes` in turn and emits their rows two sizes late, measuring again, once, any size
 * where a series is off its neighbours' trend, the first and last sizes included (within the
 * re-measuring budget). A row measured
 * again for that reason carries `firstMedianMs`, its first measurement's median, so the page can
 * say what happened.
 */
export async function measureSizes<Row extends TimedRow>({
  sizes,
  key,
  measureAt,
  emit,
  now = () => performance.now(),
}: MeasureSizesOptions<Row>): Promise<void> {
  const measured: Row[][] = [];
  let measuringMs = 0;
  let remeasuringMs = 0;
  const timed = async (size: number, again: boolean) => {
    const start = now();
    const rows = await measureAt(size, again);
    const elapsed = now() - start;
    if (again) remeasuringMs += elapsed;
    else measuringMs += elapsed;
    return rows;
  };
  /** Judges one size, measures it again where a series is off its trend and the budget allows, and emits its rows. */
  const settle = async (index: number) => {
    const flagged = seriesOffTrend(measured, index, key);
    if (flagged.length > 0 && remeasuringMs < REMEASURE_SHARE * measuringMs) {
      const first = measured[index]!;
      const again = await timed(sizes[index]!, true);
      measured[index] = again.map((row) => {
        const earlier = first.find((other) => other.series === row.series);
        return flagged.includes(row.series) && earlier ? { ...row, firstMedianMs: earlier.medianMs } : row;
      });
    }
    for (const row of measured[index]!) emit(row);
  };
  let settled = 0;
  for (let i = 0; i < sizes.length; i++) {
    measured[i] = await timed(sizes[i]!, false);
    // Two sizes on, a size's neighbours and theirs are known; the first two sizes wait for the fourth, which
    // tells whether the first size's neighbours are on their own trend.
    if (i >= 3) while (settled <= i - 2) await settle(settled++);
  }
  while (settled < sizes.length) await settle(settled++);
}
