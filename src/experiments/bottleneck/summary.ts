/**
 * The information-bottleneck experiment's summary: a headline and verdict, decided on the
 * accuracies' Wilson 95% intervals, and the sentences derived from its rows.
 */
import { formatInteger } from '../../utils/format';
import { recallCapacityEstimate } from '../../../kernels/recall/capacity';
import type { ExperimentSummary } from '../shared/definition';
import { ATTENTION_RECALL_SERIES, CAPACITY_MEASURED_SERIES, FIXED_STATE_SERIES, WINDOW_RECALL_SERIES } from '../shared/series';
import type { BottleneckRow, BottleneckParams } from './definition';
import { MIN_QUESTIONS, percent, percentWithInterval, squareState, longestHolding, holdingAt, type Tally } from './holding';

/** A method's right answers and questions by T, from its accuracy rows. */
function talliesOf(rows: readonly BottleneckRow[], series: string): Map<number, Tally> {
  return new Map(
    rows
      .filter((row) => row.series === series && row.accuracy !== undefined && row.questions !== undefined)
      .map((row) => [row.T!, { correct: row.correct ?? Math.round(row.accuracy! * row.questions!), questions: row.questions! }]),
  );
}

/** One method's accuracy over T, as a clause: where it first fell below 50% on its interval, or that it never did. */
function holdingClause(tallies: ReadonlyMap<number, Tally>): string {
  const lengths = [...tallies.keys()].sort((a, b) => a - b);
  const { longest, fellAt, heldEverywhere } = longestHolding(tallies);
  if (heldEverywhere) return `held at or above 50% at every T up to ${formatInteger(lengths.at(-1)!)} (95% intervals)`;
  if (fellAt === undefined) {
    return `never fell clearly below 50% up to T = ${formatInteger(lengths.at(-1)!)}, but its interval reached below 50% at ${lengths.filter((t) => holdingAt(tallies.get(t)!) !== 'held').length} of ${lengths.length} lengths`;
  }
  const last = longest === undefined ? ', and no T before it held' : `; the longest T that held was ${formatInteger(longest)}`;
  return `fell below 50% at T = ${formatInteger(fellAt)}, with ${percentWithInterval(tallies.get(fellAt)!)}${last}`;
}

/** Attention over all pairs: its lowest accuracy and interval, and whether every T held. */
function attentionClause(tallies: ReadonlyMap<number, Tally>): { text: string; held: boolean; fell: boolean } {
  const lengths = [...tallies.keys()];
  const worst = lengths.reduce((a, b) => (tallies.get(b)!.correct / tallies.get(b)!.questions < tallies.get(a)!.correct / tallies.get(a)!.questions ? b : a));
  const held = lengths.every((t) => holdingAt(tallies.get(t)!) === 'held');
  const fell = lengths.some((t) => holdingAt(tallies.get(t)!) === 'fell');
  const values = lengths.map((t) => tallies.get(t)!.correct / tallies.get(t)!.questions);
  const range =
    Math.min(...values) === Math.max(...values)
      ? `answered ${percent(values[0]!)} right at every T`
      : `answered between ${percent(Math.min(...values))} and ${percent(Math.max(...values))} right, lowest ${percentWithInterval(tallies.get(worst)!)} at T = ${formatInteger(worst)}`;
  return { text: range, held, fell };
}

/** Measured capacity against the estimate per state size; the ratio range counts only real capacities (bracketed, not the shortest T tried). */
function capacitySentences(rows: readonly BottleneckRow[]): string[] {
  const measured = rows.filter((row) => row.series === CAPACITY_MEASURED_SERIES).sort((a, b) => a.stateSize! - b.stateSize!);
  if (measured.length === 0) return [];
  const parts = measured.map((row) => {
    const m = row.stateSize!;
    const value =
      row.T === undefined
        ? 'held at no T'
        : row.fellAt === undefined
          ? `at least ${formatInteger(row.T)}`
          : `${formatInteger(row.T)} (fell at ${formatInteger(row.fellAt)})`;
    return `m = ${formatInteger(m)}: ${value}, estimate ${formatInteger(recallCapacityEstimate(m))}`;
  });
  const sentences = [`Longest T held at 50% or more, measured against the estimate T ≈ m/(2 ln T): ${parts.join('; ')}.`];
  const capacities = measured.filter((row) => row.T !== undefined && row.fellAt !== undefined && (row.note === undefined || row.note === ''));
  const ratios = capacities.map((row) => row.T! / recallCapacityEstimate(row.stateSize!));
  if (ratios.length > 0) {
    const low = Math.min(...ratios);
    const high = Math.max(...ratios);
    const where = `Where a capacity was bracketed (${capacities.length} of ${measured.length} state sizes; a length that held only at the shortest T tried, or never fell, is not one)`;
    sentences.push(
      low === high
        ? `${where}, the measured length was ${low.toFixed(2)}× the estimate.`
        : `${where}, the measured length was between ${low.toFixed(2)}× and ${high.toFixed(2)}× the estimate.`,
    );
  }
  return sentences;
}

/** The headline, verdict and sentences under the plot (and in the summary chapter), derived from the rows. */
export function summarizeBottleneck(rows: readonly BottleneckRow[], params: BottleneckParams): ExperimentSummary {
  const m = squareState(params.stateSize);
  const atM = rows.filter((row) => row.stateSize === m);
  const fixed = talliesOf(atM, FIXED_STATE_SERIES);
  const window = talliesOf(atM, WINDOW_RECALL_SERIES);
  const attention = talliesOf(rows, ATTENTION_RECALL_SERIES);
  const estimate = recallCapacityEstimate(m);
  const details = [
    `Each accuracy is pooled over at least ${MIN_QUESTIONS} questions (independent draws of keys, values and projection where T is smaller) and carries a Wilson 95% interval; a method "held" at a T when its whole interval lay at or above 50%, and "fell" when its whole interval lay below 50%.`,
    `The estimate T ≈ m/(2 ln T) is the chapter's signal-to-noise argument: keys overlap by about 1/√n in n = √m dimensions, so the crosstalk of T pairs grows like T/m.`,
    ...capacitySentences(rows),
  ];
  if (fixed.size === 0 && attention.size === 0) return { headline: '', verdict: 'noisy', sentences: [], details: rows.length > 0 ? details : [] };

  const fixedHolding = fixed.size > 0 ? longestHolding(fixed) : undefined;
  const attentionResult = attention.size > 0 ? attentionClause(attention) : undefined;
  const longestTried = Math.max(...[...fixed.keys(), ...attention.keys()]);
  const fixedText = fixed.size > 0 ? `the fixed state of m = ${formatInteger(m)} numbers ${holdingClause(fixed)}` : undefined;
  const attentionText = attentionResult ? `attention over all T pairs ${attentionResult.text}` : undefined;
  const headline = `${[fixedText, attentionText].filter(Boolean).join(', while ')}.`;
  const capitalised = headline[0]!.toUpperCase() + headline.slice(1);

  let verdict: ExperimentSummary['verdict'] = 'noisy';
  if (attentionResult?.fell) verdict = 'contradicts';
  else if (fixedHolding?.heldEverywhere && longestTried >= 2 * estimate) verdict = 'contradicts';
  else if (fixedHolding?.fellAt !== undefined && (attentionResult === undefined || attentionResult.held)) verdict = 'shows';

  const sentences: string[] = [];
  if (fixedHolding && fixedHolding.fellAt === undefined && longestTried < 2 * estimate) {
    sentences.push(
      `The estimate for m = ${formatInteger(m)} is T ≈ ${formatInteger(estimate)}; this run stopped at T = ${formatInteger(longestTried)}, too short to see the state fill.`,
    );
  } else if (fixed.size > 0) {
    sentences.push(`The estimate T ≈ m/(2 ln T) gives ${formatInteger(estimate)} for m = ${formatInteger(m)}.`);
  }
  if (window.size > 0) sentences.push(`Attention given the same ${formatInteger(m)} numbers (a window of the last pairs) ${holdingClause(window)}.`);
  if (verdict === 'noisy' && fixedHolding && fixedHolding.fellAt === undefined && !fixedHolding.heldEverywhere) {
    sentences.push(`Where an interval straddles 50%, neither "held" nor "fell" is claimed; a larger T or more questions would decide it.`);
  }
  return { headline: capitalised, verdict, sentences: sentences.slice(0, 3), details };
}
