/**
 * The measured roofline behind every "why": Williams, Waterman and Patterson's roofline
 * ("Roofline: an insightful visual performance model for multicore architectures",
 * Communications of the ACM 52(4), 2009), with a term for dispatches added:
 *
 *   predicted time = dispatches × overhead + max(FLOPs ÷ rate, bytes ÷ bandwidth)
 *
 * The three constants are measured on this device with micro-kernels before a sweep
 * (kernels/runtime/device-constants.ts), never fitted to the sweep they explain. A gap
 * between two methods is explained only when the predicted ratio lies within 25% of the
 * measured one; otherwise the page says the terms do not account for it and shows both
 * ratios. Pure code: no GPU, no DOM.
 */
import { formatCount, formatMs } from '../../utils/format';

export interface RooflineConstants {
  /** One dispatch's fixed cost, in milliseconds (0 on the CPU path, which makes none). */
  overheadMs: number;
  /** Arithmetic rate of an FMA-bound kernel, in FLOP per millisecond. */
  flopsPerMs: number;
  /** Streaming read/write bandwidth, in bytes per millisecond. */
  bytesPerMs: number;
}

/** One run's counted work. */
export interface CountedWork {
  dispatches: number;
  flops: number;
  bytes: number;
}

export type Term = 'dispatches' | 'arithmetic' | 'memory traffic';

export interface RooflinePrediction {
  dispatchMs: number;
  arithmeticMs: number;
  memoryMs: number;
  totalMs: number;
  /** The largest of the three terms. */
  dominant: Term;
}

/** A predicted ratio within this fraction of the measured one explains the gap. */
export const AGREEMENT = 0.25;

export function predict(constants: RooflineConstants, work: CountedWork): RooflinePrediction {
  const dispatchMs = work.dispatches * constants.overheadMs;
  const arithmeticMs = work.flops / constants.flopsPerMs;
  const memoryMs = work.bytes / constants.bytesPerMs;
  const totalMs = dispatchMs + Math.max(arithmeticMs, memoryMs);
  const terms: Array<[Term, number]> = [
    ['dispatches', dispatchMs],
    ['arithmetic', arithmeticMs],
    ['memory traffic', memoryMs],
  ];
  const dominant = terms.reduce((best, term) => (term[1] > best[1] ? term : best))[0];
  return { dispatchMs, arithmeticMs, memoryMs, totalMs, dominant };
}

/** Whether a predicted ratio lies within AGREEMENT of a measured one (relative to the measured). */
export function agrees(predictedRatio: number, measuredRatio: number): boolean {
  return Number.isFinite(predictedRatio) && Number.isFinite(measuredRatio) && measuredRatio > 0 && Math.abs(predictedRatio / measuredRatio - 1) <= AGREEMENT;
}

/** Usable constants: every one finite and positive (the overhead may be zero). */
export function usableConstants(constants: Partial<RooflineConstants> | undefined): constants is RooflineConstants {
  return (
    !!constants &&
    Number.isFinite(constants.overheadMs) &&
    constants.overheadMs! >= 0 &&
    Number.isFinite(constants.flopsPerMs) &&
    constants.flopsPerMs! > 0 &&
    Number.isFinite(constants.bytesPerMs) &&
    constants.bytesPerMs! > 0
  );
}

export interface NamedWork extends CountedWork {
  name: string;
  medianMs: number;
}

const ratio = (value: number) => `${value.toPrecision(3)}×`;

export interface GapExplanation {
  sentence: string;
  /** Whether the roofline accounts for the gap; a projection may use the model only when it does. */
  explained: boolean;
}

/**
 * Why a took longer or shorter than b at one size, in the roofline's terms, or the statement
 * that its terms do not account for the gap, with both ratios.
 */
export function explainGap(constants: RooflineConstants, variable: string, x: number, a: NamedWork, b: NamedWork): GapExplanation {
  const at = `${variable} = ${formatCount(x)}`;
  const predictedA = predict(constants, a);
  const predictedB = predict(constants, b);
  const measuredRatio = a.medianMs / b.medianMs;
  const predictedRatio = predictedA.totalMs / predictedB.totalMs;
  const both = `measured ${a.name} ÷ ${b.name} = ${ratio(measuredRatio)}, predicted ${ratio(predictedRatio)}`;
  if (!agrees(predictedRatio, measuredRatio)) {
    return {
      sentence: `At ${at}, dispatches, arithmetic and memory traffic do not account for the gap: ${both}.`,
      explained: false,
    };
  }
  return {
    sentence:
      `At ${at} the roofline accounts for the gap (${both}): ${a.name}'s predicted ${formatMs(predictedA.totalMs)} is dominated by ${predictedA.dominant}, ` +
      `${b.name}'s ${formatMs(predictedB.totalMs)} by ${predictedB.dominant}.`,
    explained: true,
  };
}

/** The constants as a sentence for "How this was measured". */
export function constantsDetail(constants: RooflineConstants): string {
  return (
    `Roofline constants measured on this device before the sweep with micro-kernels: ${formatMs(constants.overheadMs)} per dispatch, ` +
    `${(constants.flopsPerMs / 1e6).toPrecision(3)} GFLOP/s from an FMA-bound kernel, ${(constants.bytesPerMs / 1e6).toPrecision(3)} GB/s from a streaming read/write kernel; ` +
    'predicted time = dispatches × overhead + max(FLOPs ÷ rate, bytes ÷ bandwidth) (Williams, Waterman and Patterson, CACM 2009, plus a dispatch term).'
  );
}

/** The roofline constants a device's measured constants carry, where its rate and bandwidth were measured. */
export function rooflineOf(
  constants: { kind: string; perDispatchMs?: number; measuredFlopsPerMs?: number; bytesPerMs?: number } | undefined,
): RooflineConstants | undefined {
  if (!constants) return undefined;
  const candidate = {
    overheadMs: constants.kind === 'cpu' ? 0 : (constants.perDispatchMs ?? NaN),
    flopsPerMs: constants.measuredFlopsPerMs ?? NaN,
    bytesPerMs: constants.bytesPerMs ?? NaN,
  };
  return usableConstants(candidate) ? candidate : undefined;
}

/** A row as the roofline reads it: counted dispatches, FLOPs and bytes, and the measured median. */
export interface RooflineRow {
  medianMs: number;
  dispatches: number;
  flops?: number;
  bytes?: number;
}

/**
 * Why a and b differ at one size, when the roofline accounts for it; otherwise the sentence
 * that says its terms do not (or that this run lacks the constants or counts to say).
 */
export function whyAt(
  constants: RooflineConstants | undefined,
  variable: string,
  x: number,
  a: RooflineRow & { name: string },
  b: RooflineRow & { name: string },
): GapExplanation {
  if (!constants) {
    return {
      sentence: 'No sentence here says why one method was faster: this run did not measure the arithmetic rate and memory bandwidth the roofline needs.',
      explained: false,
    };
  }
  if (a.flops === undefined || a.bytes === undefined || b.flops === undefined || b.bytes === undefined) {
    return { sentence: 'No sentence here says why one method was faster: these rows do not carry both counted FLOPs and counted bytes.', explained: false };
  }
  return explainGap(constants, variable, x, { ...a, flops: a.flops, bytes: a.bytes }, { ...b, flops: b.flops, bytes: b.bytes });
}
