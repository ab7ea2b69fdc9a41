/** The information-bottleneck experiment's summary: the sentences derived from its rows, shown under the plot and kept for the summary chapter. */
import { formatInteger } from '../../utils/format';
import { recallCapacityEstimate } from '../../../kernels/recall/capacity';
import { seriesValues } from '../shared/definition';
import { ATTENTION_RECALL_SERIES, CAPACITY_MEASURED_SERIES, FIXED_STATE_SERIES, WINDOW_RECALL_SERIES } from '../shared/series';
import type { BottleneckRow, BottleneckParams } from './definition';
import { percent, HOLD_ACCURACY, HELD_EVERYWHERE, squareState, longestHolding } from './holding';

/** One method's accuracy over T, as a sentence: where it first fell below 50%, or that it never did. */
function holdingSentence(name: string, accuracyByT: ReadonlyMap<number, number>): string {
  const lengths = [...accuracyByT.keys()].sort((a, b) => a - b);
  const { longest, held } = longestHolding(accuracyByT);
  if (held) return `${name} stayed at or above 50% at every T up to ${formatInteger(lengths.at(-1)!)}.`;
  const failedAt = lengths.find((t) => accuracyByT.get(t)! < HOLD_ACCURACY)!;
  const last = longest === undefined ? ` (already at the shortest T)` : `; the longest T that held was ${formatInteger(longest)}`;
  return `${name} fell below 50% at T = ${formatInteger(failedAt)}${last}.`;
}

/** The sentences about the state-size sweep: measured longest T against the estimate, per size. */
function capacitySentences(rows: readonly BottleneckRow[]): string[] {
  const measured = rows.filter((row) => row.series === CAPACITY_MEASURED_SERIES).sort((a, b) => a.stateSize! - b.stateSize!);
  if (measured.length === 0) return [];
  const parts = measured.map((row) => {
    const m = row.stateSize!;
    const value = row.T === undefined ? 'below 50% at the shortest T' : `${row.note === HELD_EVERYWHERE ? 'at least ' : ''}${formatInteger(row.T)}`;
    return `m = ${formatInteger(m)}: ${value} (estimate ${formatInteger(recallCapacityEstimate(m))})`;
  });
  const sentences = [`Longest T at 50% or more, measured against the estimate T ≈ m/(2 ln T): ${parts.join('; ')}.`];
  const ratios = measured.filter((row) => row.T !== undefined && row.note !== HELD_EVERYWHERE).map((row) => row.T! / recallCapacityEstimate(row.stateSize!));
  if (ratios.length > 0) {
    const low = Math.min(...ratios);
    const high = Math.max(...ratios);
    sentences.push(
      low === high
        ? `Where it fell, the measured length was ${low.toFixed(2)}× the estimate.`
        : `Where it fell, the measured length was between ${low.toFixed(2)}× and ${high.toFixed(2)}× the estimate.`,
    );
  }
  return sentences;
}

/** The sentences under the plot (and in the summary chapter), derived from the rows. */
export function summarizeBottleneck(rows: readonly BottleneckRow[], params: BottleneckParams): string[] {
  const m = squareState(params.stateSize);
  const atM = rows.filter((row) => row.stateSize === m);
  const fixed = seriesValues(atM, FIXED_STATE_SERIES, 'T', 'accuracy');
  const window = seriesValues(atM, WINDOW_RECALL_SERIES, 'T', 'accuracy');
  const attention = seriesValues(rows, ATTENTION_RECALL_SERIES, 'T', 'accuracy');
  const sentences: string[] = [];
  if (fixed.size > 0) {
    sentences.push(
      `${holdingSentence(`The fixed state of m = ${formatInteger(m)} numbers`, fixed).slice(0, -1)}; the estimate T ≈ m/(2 ln T) gives ${formatInteger(recallCapacityEstimate(m))}.`,
    );
  }
  if (window.size > 0) sentences.push(holdingSentence(`Attention given the same ${formatInteger(m)} numbers (a window of the last pairs)`, window));
  if (attention.size > 0) {
    const values = [...attention.values()];
    sentences.push(
      `Attention over all T pairs, whose memory grows with T, stayed between ${percent(Math.min(...values))} and ${percent(Math.max(...values))} at every T.`,
    );
  }
  sentences.push(...capacitySentences(rows));
  const lengths = [...new Set(rows.filter((row) => row.accuracy !== undefined).map((row) => row.T!))];
  if (lengths.length > 0) {
    const longest = Math.max(...lengths);
    const position = Math.min(params.position, longest);
    sentences.push(
      `The pair at position ${formatInteger(position)} of ${formatInteger(longest)}: attention reads it in one hop; the fixed state holds it only as one term of a sum of ${formatInteger(longest)} outer products, which has no order, so reading it back returns it with the crosstalk of the other ${formatInteger(longest - 1)} pairs, wherever it stood.`,
    );
  }
  return sentences;
}
