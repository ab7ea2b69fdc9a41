/** The scan experiment's summary: the sentences derived from its rows, shown under the plot and kept for the summary chapter. */
import { formatInteger, formatMs, formatRate } from '../../utils/format';
import { constantsSentence, describeLeaders, fitRuns, fitSentence, measuredLeaders, type DeviceConstants } from '../shared/explain-timing';
import { SCAN_CHUNKED_SERIES, SCAN_LOOP_SERIES } from '../shared/series';
import type { ScanRow, ScanParams } from './definition';

const ratio = (value: number) => `${value.toPrecision(3)}×`;

const NAMES = { a: 'the chunked scan', b: 'the loop' };

function byLength(rows: readonly ScanRow[], series: string): Map<number, ScanRow> {
  return new Map(rows.filter((row) => row.series === series).map((row) => [row.T, row]));
}

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

/** The sentences under the plot (and in the summary chapter), derived from the rows and this device's constants. */
export function summarizeScan(rows: readonly ScanRow[], _params: ScanParams, constants?: DeviceConstants): string[] {
  const loop = byLength(rows, SCAN_LOOP_SERIES);
  const chunked = byLength(rows, SCAN_CHUNKED_SERIES);
  const lengths = [...chunked.keys()].filter((t) => loop.has(t)).sort((a, b) => a - b);
  if (lengths.length === 0) return [];
  const last = lengths.at(-1)!;
  const [scanAt, loopAt] = [chunked.get(last)!, loop.get(last)!];
  const model = fitRuns(rows);
  const differences = rows.map((row) => row.maxDifference).filter((value): value is number => typeof value === 'number');
  const sentences = [
    constantsSentence(constants),
    describeLeaders(
      measuredLeaders(
        lengths,
        (t) => chunked.get(t)!.medianMs,
        (t) => loop.get(t)!.medianMs,
      ),
      NAMES,
      'T',
    ),
    countedSentence(last, scanAt, loopAt),
    fitSentence(model, constants, 'both methods at every T'),
    rateSentence(last, scanAt, loopAt, constants),
    agreementSentence(differences),
  ];
  return sentences.filter((sentence): sentence is string => !!sentence);
}
