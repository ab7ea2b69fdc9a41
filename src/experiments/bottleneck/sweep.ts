/**
 * Sweep for experiment 2: recall accuracy against T for the fixed state of m
 * numbers and for attention given the same m numbers, at each state size of the
 * sweep (and the one chosen); attention over all pairs once per T; and, per state
 * size, the longest T each held at 50% beside the chapter's estimate.
 */
import { recall, type RecallMethod } from '../../../kernels/recall/host';
import { recallInputs } from '../../../kernels/recall/reference';
import { recallCapacityEstimate } from '../../../kernels/recall/capacity';
import {
  ATTENTION_RECALL_SERIES,
  CAPACITY_ESTIMATE_SERIES,
  CAPACITY_MEASURED_SERIES,
  FIXED_STATE_SERIES,
  WINDOW_CAPACITY_SERIES,
  WINDOW_RECALL_SERIES,
} from '../shared/series';
import { HELD_EVERYWHERE, drawsAt, longestHolding, quarterOctaves, squareState, SWEPT_STATE_SIZES, tallyInterval, type Tally } from './holding';
import { deriveSeed } from '../../../kernels/runtime';
import type { Sweep } from '../shared/definition';
import type { BottleneckParams, BottleneckRow } from './definition';
import { SEED, checkpoint } from '../shared/sweep-steps';
import { RECALL_EXPERIMENT } from '../../lesson/recall-experiment';

/** Keys and values are RECALL_EXPERIMENT.width wide; the fixed state sees them through a projection to n = ⌊√m⌋ dimensions. */
const { width: RECALL_WIDTH, questions: RECALL_QUESTIONS, shortestT } = RECALL_EXPERIMENT;

export const sweepBottleneck: Sweep<BottleneckParams, BottleneckRow> = async (context) => {
  const { backend, params, signal } = context;
  const chosen = squareState(params.stateSize);
  const stateSizes = [...new Set([chosen, ...SWEPT_STATE_SIZES])];
  const lengths = quarterOctaves(shortestT, Math.max(shortestT, params.maxT));
  const windowless = stateSizes.filter((m) => m < 2 * RECALL_WIDTH);
  if (windowless.length > 0) {
    context.notice(
      `A window cannot hold one pair of ${RECALL_WIDTH} + ${RECALL_WIDTH} numbers in m = ${windowless.join(', ')}; attention with the same memory is measured from m = ${2 * RECALL_WIDTH}.`,
    );
  }
  const draws = (t: number) => drawsAt(t, RECALL_QUESTIONS);
  const runsAtEachM = lengths.reduce((sum, t) => sum + draws(t), 0);
  const runs = runsAtEachM * (1 + stateSizes.length * 2);
  let done = 0;
  /** One method at one T: independent draws until at least MIN_QUESTIONS questions are asked, their answers pooled. */
  const measure = async (method: RecallMethod, series: string, t: number, stateSize: number) => {
    const shape = { pairs: t, width: RECALL_WIDTH, queries: Math.min(t, RECALL_QUESTIONS) };
    const tally: Tally = { correct: 0, questions: 0 };
    let window = 0;
    for (let draw = 0; draw < draws(t); draw++) {
      checkpoint(signal);
      context.progress(done, runs, `${series}, m = ${stateSize}, T = ${t}`);
      const inputs = recallInputs(draw === 0 ? SEED : deriveSeed(SEED, 1000 + draw), shape, stateSize);
      window = inputs.window;
      if (window < 1 && method === 'attention-window') break;
      const result = await recall(backend, inputs, shape, method, { signal });
      tally.correct += Math.round(result.output.accuracy * shape.queries);
      tally.questions += shape.queries;
      done++;
    }
    return { tally, window };
  };
  const accuracyFields = (tally: Tally) => {
    const { estimate, low, high } = tallyInterval(tally);
    return { accuracy: estimate, low, high, correct: tally.correct, questions: tally.questions };
  };

  for (const t of lengths) {
    const { tally } = await measure('attention', ATTENTION_RECALL_SERIES, t, chosen);
    context.emit({ series: ATTENTION_RECALL_SERIES, T: t, ...accuracyFields(tally), storedNumbers: 2 * t * RECALL_WIDTH });
  }
  for (const stateSize of stateSizes) {
    const fixed = new Map<number, Tally>();
    const windowed = new Map<number, Tally>();
    for (const t of lengths) {
      const state = await measure('fixed-state', FIXED_STATE_SERIES, t, stateSize);
      fixed.set(t, state.tally);
      context.emit({ series: FIXED_STATE_SERIES, stateSize, T: t, ...accuracyFields(state.tally), storedNumbers: stateSize });
      if (state.window < 1) {
        done += draws(t);
        continue;
      }
      const window = await measure('attention-window', WINDOW_RECALL_SERIES, t, stateSize);
      windowed.set(t, window.tally);
      const storedNumbers = 2 * window.window * RECALL_WIDTH;
      context.emit({ series: WINDOW_RECALL_SERIES, stateSize, T: t, ...accuracyFields(window.tally), storedNumbers });
    }
    for (const [series, tallyByT] of [
      [CAPACITY_MEASURED_SERIES, fixed],
      [WINDOW_CAPACITY_SERIES, windowed],
    ] as const) {
      if (tallyByT.size === 0) continue;
      const { longest, fellAt, heldEverywhere, isCapacity } = longestHolding(tallyByT);
      const note = heldEverywhere
        ? HELD_EVERYWHERE
        : fellAt === undefined
          ? 'never clearly below 50%'
          : isCapacity
            ? undefined
            : 'held only at the shortest T, or not at all';
      context.emit({ series, stateSize, T: longest, fellAt, note });
    }
    context.emit({ series: CAPACITY_ESTIMATE_SERIES, stateSize, T: recallCapacityEstimate(stateSize) });
  }
  context.progress(runs, runs, 'done');
};
