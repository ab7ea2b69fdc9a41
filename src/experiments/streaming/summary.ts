/** The streaming experiment's summary: the sentences derived from its rows, shown under the plot and kept for the summary chapter. */
import { formatInteger, formatMs } from '../../utils/format';
import { kvStepWork } from '../../../kernels/attention/cost';
import { constantsSentence, type DeviceConstants } from '../shared/explain-timing';
import type { ExperimentSummary, Verdict } from '../shared/definition';
import { bySize, intervalDetails, leadSentence, pairFindings } from '../shared/pair-findings';
import { formatInterval } from '../shared/ratio-interval';
import { KV_STEP_SERIES, RNN_STEP_SERIES } from '../shared/series';
import type { StreamingRow, StreamingParams } from './definition';

/** Clock and count "agree" while their ratios are within this factor of each other. */
export const AGREEMENT_FACTOR = 2;

const ratio = (value: number) => `${value >= 0.01 ? value.toPrecision(3) : value.toExponential(2)}×`;

const percent = (fraction: number) => (fraction > 0 && fraction < 0.005 ? 'under 1%' : `${Math.round(fraction * 100)}%`);

const dispatchCount = (n: number) => `${formatInteger(n)} dispatch${n === 1 ? '' : 'es'}`;

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

/**
 * The result first: at the last position, the KV-cache step's time against the RNN step's with
 * the ratio's 95% interval, and whether that shows the chapter's claim (the attention step's
 * cost grows with the position while the RNN step's state stays at d numbers), contradicts it
 * on this device, or cannot tell.
 */
export function summarizeStreaming(rows: readonly StreamingRow[], params: StreamingParams, constants?: DeviceConstants): ExperimentSummary {
  const rnn = bySize(rows, RNN_STEP_SERIES, 'position');
  const kv = bySize(rows, KV_STEP_SERIES, 'position');
  const names = { a: 'the attention step', b: 'the RNN step' };
  const findings = pairFindings(kv, rnn, names, 'p');
  const largest = findings.largest;
  if (!largest) return { headline: '', verdict: 'noisy', sentences: [], details: [] };
  const positions = findings.comparisons.map((c) => c.x);
  const { multiple, width } = params;
  const last = largest.x;
  const stepFlops = rnn.get(positions[0]!)!.flops;
  // 4·p·d ≥ k · 4d² ⇔ p ≥ k·d.
  const countedPosition = Math.ceil((multiple * stepFlops) / kvStepWork(1, width).flops);
  const measured = positions.find((p) => kv.get(p)!.medianMs >= multiple * rnn.get(p)!.medianMs);
  const interval = largest.interval ? ` (attention ÷ RNN ${formatInterval(largest.interval)})` : '';
  const times = `At position p = ${formatInteger(last)} the attention step with its KV cache took ${formatMs(kv.get(last)!.medianMs)} and the RNN step ${formatMs(rnn.get(last)!.medianMs)}${interval}`;
  const headline =
    largest.outcome === 'a'
      ? `${times}: on this device the attention step was still faster there, though its cache grows with p while the RNN's state stays at d numbers.`
      : largest.outcome === 'b'
        ? `${times}: the attention step, which reads all p cached keys and values, cost more than the RNN step, whose state stays at d numbers.`
        : largest.outcome === 'tie'
          ? `${times}: the two tied within ±10% there.`
          : `${times}: the difference is within noise.`;
  const verdict: Verdict = largest.outcome === 'b' ? 'shows' : largest.outcome === 'noise' ? 'noisy' : 'contradicts';
  const lastRatio = kv.get(last)!.medianMs / rnn.get(last)!.medianMs;
  const sentences = [
    leadSentence(findings, names, 'p'),
    measured === undefined
      ? `By the clock on this device, it never took ${formatInteger(multiple)}× the RNN step's time up to p = ${formatInteger(last)}; there it took ${ratio(lastRatio)}.`
      : `By the clock on this device, it first took ${formatInteger(multiple)}× the RNN step's time at p = ${formatInteger(measured)}; at p = ${formatInteger(last)} it took ${ratio(lastRatio)}.`,
  ].filter((sentence): sentence is string => !!sentence);
  const details = [
    ...intervalDetails(findings, names, 'p'),
    constantsSentence(constants),
    `Counted work: the RNN step is ${formatInteger(stepFlops)} FLOPs at every position; the KV-cache step is 4·p·d (plus a combine where its cache is split), ${formatInteger(kv.get(last)!.flops)} FLOPs at p = ${formatInteger(last)}.`,
    dispatchSentence(
      rnn.get(positions[0]!)!,
      positions.map((p) => kv.get(p)!),
    ),
    `By count, the attention step does ${formatInteger(multiple)}× the RNN step's arithmetic from position ${formatInteger(countedPosition)} (4·p·d ≥ ${formatInteger(multiple)} · ${formatInteger(stepFlops)})${countedPosition > last ? `, beyond the last position measured (p = ${formatInteger(last)})` : ''}.`,
    ...disagreementSentences(positions, rnn, kv, constants),
  ].filter((sentence): sentence is string => !!sentence);
  return { headline, verdict, sentences, details };
}
