/** The streaming experiment's summary: the sentences derived from its rows, shown under the plot and kept for the summary chapter. */
import { formatInteger, formatMs } from '../../utils/format';
import { kvStepWork } from '../../../kernels/attention/cost';
import { constantsSentence, fitRuns, fitSentence, type DeviceConstants } from '../shared/explain-timing';
import { KV_STEP_SERIES, RNN_STEP_SERIES } from '../shared/series';
import type { StreamingRow, StreamingParams } from './definition';

/** Clock and count "agree" while their ratios are within this factor of each other. */
export const AGREEMENT_FACTOR = 2;

const ratio = (value: number) => `${value >= 0.01 ? value.toPrecision(3) : value.toExponential(2)}×`;

const percent = (fraction: number) => (fraction > 0 && fraction < 0.005 ? 'under 1%' : `${Math.round(fraction * 100)}%`);

const dispatchCount = (n: number) => `${formatInteger(n)} dispatch${n === 1 ? '' : 'es'}`;

function byPosition(rows: readonly StreamingRow[], series: string): Map<number, StreamingRow> {
  return new Map(rows.filter((row) => row.series === series).map((row) => [row.position, row]));
}

/** How many dispatches each step records, and where the KV step's count changes (its cache split across workgroups). */
function dispatchSentence(rnn: StreamingRow, kv: readonly StreamingRow[]): string {
  if (rnn.dispatches === 0 && kv.every((row) => row.dispatches === 0)) return 'Both steps ran as the CPU reference, which records no GPU dispatches.';
  const stretches: Array<{ dispatches: number; from: number; to: number }> = [];
  for (const row of kv) {
    const last = stretches.at(-1);
    if (last?.dispatches === row.dispatches) last.to = row.position;
    else stretches.push({ dispatches: row.dispatches, from: row.position, to: row.position });
  }
  const kvPart =
    stretches.length === 1
      ? `the KV-cache step ${dispatchCount(stretches[0]!.dispatches)} at every position`
      : `the KV-cache step ${stretches.map((s) => `${dispatchCount(s.dispatches)} at p = ${formatInteger(s.from)}${s.to > s.from ? `–${formatInteger(s.to)}` : ''}`).join(', ')}`;
  return `Counted dispatches: the RNN step records ${dispatchCount(rnn.dispatches)}, ${kvPart}.`;
}

/**
 * Where clock and count disagree most, by how much, and how much of each time the measured
 * cost of a minimal dispatch accounts for (WebGPU only: the CPU path has no dispatches).
 */
function disagreementSentences(
  positions: readonly number[],
  rnn: Map<number, StreamingRow>,
  kv: Map<number, StreamingRow>,
  constants?: DeviceConstants,
): string[] {
  const compared = positions.map((p) => {
    const counted = kv.get(p)!.flops / rnn.get(p)!.flops;
    const measured = kv.get(p)!.medianMs / rnn.get(p)!.medianMs;
    return { p, counted, measured, apart: Math.max(measured / counted, counted / measured) };
  });
  const worst = compared.reduce((a, b) => (b.apart > a.apart ? b : a));
  if (!(worst.apart >= AGREEMENT_FACTOR)) {
    return [
      `Clock and count agree within ${AGREEMENT_FACTOR}× at every position measured: the ratio of the two steps' times stays within ${AGREEMENT_FACTOR}× of the ratio of their FLOPs.`,
    ];
  }
  const sentences = [
    `Clock and count disagree most at p = ${formatInteger(worst.p)}: the attention step took ${ratio(worst.measured)} the RNN step's time, while by count it does ${ratio(worst.counted)} its arithmetic, ${ratio(worst.apart)} apart.`,
  ];
  if (constants?.kind !== 'webgpu') return sentences;
  const overhead = constants.perDispatchMs;
  const [rnnRow, kvRow] = [rnn.get(worst.p)!, kv.get(worst.p)!];
  const share = (row: StreamingRow) => Math.min(1, (row.dispatches * overhead) / row.medianMs);
  const rest = (row: StreamingRow) => row.medianMs - row.dispatches * overhead;
  let corrected: string;
  if (rest(rnnRow) > 0 && rest(kvRow) > 0) {
    const after = rest(kvRow) / rest(rnnRow);
    const left = Math.max(after / worst.counted, worst.counted / after);
    corrected = ` Taking that cost off both times leaves a ratio of ${ratio(after)}, ${left < AGREEMENT_FACTOR ? `within ${AGREEMENT_FACTOR}× of the count` : `still ${ratio(left)} from the count`}.`;
  } else {
    const covered = [rest(rnnRow) <= 0 ? 'the RNN step' : '', rest(kvRow) <= 0 ? 'the attention step' : ''].filter(Boolean).join(' and ');
    corrected = ` That cost alone is as long as ${covered}'s whole measured time, so at this position the clock cannot see the arithmetic.`;
  }
  const accounts = (row: StreamingRow) => `${dispatchCount(row.dispatches)} ${row.dispatches === 1 ? 'accounts' : 'account'}`;
  sentences.push(
    `At the ${formatMs(overhead)} measured for a minimal dispatch, at p = ${formatInteger(worst.p)} the RNN step's ${accounts(rnnRow)} for ${percent(share(rnnRow))} of its ${formatMs(rnnRow.medianMs)}, and the attention step's ${accounts(kvRow)} for ${percent(share(kvRow))} of its ${formatMs(kvRow.medianMs)}.${corrected}`,
  );
  return sentences;
}

/** The sentences under the plot (and in the summary chapter), derived from the rows and this device's constants. */
export function summarizeStreaming(rows: readonly StreamingRow[], params: StreamingParams, constants?: DeviceConstants): string[] {
  const rnn = byPosition(rows, RNN_STEP_SERIES);
  const kv = byPosition(rows, KV_STEP_SERIES);
  const positions = [...kv.keys()].filter((p) => rnn.has(p)).sort((a, b) => a - b);
  if (positions.length === 0) return [];
  const { multiple, width } = params;
  const last = positions.at(-1)!;
  const stepFlops = rnn.get(positions[0]!)!.flops;
  // 4·p·d ≥ k · 4d² ⇔ p ≥ k·d.
  const countedPosition = Math.ceil((multiple * stepFlops) / kvStepWork(1, width).flops);
  const measured = positions.find((p) => kv.get(p)!.medianMs >= multiple * rnn.get(p)!.medianMs);
  const lastRatio = kv.get(last)!.medianMs / rnn.get(last)!.medianMs;
  const sentences = [
    constantsSentence(constants),
    `Counted work: the RNN step is ${formatInteger(stepFlops)} FLOPs at every position; the KV-cache step is 4·p·d (plus a combine where its cache is split), ${formatInteger(kv.get(last)!.flops)} FLOPs at p = ${formatInteger(last)}.`,
    dispatchSentence(
      rnn.get(positions[0]!)!,
      positions.map((p) => kv.get(p)!),
    ),
    `By count, the attention step does ${formatInteger(multiple)}× the RNN step's arithmetic from position ${formatInteger(countedPosition)} (4·p·d ≥ ${formatInteger(multiple)} · ${formatInteger(stepFlops)})${countedPosition > last ? `, beyond the last position measured (p = ${formatInteger(last)})` : ''}.`,
    measured === undefined
      ? `By the clock on this device, it never took ${formatInteger(multiple)}× the RNN step's time up to p = ${formatInteger(last)}; there it took ${ratio(lastRatio)}.`
      : `By the clock on this device, it first took ${formatInteger(multiple)}× the RNN step's time at p = ${formatInteger(measured)}; at p = ${formatInteger(last)} it took ${ratio(lastRatio)}.`,
    ...disagreementSentences(positions, rnn, kv, constants),
    fitSentence(fitRuns(rows), constants, 'both steps at every position'),
  ];
  return sentences.filter((sentence): sentence is string => !!sentence);
}
