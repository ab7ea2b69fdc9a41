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
import { HELD_EVERYWHERE, longestHolding, quarterOctaves, squareState, SWEPT_STATE_SIZES } from './definition';
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
  const runs = lengths.length * (1 + stateSizes.length * 2);
  let done = 0;
  const measure = async (method: RecallMethod, series: string, t: number, stateSize: number) => {
    checkpoint(signal);
    context.progress(done, runs, `${series}, m = ${stateSize}, T = ${t}`);
    const shape = { pairs: t, width: RECALL_WIDTH, queries: Math.min(t, RECALL_QUESTIONS) };
    const inputs = recallInputs(SEED, shape, stateSize);
    const result = await recall(backend, inputs, shape, method, { signal });
    done++;
    return { shape, inputs, accuracy: result.output.accuracy };
  };

  for (const t of lengths) {
    const { shape, accuracy } = await measure('attention', ATTENTION_RECALL_SERIES, t, chosen);
    context.emit({ series: ATTENTION_RECALL_SERIES, T: t, accuracy, questions: shape.queries, storedNumbers: 2 * t * RECALL_WIDTH });
  }
  for (const stateSize of stateSizes) {
    const fixed = new Map<number, number>();
    const windowed = new Map<number, number>();
    for (const t of lengths) {
      const state = await measure('fixed-state', FIXED_STATE_SERIES, t, stateSize);
      fixed.set(t, state.accuracy);
      context.emit({ series: FIXED_STATE_SERIES, stateSize, T: t, accuracy: state.accuracy, questions: state.shape.queries, storedNumbers: stateSize });
      if (state.inputs.window < 1) {
        done++;
        continue;
      }
      const window = await measure('attention-window', WINDOW_RECALL_SERIES, t, stateSize);
      windowed.set(t, window.accuracy);
      const storedNumbers = 2 * window.inputs.window * RECALL_WIDTH;
      context.emit({ series: WINDOW_RECALL_SERIES, stateSize, T: t, accuracy: window.accuracy, questions: window.shape.queries, storedNumbers });
    }
    for (const [series, accuracyByT] of [
      [CAPACITY_MEASURED_SERIES, fixed],
      [WINDOW_CAPACITY_SERIES, windowed],
    ] as const) {
      if (accuracyByT.size === 0) continue;
      const { longest, held } = longestHolding(accuracyByT);
      context.emit({ series, stateSize, T: longest, note: held ? HELD_EVERYWHERE : undefined });
    }
    context.emit({ series: CAPACITY_ESTIMATE_SERIES, stateSize, T: recallCapacityEstimate(stateSize) });
  }
  context.progress(runs, runs, 'done');
};
