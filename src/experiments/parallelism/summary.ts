/** Experiment 1 (parallelism)'s summary: the sentences derived from its rows, shown under the plot and kept for the summary chapter. */
import { formatInteger, formatMs, formatPercent, formatRate } from '../../utils/format';
import {
  constantsSentence,
  describeLeaders,
  explainAt,
  fitRuns,
  fitSentence,
  measuredLeaders,
  projectionSentence,
  LOOSE_FIT,
  TIE_RATIO,
  type DeviceConstants,
} from '../shared/explain-timing';
import { seriesValues, type ExperimentRow } from '../shared/definition';
import { ATTENTION_LAYER_SERIES, RNN_SERIES, RNN_SUBMIT_SERIES, RNN_VARIANT_SERIES } from '../shared/series';
import type { ParallelismRow, ParallelismParams } from './definition';

/** How far the labelled projection scales this device's fitted arithmetic rate. */
const PROJECTED_RATE_FACTOR = 100;

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

/** At each T, the fastest of the given rows. */
function fastestByT(rows: readonly ParallelismRow[]): Map<number, ParallelismRow> {
  const fastest = new Map<number, ParallelismRow>();
  for (const row of rows) {
    const best = fastest.get(row.T);
    if (!best || row.medianMs < best.medianMs) fastest.set(row.T, row);
  }
  return fastest;
}

/** What the per-step submits cost, in the measured submit-and-wait round trips. */
function submitSentence(rows: readonly ParallelismRow[], t: number, constants: DeviceConstants | undefined): string | undefined {
  const row = rows.find((candidate) => candidate.series === RNN_SUBMIT_SERIES && candidate.T === t);
  if (!row || constants?.kind !== 'webgpu') return undefined;
  const predicted = row.submits * constants.submitAndWaitMs;
  return `${RNN_SUBMIT_SERIES}: at T = ${formatInteger(t)} it made ${formatInteger(row.submits)} submit-and-waits; at the measured ${formatMs(constants.submitAndWaitMs)} each, they predict ${formatMs(predicted)}, and the run took ${formatMs(row.medianMs)}.`;
}

/** The sentences under the plot (and in the summary chapter), derived from the rows and this device's constants. */
export function summarizeParallelism(rows: readonly ParallelismRow[], _params: ParallelismParams, constants?: DeviceConstants): string[] {
  if (rows.length === 0) return [];
  const sentences = ['Every run is one sequence: batch size 1.'];
  sentences.push(...[...RNN_NAMES, ATTENTION_LAYER_SERIES].map((series) => growthSentence(rows, series)).filter((s): s is string => !!s));

  const attention = fastestByT(rows.filter((row) => row.series === ATTENTION_LAYER_SERIES));
  const rnnRows = rows.filter((row) => RNN_NAMES.includes(row.series));
  const rnn = fastestByT(rnnRows);
  const variantsMeasured = new Set(rnnRows.map((row) => row.series)).size;
  const names = { a: variantsMeasured > 1 ? 'the fastest RNN variant' : 'the RNN', b: 'attention' };
  const sizes = [...attention.keys()].filter((t) => rnn.has(t)).sort((x, y) => x - y);
  const largest = sizes.at(-1);

  if (largest !== undefined) {
    const rnnAtLargest = rnn.get(largest)!;
    const attentionAtLargest = attention.get(largest)!;
    const gap = Math.abs(rnnAtLargest.medianMs - attentionAtLargest.medianMs) / Math.max(rnnAtLargest.medianMs, attentionAtLargest.medianMs);
    const fastestVariant = `its fastest variant there, “${rnnAtLargest.series}”`;
    const at = `At the largest T shown, ${formatInteger(largest)}`;
    if (gap <= TIE_RATIO) {
      const which = variantsMeasured > 1 ? ` (${fastestVariant})` : '';
      sentences.push(
        `${at}, the RNN and attention took within ${formatPercent(TIE_RATIO)} of each other: ${formatMs(rnnAtLargest.medianMs)}${which} and ${formatMs(attentionAtLargest.medianMs)}.`,
      );
    } else if (rnnAtLargest.medianMs < attentionAtLargest.medianMs) {
      const took = variantsMeasured > 1 ? `${fastestVariant}, took ` : '';
      sentences.push(`${at}, the RNN was faster: ${took}${formatMs(rnnAtLargest.medianMs)} against ${formatMs(attentionAtLargest.medianMs)} for attention.`);
    } else {
      const against = variantsMeasured > 1 ? `for the fastest RNN variant, “${rnnAtLargest.series}”` : 'for the RNN';
      sentences.push(`${at}, attention was faster: ${formatMs(attentionAtLargest.medianMs)} against ${formatMs(rnnAtLargest.medianMs)} ${against}.`);
    }
    const leaders = describeLeaders(
      measuredLeaders(
        sizes,
        (t) => rnn.get(t)!.medianMs,
        (t) => attention.get(t)!.medianMs,
      ),
      names,
      'T',
    );
    if (leaders) sentences.push(leaders);
  }

  const constantsLine = constantsSentence(constants);
  if (constantsLine) sentences.push(constantsLine);
  // The time model has no term for a submit, so it is fitted to the runs that submit once.
  const oneBuffer = rows.filter((row) => row.submits <= 1);
  const model = fitRuns(oneBuffer);
  const onGpu = rows.some((row) => row.submits > 0);
  sentences.push(fitSentence(model, constants, onGpu ? 'the runs recorded in one command buffer' : 'these runs'));

  const rnnOneBuffer = fastestByT(rnnRows.filter((row) => row.submits <= 1));
  if (model && largest !== undefined && rnnOneBuffer.has(largest)) {
    const rnnRow = rnnOneBuffer.get(largest)!;
    const rnnName = variantsMeasured > 1 ? `the RNN (“${rnnRow.series}”)` : 'the RNN';
    sentences.push(explainAt(model, 'T', largest, { ...rnnRow, name: rnnName }, { ...attention.get(largest)!, name: 'attention' }));
    const projectedSizes = sizes.filter((t) => rnnOneBuffer.has(t));
    const projection = projectionSentence(
      model,
      { rateFactor: PROJECTED_RATE_FACTOR },
      { a: 'the RNN', b: 'attention' },
      (t) => rnnOneBuffer.get(t)!,
      (t) => attention.get(t)!,
      projectedSizes,
      'T',
    );
    // A projection from a fit that does not reproduce this device would project noise.
    if (projection && model.fit.medianRelativeError <= LOOSE_FIT) sentences.push(projection);
  }
  if (largest !== undefined) {
    const submits = submitSentence(rows, largest, constants);
    if (submits) sentences.push(submits);
  }

  const best = (series: readonly string[]) => Math.max(0, ...rows.filter((row) => series.includes(row.series)).map((row) => row.gflops));
  sentences.push(
    `Best arithmetic rate by wall clock: ${formatRate(best([ATTENTION_LAYER_SERIES]) * 1e6)} for attention against ${formatRate(best([RNN_SERIES]) * 1e6)} for the RNN.`,
  );
  return sentences;
}
