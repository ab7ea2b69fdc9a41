/** The scan experiment's summary: the sentences derived from its rows, shown under the plot and kept for the summary chapter. */
import { formatInteger, formatMs, formatRate } from '../../utils/format';
import { constantsSentence, type DeviceConstants } from '../shared/explain-timing';
import type { ExperimentSummary, Verdict } from '../shared/definition';
import { bySize, intervalDetails, leadSentence, pairFindings } from '../shared/pair-findings';
import { formatInterval } from '../shared/ratio-interval';
import { rooflineOf, whyAt } from '../shared/roofline';
import { SCAN_CHUNKED_SERIES, SCAN_LOOP_SERIES } from '../shared/series';
import type { ScanRow, ScanParams } from './definition';

const ratio = (value: number) => `${value.toPrecision(3)}×`;

const NAMES = { a: 'the chunked scan', b: 'the loop' };

const byLength = (rows: readonly ScanRow[], series: string) => bySize(rows, series, 'T');

/** The scan's counted work beside the loop's, at one length: how much more arithmetic and traffic, how much shorter a chain. */
function countedSentence(t: number, scan: ScanRow, loop: ScanRow): string {
  const chunk = scan.chunk ? ` It folded chunks of L = ${formatInteger(scan.chunk)} steps, then replayed each from its carry.` : '';
  return (
    `Counted at T = ${formatInteger(t)}: the chunked scan does ${formatInteger(scan.flops)} FLOPs and ${formatInteger(scan.memoryOps)} loads and stores, ` +
    `the loop ${formatInteger(loop.flops)} and ${formatInteger(loop.memoryOps)}: ${ratio(scan.flops / loop.flops)} the arithmetic and ${ratio(scan.memoryOps / loop.memoryOps)} the memory traffic, ` +
    `in a longest chain of ${formatInteger(scan.dependentSteps)} dependent steps against the loop's ${formatInteger(loop.dependentSteps)}.${chunk}`
  );
}

/**
 * Why the faster method was faster at one length, from measured numbers only: the measured
 * cost of a dispatch taken off each time (none on the CPU path), and the effective rate
 * (counted FLOPs ÷ the time left) each method reached, against how much more arithmetic the scan does.
 */
function rateSentence(t: number, scan: ScanRow, loop: ScanRow, constants?: DeviceConstants): string {
  const overhead = constants?.kind === 'webgpu' ? constants.perDispatchMs : 0;
  const dispatchMs = (row: ScanRow) => row.dispatches * overhead;
  const rest = (row: ScanRow) => row.medianMs - dispatchMs(row);
  const at = `T = ${formatInteger(t)}`;
  const swamped = [rest(scan) <= 0 ? NAMES.a : '', rest(loop) <= 0 ? NAMES.b : ''].filter(Boolean);
  if (swamped.length > 0) {
    return `At ${at} the measured cost of its dispatches is as long as ${swamped.join(' and ')}'s whole time, so no arithmetic rate can be read from the clock there.`;
  }
  const [scanRate, loopRate] = [scan.flops / rest(scan), loop.flops / rest(loop)];
  const intro =
    overhead > 0
      ? `Taking the measured ${formatMs(overhead)} per dispatch off each time at ${at} (${formatMs(dispatchMs(scan))} of the scan's ${formatMs(scan.medianMs)}, ${formatMs(dispatchMs(loop))} of the loop's ${formatMs(loop.medianMs)}),`
      : `At ${at}, with no dispatches to take off,`;
  let outcome: string;
  if (rest(scan) < rest(loop)) {
    outcome =
      scan.medianMs >= loop.medianMs
        ? `so its arithmetic alone took less time than the loop's, and its ${formatInteger(scan.dispatches - loop.dispatches)} more dispatches are what it lost by`
        : 'so its higher rate more than paid for its extra arithmetic';
  } else {
    outcome = 'so its rate did not make up for its extra arithmetic and traffic';
  }
  return (
    `${intro} the chunked scan computed at an effective ${formatRate(scanRate)} (counted FLOPs ÷ the time left) and the loop at ${formatRate(loopRate)}: ` +
    `${ratio(scanRate / loopRate)} the loop's rate for ${ratio(scan.flops / loop.flops)} its arithmetic, ${outcome}.`
  );
}

/** How closely the two outputs agree, and why they differ at all where they do. */
function agreementSentence(differences: readonly number[]): string | undefined {
  if (differences.length === 0) return undefined;
  const largest = Math.max(...differences);
  if (largest === 0) return 'Scan and loop gave bit-for-bit the same outputs at every T measured.';
  return `Scan and loop agree to within ${largest.toExponential(2)}. They differ at all because the scan forms products of a over whole chunks, and sums, that the loop never computes, so the two round differently.`;
}

/**
 * The result first: at the largest T, the chunked scan's time against the loop's with the ratio's
 * 95% interval, and whether it shows the chapter's claim (the scan beats the loop at long T),
 * contradicts it on this device, or cannot tell.
 */
export function summarizeScan(rows: readonly ScanRow[], _params: ScanParams, constants?: DeviceConstants): ExperimentSummary {
  const loop = byLength(rows, SCAN_LOOP_SERIES);
  const chunked = byLength(rows, SCAN_CHUNKED_SERIES);
  const findings = pairFindings(chunked, loop, NAMES, 'T');
  const largest = findings.largest;
  if (!largest) return { headline: '', verdict: 'noisy', sentences: [], details: [] };
  const last = largest.x;
  const [scanAt, loopAt] = [chunked.get(last)!, loop.get(last)!];
  const interval = largest.interval ? ` (scan ÷ loop ${formatInterval(largest.interval)})` : '';
  const times = `At T = ${formatInteger(last)} the chunked scan took ${formatMs(scanAt.medianMs)} and the loop ${formatMs(loopAt.medianMs)}${interval}`;
  const verdict: Verdict = largest.outcome === 'a' ? 'shows' : largest.outcome === 'noise' ? 'noisy' : 'contradicts';
  const headline =
    largest.outcome === 'a'
      ? `${times}: the scan was faster at the longest sequence measured.`
      : largest.outcome === 'b'
        ? `${times}: on this device the loop was faster at the longest sequence measured.`
        : largest.outcome === 'tie'
          ? `${times}: the two tied within ±10%, so the scan gained nothing here.`
          : `${times}: the difference is within noise.`;
  const why = whyAt(rooflineOf(constants), 'T', last, { ...scanAt, bytes: scanAt.bytes, name: NAMES.a }, { ...loopAt, name: NAMES.b });
  const differences = rows.map((row) => row.maxDifference).filter((value): value is number => typeof value === 'number');
  const sentences = [leadSentence(findings, NAMES, 'T'), why.explained ? why.sentence : undefined, agreementSentence(differences)].filter(
    (sentence): sentence is string => !!sentence,
  );
  const details = [
    constantsSentence(constants),
    ...intervalDetails(findings, NAMES, 'T'),
    countedSentence(last, scanAt, loopAt),
    rateSentence(last, scanAt, loopAt, constants),
    why.explained ? undefined : why.sentence,
  ].filter((sentence): sentence is string => !!sentence);
  return { headline, verdict, sentences: sentences.slice(0, 3), details };
}
