/** Experiment 1 (parallelism)'s summary: the sentences derived from its rows, shown under the plot and kept for the summary chapter. */
import { formatInteger, formatMs, formatRate } from '../../utils/format';
import { constantsSentence, type DeviceConstants } from '../shared/explain-timing';
import { seriesValues, type ExperimentRow, type ExperimentSummary, type Verdict } from '../shared/definition';
import { bySize, intervalDetails, leadSentence, pairFindings } from '../shared/pair-findings';
import { formatInterval } from '../shared/ratio-interval';
import { rooflineOf, whyAt } from '../shared/roofline';
import { ATTENTION_LAYER_SERIES, RNN_SERIES, RNN_SUBMIT_SERIES, RNN_VARIANT_SERIES } from '../shared/series';
import type { ParallelismRow, ParallelismParams } from './definition';

const RNN_NAMES: readonly string[] = Object.values(RNN_VARIANT_SERIES);

/** "time(T=512) / time(T=1)", or the largest T the sweep reached when it stopped short of 512. */
function growthSentence(rows: readonly ExperimentRow[], series: string): string | undefined {
  const byT = seriesValues(rows, series, 'T', 'medianMs');
  const first = byT.get(1);
  if (first === undefined || byT.size < 2) return undefined;
  const target = byT.has(512) ? 512 : Math.max(...byT.keys());
  const ratio = byT.get(target)! / first;
  return `${series}: T = ${formatInteger(target)} took ${ratio.toPrecision(3)}× as long as T = 1.`;
}

/** What the per-step submits cost, in the measured submit-and-wait round trips. */
function submitSentence(rows: readonly ParallelismRow[], t: number, constants: DeviceConstants | undefined): string | undefined {
  const row = rows.find((candidate) => candidate.series === RNN_SUBMIT_SERIES && candidate.T === t);
  if (!row || constants?.kind !== 'webgpu') return undefined;
  const predicted = row.submits * constants.submitAndWaitMs;
  return `${RNN_SUBMIT_SERIES}: at T = ${formatInteger(t)} it made ${formatInteger(row.submits)} submit-and-waits; at the measured ${formatMs(constants.submitAndWaitMs)} each, they predict ${formatMs(predicted)}, and the run took ${formatMs(row.medianMs)}.`;
}

/**
 * The result first: at the largest T, the RNN's time against the attention layer's with the
 * ratio's 95% interval, and whether that shows the chapter's claim (attention, parallel over T,
 * beats the chain of T dependent steps), contradicts it on this device, or cannot tell.
 */
export function summarizeParallelism(rows: readonly ParallelismRow[], _params: ParallelismParams, constants?: DeviceConstants): ExperimentSummary {
  // Like for like: the RNN recorded in one command buffer, as the attention layer is.
  const rnn = bySize(rows, RNN_SERIES, 'T');
  const attention = bySize(rows, ATTENTION_LAYER_SERIES, 'T');
  const names = { a: 'the RNN', b: 'attention' };
  const findings = pairFindings(rnn, attention, names, 'T');
  const largest = findings.largest;
  if (!largest) return { headline: '', verdict: 'noisy', sentences: [], details: [] };
  const t = largest.x;
  const [rnnRow, attentionRow] = [rnn.get(t)!, attention.get(t)!];
  const interval = largest.interval ? ` (RNN ÷ attention ${formatInterval(largest.interval)})` : '';
  const times = `At T = ${formatInteger(t)} the RNN took ${formatMs(rnnRow.medianMs)} and the attention layer ${formatMs(attentionRow.medianMs)}${interval}`;
  const everywhere = (outcome: 'a' | 'b') => findings.comparisons.every((c) => c.outcome === outcome);
  const headline =
    largest.outcome === 'b'
      ? `${times}: attention was faster${everywhere('b') ? ' at every length' : ' at the longest sequence'}.`
      : largest.outcome === 'a'
        ? `${times}: on this device the chain was faster${everywhere('a') ? ' at every length' : ' at the longest sequence'}.`
        : largest.outcome === 'tie'
          ? `${times}: the two tied within ±10%.`
          : `${times}: the difference is within noise.`;
  const verdict: Verdict = largest.outcome === 'b' ? 'shows' : largest.outcome === 'noise' ? 'noisy' : 'contradicts';
  const why = whyAt(rooflineOf(constants), 'T', t, { ...rnnRow, name: names.a }, { ...attentionRow, name: names.b });
  const sentences = ['Every run is one sequence: batch size 1.', leadSentence(findings, names, 'T'), why.explained ? why.sentence : undefined].filter(
    (sentence): sentence is string => !!sentence,
  );

  const details: string[] = [...intervalDetails(findings, names, 'T')];
  details.push(...[...RNN_NAMES, ATTENTION_LAYER_SERIES].map((series) => growthSentence(rows, series)).filter((s): s is string => !!s));
  const constantsLine = constantsSentence(constants);
  if (constantsLine) details.push(constantsLine);
  if (!why.explained) details.push(why.sentence);
  const submits = submitSentence(rows, t, constants);
  if (submits) details.push(submits);
  const best = (series: readonly string[]) => Math.max(0, ...rows.filter((row) => series.includes(row.series)).map((row) => row.gflops));
  details.push(
    `Best arithmetic rate by wall clock: ${formatRate(best([ATTENTION_LAYER_SERIES]) * 1e6)} for attention against ${formatRate(best([RNN_SERIES]) * 1e6)} for the RNN.`,
  );
  return { headline, verdict, sentences, details };
}
