/**
 * The sentences every timing experiment explains itself with, built only from its
 * rows and this device's measured constants: which method was faster where, the
 * fitted cost per dispatch and arithmetic rate with the fit's quality, why one
 * method lost at a size in those terms, and labelled projections onto other devices.
 * Pure code: no GPU, no DOM. See time-model.ts for the model itself.
 */
import type { DeviceConstants } from '../../../kernels/runtime/device-constants';
import { breakdown, fitTimeModel, leaderSpans, predictMs, predictedLeaders, scaledModel, type LeaderSpan, type TimeModel, type TimedWork } from './time-model';
import { formatCount, formatFlops, formatMs, formatPercent, formatRate } from '../../utils/format';

/** This device's fixed costs (kernels/runtime/device-constants.ts), measured once per page, or the CPU path, which has none. */
export type { DeviceConstants };

/** A timed row as the explanations read it: wall-clock time and counted work. */
export interface CountedRun {
  medianMs: number;
  dispatches: number;
  flops?: number;
}

/** Times within this fraction of each other count as a tie: quick timings of three repetitions differ by a few percent between runs. */
export const TIE_RATIO = 0.05;

/** Errors and gaps in two significant figures, and “under 0.1%” below that. */
const percent = (fraction: number) => formatPercent(fraction, 2, 0.001);
const times = (ratio: number) => `${ratio.toPrecision(3)}×`;

/** What was measured before the sweep, or why nothing was. */
export function constantsSentence(constants: DeviceConstants | undefined): string | undefined {
  if (!constants) return undefined;
  if (constants.kind === 'cpu') {
    return 'The CPU path makes no GPU dispatches, so there is no dispatch cost to measure; its fit below has an arithmetic rate alone.';
  }
  return `Measured on this device before the sweep: one minimal dispatch inside a command buffer costs ${formatMs(constants.perDispatchMs)}, and one submit-and-wait round trip costs ${formatMs(constants.submitAndWaitMs)}.`;
}

/** Fits time ≈ dispatches × overhead + FLOPs ÷ rate to the rows that carry a FLOP count. */
export function fitRuns(rows: readonly CountedRun[]): TimeModel | undefined {
  const runs: TimedWork[] = rows
    .filter((row) => typeof row.flops === 'number')
    .map((row) => ({ dispatches: row.dispatches, flops: row.flops!, ms: row.medianMs }));
  return fitTimeModel(runs);
}

/** The fitted constants and how well they reproduce the runs, next to the measured cost of a minimal dispatch. */
export function fitSentence(model: TimeModel | undefined, constants: DeviceConstants | undefined, which = 'these runs'): string {
  if (!model) return `Too few usable runs to fit time ≈ dispatches × overhead + FLOPs ÷ rate to ${which}.`;
  const overhead = model.overheadMs > 0 ? `${formatMs(model.overheadMs)} per dispatch` : 'no cost per dispatch';
  const measured =
    constants?.kind === 'webgpu' && model.overheadMs > 0
      ? ` The fitted cost per dispatch is ${times(model.overheadMs / constants.perDispatchMs)} the measured minimal dispatch.`
      : '';
  return (
    `Fitted to ${which} (${model.fit.samples}), time ≈ dispatches × overhead + FLOPs ÷ rate gives ${overhead} and ${formatRate(model.flopsPerMs)}; ` +
    `it reproduces them with a median error of ${percent(model.fit.medianRelativeError)} and at worst ${percent(model.fit.worstRelativeError)}.${measured}`
  );
}

/** How a size reads in a sentence: "T = 8", or a stretch "T = 1–16". */
function stretch(variable: string, from: number, to: number): string {
  return from === to ? `${variable} = ${formatCount(from)}` : `${variable} = ${formatCount(from)}–${formatCount(to)}`;
}

/** Names of the two compared series, as they read inside a sentence ("the RNN", "attention"). */
export interface Pair {
  a: string;
  b: string;
}

/** Which was faster over which stretches, for every outcome: one leader, crossings (once or more), ties. */
export function describeLeaders(spans: readonly LeaderSpan[], names: Pair, variable: string): string | undefined {
  if (spans.length === 0) return undefined;
  const name = (leader: LeaderSpan['leader']) => (leader === 'tie' ? `neither (within ${percent(TIE_RATIO)})` : names[leader]);
  if (spans.length === 1) {
    const only = spans[0]!;
    const range =
      only.from === only.to ? `at ${stretch(variable, only.from, only.to)}` : `at every ${variable} from ${formatCount(only.from)} to ${formatCount(only.to)}`;
    return only.leader === 'tie'
      ? `The two were within ${percent(TIE_RATIO)} of each other ${range}.`
      : `The lines never cross: ${names[only.leader]} was faster ${range}.`;
  }
  const changes = spans.filter((span) => span.leader !== 'tie');
  let crossings = 0;
  for (let i = 1; i < changes.length; i++) if (changes[i]!.leader !== changes[i - 1]!.leader) crossings++;
  const seen = new Set<string>();
  const parts = spans.map((span) => {
    const again = span.leader !== 'tie' && seen.has(span.leader) ? ' again' : '';
    seen.add(span.leader);
    return `${name(span.leader)}${again} at ${stretch(variable, span.from, span.to)}`;
  });
  const crossed =
    crossings === 0
      ? 'The lines touch but never cross'
      : crossings === 1
        ? 'The lines cross once'
        : crossings === 2
          ? 'The lines cross twice'
          : `The lines cross ${crossings} times`;
  return `${crossed}: faster was ${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}.`;
}

/** Measured spans of two series by size; ties within TIE_RATIO. */
export function measuredLeaders(sizes: readonly number[], timeA: (x: number) => number, timeB: (x: number) => number): LeaderSpan[] {
  return leaderSpans(sizes, timeA, timeB, TIE_RATIO);
}

/** A fit whose typical run is off by more than half explains nothing; explanations decline above this median error. */
export const LOOSE_FIT = 0.5;

/** One series' run at one size, as an explanation reads it. */
export interface NamedRun extends CountedRun {
  /** How the series reads in a sentence: "the RNN", "attention". */
  name: string;
  flops: number;
}

/** "512 dispatches × 60.0 µs = 30.7 ms and 33.6 MFLOP ÷ 0.300 GFLOP/s = 112 ms" for one run under a model. */
function terms(model: Pick<TimeModel, 'overheadMs' | 'flopsPerMs'>, run: NamedRun): string {
  const parts = breakdown(model, run);
  const arithmetic = `${formatFlops(run.flops)} ÷ ${formatRate(model.flopsPerMs)} = ${formatMs(parts.arithmeticMs)}`;
  if (run.dispatches === 0) return arithmetic;
  if (model.overheadMs === 0) return `${formatCount(run.dispatches)} dispatch${run.dispatches === 1 ? '' : 'es'} at no fitted cost plus ${arithmetic}`;
  return `${formatCount(run.dispatches)} dispatch${run.dispatches === 1 ? '' : 'es'} × ${formatMs(model.overheadMs)} = ${formatMs(parts.overheadMs)} plus ${arithmetic}`;
}

/**
 * Why the slower of two runs at one size was slower, in the fitted constants' terms:
 * which difference (more dispatches, more arithmetic) outweighs which. Says so when the
 * fit orders the two differently from the clock, rather than explaining what it cannot.
 */
export function explainAt(model: TimeModel, variable: string, x: number, a: NamedRun, b: NamedRun): string {
  const at = `${variable} = ${formatCount(x)}`;
  if (model.fit.medianRelativeError > LOOSE_FIT) {
    return `With a median error of ${percent(model.fit.medianRelativeError)}, the fit is too loose to say why one method was faster at ${at}; the measured times stand on their own.`;
  }
  const split = `By the fit, at ${at} ${a.name} costs ${terms(model, a)}, and ${b.name} ${terms(model, b)}.`;
  const measuredGap = Math.abs(a.medianMs - b.medianMs) / Math.max(a.medianMs, b.medianMs);
  if (measuredGap <= TIE_RATIO) return `${split} The two measured within ${percent(TIE_RATIO)} of each other there.`;
  const [slow, fast] = a.medianMs > b.medianMs ? [a, b] : [b, a];
  if (predictMs(model, slow) <= predictMs(model, fast)) {
    return `${split} The fit orders them the other way from the clock at ${at}, so it does not explain this result; see its errors above.`;
  }
  const more = (x: number, y: number) => (y > 0 ? times(x / y) : 'infinitely many');
  const slowDispatches = slow.dispatches > fast.dispatches;
  const slowArithmetic = slow.flops > fast.flops;
  let reason: string;
  if (slowDispatches && slowArithmetic) {
    reason = `${slow.name} makes ${more(slow.dispatches, fast.dispatches)} the dispatches and does ${more(slow.flops, fast.flops)} the arithmetic`;
  } else if (slowArithmetic) {
    reason =
      fast.dispatches > slow.dispatches
        ? `${slow.name}'s ${more(slow.flops, fast.flops)} more arithmetic outweighs ${fast.name}'s ${more(fast.dispatches, slow.dispatches)} more dispatches`
        : `${slow.name} does ${more(slow.flops, fast.flops)} the arithmetic${slow.dispatches > 0 ? ' with as many dispatches' : ''}`;
  } else if (slowDispatches) {
    reason =
      fast.flops > slow.flops
        ? `${slow.name}'s ${more(slow.dispatches, fast.dispatches)} more dispatches outweigh ${fast.name}'s ${more(fast.flops, slow.flops)} more arithmetic`
        : `${slow.name} makes ${more(slow.dispatches, fast.dispatches)} the dispatches for as much arithmetic`;
  } else {
    reason = `${slow.name} does no more work by count, so the fit's two constants leave its extra time unexplained`;
  }
  return `${split} So ${reason}.`;
}

/**
 * A labelled projection: the same fitted model with `rateFactor`× the arithmetic rate and
 * `overheadFactor`× the cost per dispatch, and which series it predicts faster where.
 * Never a measurement; its inputs are stated in the sentence.
 */
export function projectionSentence(
  model: Pick<TimeModel, 'overheadMs' | 'flopsPerMs'>,
  { rateFactor, overheadFactor = 1 }: { rateFactor: number; overheadFactor?: number },
  names: Pair,
  workA: (x: number) => Pick<TimedWork, 'dispatches' | 'flops'>,
  workB: (x: number) => Pick<TimedWork, 'dispatches' | 'flops'>,
  sizes: readonly number[],
  variable: string,
): string | undefined {
  if (!Number.isFinite(model.flopsPerMs) || sizes.length === 0) return undefined;
  const projected = scaledModel(model, rateFactor, overheadFactor);
  const spans = predictedLeaders(projected, workA, workB, sizes);
  const leaders = describeLeaders(spans, names, variable);
  if (!leaders) return undefined;
  const overhead = overheadFactor === 1 ? 'the same cost per dispatch' : `${overheadFactor}× the cost per dispatch`;
  return (
    `Projection, not a measurement: with ${rateFactor}× this rate (${formatRate(projected.flopsPerMs)}) and ${overhead} (${formatMs(projected.overheadMs)}), ` +
    `the fitted model predicts: ${leaders.charAt(0).toLowerCase()}${leaders.slice(1)}`
  );
}
