/**
 * What two timed methods' rows let a page say, size by size: the ratio of their times with
 * its 95% interval, who led where the interval excludes 1, ties within ±10%, noise otherwise;
 * crossings only between significant leads; points off their neighbours' trend by more than
 * 2× (the first and last sizes judged against the line extrapolated from their two nearest) that
 * were not measured again, or measured again did not reproduce their first time within 25%, and
 * sizes where the two clocks disagree, held back from findings. Pure code.
 */
import { formatCount, formatMs } from '../../utils/format';
import type { TimedRow } from './definition';
import { clocksDisagree, compareAt, crossings, formatInterval, offTrend, reproduced, type Comparison } from './ratio-interval';

export interface PairNames {
  a: string;
  b: string;
}

/** One method's rows keyed by size. */
export type BySize<Row extends TimedRow> = Map<number, Row>;

export function bySize<Row extends TimedRow>(rows: readonly Row[], series: string, key: keyof Row & string): BySize<Row> {
  return new Map(rows.filter((row) => row.series === series).map((row) => [Number(row[key]), row]));
}

/** A row's repetitions; a row from before samples were kept counts as its median alone (too few for a finding). */
const samples = (row: TimedRow): readonly number[] => row.samplesMs ?? [row.medianMs];

export interface PairFindings {
  /** Every size both methods ran at, smallest first, with its comparison; held-back sizes read as noise. */
  comparisons: Comparison[];
  /** Sizes held back: off their neighbours' trend by more than 2×, or where the clocks disagree. */
  heldBack: Array<{ x: number; cause: 'trend' | 'clocks'; reason: string }>;
  /** Sizes measured again because a first measurement was off its neighbours' trend: on it the second time, or off it again by a time within 25% of the first (a real effect reproduces). */
  remeasured: Array<{ x: number; reason: string }>;
  /** The largest size's comparison. */
  largest: Comparison | undefined;
  /** Crossings between significant leads. */
  crossings: Array<{ from: Comparison; to: Comparison }>;
}

export function pairFindings<Row extends TimedRow>(a: BySize<Row>, b: BySize<Row>, names: PairNames, variable: string): PairFindings {
  const sizes = [...a.keys()].filter((x) => b.has(x)).sort((p, q) => p - q);
  const heldBack: PairFindings['heldBack'] = [];
  const remeasured: PairFindings['remeasured'] = [];
  for (const [series, name] of [
    [a, names.a],
    [b, names.b],
  ] as const) {
    const stillOff = new Set(offTrend(sizes.map((size) => ({ x: size, ms: series.get(size)!.medianMs }))));
    for (const x of sizes) {
      const row = series.get(x)!;
      const at = `${variable} = ${formatCount(x)}`;
      const first = row.firstMedianMs;
      if (stillOff.has(x) && first !== undefined && reproduced(first, row.medianMs)) {
        const reason = `${name}'s first time at ${at}, ${formatMs(first)}, was more than 2× off the trend of its neighbours; measured again, ${formatMs(row.medianMs)}, it is still off it but within 25% of the first, so the effect reproduced and is kept (noise seldom repeats itself), with the second measurement used`;
        remeasured.push({ x, reason });
      } else if (stillOff.has(x)) {
        const reason =
          first === undefined
            ? `${name}'s time at ${at} is more than 2× off the trend of its neighbours and was not measured again (re-measuring had used its share of the run's time)`
            : `${name}'s time at ${at} was more than 2× off the trend of its neighbours (${formatMs(first)}), and measured again (${formatMs(row.medianMs)}) it still is, without reproducing the first time within 25%`;
        heldBack.push({ x, cause: 'trend', reason });
      } else if (first !== undefined) {
        const reason = `${name}'s first time at ${at}, ${formatMs(first)}, was more than 2× off the trend of its neighbours; measured again, ${formatMs(row.medianMs)}, it is on it, and the second measurement is the one used`;
        remeasured.push({ x, reason });
      }
      if (clocksDisagree(row.medianMs, row.gpuMs)) {
        const reason = `at ${at}, ${name}'s GPU timestamps (${formatMs(row.gpuMs!)}) and wall clock (${formatMs(row.medianMs)}) disagree by more than 2×`;
        heldBack.push({ x, cause: 'clocks', reason });
      }
    }
  }
  const held = new Set(heldBack.map((entry) => entry.x));
  const comparisons = sizes.map((x) => {
    const comparison = compareAt(x, samples(a.get(x)!), samples(b.get(x)!));
    return held.has(x) ? { ...comparison, outcome: 'noise' as const } : comparison;
  });
  return { comparisons, heldBack, remeasured, largest: comparisons.at(-1), crossings: crossings(comparisons) };
}

/** How a stretch of sizes reads: "T = 8", "T = 8–64". */
const sizesText = (variable: string, xs: readonly number[]) =>
  xs.length === 1 ? `${variable} = ${formatCount(xs[0]!)}` : `${variable} = ${formatCount(xs[0]!)}–${formatCount(xs.at(-1)!)}`;

/** One sentence on where each method led significantly, where they tied, where it was noise, and any crossing. */
export function leadSentence(findings: PairFindings, names: PairNames, variable: string): string | undefined {
  const { comparisons } = findings;
  if (comparisons.length === 0) return undefined;
  const at = (outcome: Comparison['outcome']) => comparisons.filter((c) => c.outcome === outcome).map((c) => c.x);
  const parts: string[] = [];
  const aLeads = at('a');
  const bLeads = at('b');
  const ties = at('tie');
  const noise = at('noise');
  if (aLeads.length > 0) parts.push(`${names.a} was faster at ${aLeads.length} of ${comparisons.length} sizes (${sizesText(variable, aLeads)})`);
  if (bLeads.length > 0) parts.push(`${names.b} was faster at ${bLeads.length} of ${comparisons.length} (${sizesText(variable, bLeads)})`);
  if (ties.length > 0) parts.push(`they tied within ±10% at ${ties.length} of ${comparisons.length}`);
  if (noise.length > 0) parts.push(`the difference was within noise at ${noise.length} of ${comparisons.length}${heldBackClause(findings, variable)}`);
  const crossing =
    findings.crossings.length === 0
      ? aLeads.length > 0 && bLeads.length > 0
        ? ''
        : ' The lines never cross significantly.'
      : ` The lines cross ${findings.crossings.length === 1 ? 'once' : `${findings.crossings.length} times`}, with significant leads on both sides: ${findings.crossings
          .map((c) => `between ${variable} = ${formatCount(c.from.x)} and ${formatCount(c.to.x)}`)
          .join(', ')}.`;
  return `By 95% intervals on the ratio of their times, ${parts.join(', ')}.${crossing}`;
}

/**
 * Why sizes were held back, as a clause for the lead sentence, so the page says it where the
 * reader looks: where the GPU timestamps and the wall clock disagreed, and where a time stayed
 * off its neighbours' trend.
 */
function heldBackClause(findings: PairFindings, variable: string): string {
  const sizes = (cause: PairFindings['heldBack'][number]['cause']) =>
    [...new Set(findings.heldBack.filter((entry) => entry.cause === cause).map((entry) => entry.x))].sort((p, q) => p - q);
  const listed = (xs: number[]) => `${variable} = ${xs.map((x) => formatCount(x)).join(', ')}`;
  const [clocks, trend] = [sizes('clocks'), sizes('trend')];
  const parts = [
    clocks.length > 0 ? `at ${listed(clocks)} the GPU timestamps and the wall clock disagreed by more than 2×` : '',
    trend.length > 0 ? `at ${listed(trend)} a time stayed more than 2× off its neighbours' trend` : '',
  ].filter(Boolean);
  return parts.length === 0 ? '' : ` (held back: ${parts.join('; ')})`;
}

/** How a point off its neighbours' trend is treated, said wherever one was. */
export const TREND_RULE =
  'A time more than 2× off the log–log line through its two neighbours (at the first and last size, the line extrapolated from its two nearest) is measured again, once. ' +
  'The second measurement is used if it is back on the trend, or if it agrees with the first within 25%: a real effect, such as a memory wall or a cache edge, reproduces, and noise seldom does. ' +
  'Otherwise the size is held back from the findings.';

/** "How this was measured": the interval at every size, and what was held back. */
export function intervalDetails(findings: PairFindings, names: PairNames, variable: string): string[] {
  const details = [
    `Each point is the median of its repetitions; the ratio ${names.a} ÷ ${names.b} carries a 95% percentile-bootstrap interval over them (seeded, 2,000 resamples). ` +
      'A lead is stated only where the interval excludes 1, a tie only where it lies within ±10%, otherwise the difference is within noise.',
    ...findings.comparisons.map(
      (c) => `${variable} = ${formatCount(c.x)}: ${c.interval ? formatInterval(c.interval) : 'no usable repetitions'} → ${OUTCOME_WORDS[c.outcome](names)}.`,
    ),
  ];
  if (findings.remeasured.length > 0 || findings.heldBack.some((entry) => entry.cause === 'trend')) details.push(TREND_RULE);
  for (const entry of findings.remeasured) details.push(`Measured again: ${entry.reason}.`);
  for (const entry of findings.heldBack) details.push(`Held back from the findings: ${entry.reason}.`);
  return details;
}

const OUTCOME_WORDS: Record<Comparison['outcome'], (names: PairNames) => string> = {
  a: (names) => `${names.a} faster`,
  b: (names) => `${names.b} faster`,
  tie: () => 'a tie within ±10%',
  noise: () => 'within noise',
};
