/**
 * How a timing sweep steps through its sizes so that no point off its neighbours' trend becomes a
 * finding unchecked: each size's rows are held until the next two sizes are measured; a series whose time
 * at a size is more than 2× off the line through its two neighbours (log–log, see `offTrend`) is
 * measured again, every method at that size, interleaved as before, and the new rows replace the
 * old. Rows therefore reach the page two sizes late. Re-measuring stops once it has taken half as
 * long as the sweep's own measuring: a point still off its trend, or not measured again, is held
 * back by `pairFindings`. Pure code, with the clock passed in, so tests drive it with a fake timer.
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
 * over the sizes up to two either side: enough to tell whether the point or a neighbour is the
 * one off. A series with no size below or above this one (the first or last it ran at) is not judged.
 */
export function seriesOffTrend<Row extends TimedRow>(rowsBySize: ReadonlyArray<readonly Row[]>, index: number, key: keyof Row & string): string[] {
  const window = rowsBySize.slice(Math.max(0, index - 2), index + 3);
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
 * where a series is off its neighbours' trend (within the re-measuring budget). A row measured
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
  for (let i = 0; i < sizes.length; i++) {
    measured[i] = await timed(sizes[i]!, false);
    // Two sizes on, a size's neighbours and theirs are known.
    if (i >= 2) await settle(i - 2);
  }
  for (let index = Math.max(0, sizes.length - 2); index < sizes.length; index++) await settle(index);
}
